// Package words is pure Go: it builds the same for every GOOS/GOARCH, with or without cgo.
package words

import "strings"

// Reverse returns s with its runes in reverse order.
func Reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Count returns how many whitespace-separated words s has.
func Count(s string) int {
	return len(strings.Fields(s))
}
