// gocgo prints a few results from the pure-Go and the cgo package.
package main

import (
	"fmt"
	"runtime"

	"example.com/gocgo/cmath"
	"example.com/gocgo/words"
)

func main() {
	fmt.Printf("gocgo on %s/%s: %s, gcd(1071, 462) = %d, %d-bit C pointers\n",
		runtime.GOOS, runtime.GOARCH, words.Reverse("olleh"), cmath.GCD(1071, 462), cmath.PointerBits())
}
