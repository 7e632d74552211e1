// Goroutines and atomics in Go, plus one call into C through cgo (built by the target's C
// compiler from crosskit env): the result is dynamically linked against the target's libc.
package main

/*
static int twice(int x) { return 2 * x; }
*/
import "C"

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
)

func main() {
	var total int64
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20000; j++ {
				atomic.AddInt64(&total, 1)
			}
		}()
	}
	wg.Wait()
	fmt.Printf("go %s/%s total=%d cgo=%d\n", runtime.GOOS, runtime.GOARCH, total, int(C.twice(21)))
	os.Exit(5)
}
