package index

import (
	"runtime"
	"sync"
)

// parallel calls f(i) for i in [0, n) on all cores, one i at a time per
// core (a segment, a hit), and returns when every call has.
func parallel(n int, f func(i int)) {
	var wg sync.WaitGroup
	work := make(chan int)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				f(i)
			}
		}()
	}
	for i := range n {
		work <- i
	}
	close(work)
	wg.Wait()
}
