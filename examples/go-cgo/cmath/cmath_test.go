package cmath

import (
	"strconv"
	"testing"
)

func TestGCD(t *testing.T) {
	if got := GCD(1071, 462); got != 21 {
		t.Fatalf("GCD(1071, 462) = %d", got)
	}
	if got := GCD(1<<40, 1<<20); got != 1<<20 {
		t.Fatalf("GCD(2^40, 2^20) = %d", got)
	}
}

// C's pointer width equals Go's: cgo compiled for the same target as Go.
func TestPointerBitsMatchGo(t *testing.T) {
	if got := PointerBits(); got != strconv.IntSize {
		t.Fatalf("C pointer bits %d, Go int bits %d", got, strconv.IntSize)
	}
}
