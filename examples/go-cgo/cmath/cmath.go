// Package cmath calls C through cgo: it is compiled by the target's C compiler.
package cmath

/*
#include <stdint.h>

static uint64_t gcd(uint64_t a, uint64_t b) {
	while (b != 0) {
		uint64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

static int pointer_bits(void) { return (int)(sizeof(void *) * 8); }
*/
import "C"

// GCD is the greatest common divisor, computed in C.
func GCD(a, b uint64) uint64 {
	return uint64(C.gcd(C.uint64_t(a), C.uint64_t(b)))
}

// PointerBits is the width of a C pointer on the target.
func PointerBits() int {
	return int(C.pointer_bits())
}
