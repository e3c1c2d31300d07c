package api_test

import (
	"brobygger/api/apitest"
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"brobygger/api"
	"brobygger/models"
)

// TestSignin_PeakMemoryUnder50ParallelLogins measures (it does not assert) the process's peak
// resident memory while 50 logins arrive at once, with the hash gate's slots taken from
// BROBYGGER_MEASURE_LOGIN_SLOTS. Run one measurement per process (the high-water mark only rises):
//
//	BROBYGGER_MEASURE_LOGIN_SLOTS=4 go test ./api/ -run TestSignin_PeakMemory -v
func TestSignin_PeakMemoryUnder50ParallelLogins(t *testing.T) {
	slots, err := strconv.Atoi(os.Getenv("BROBYGGER_MEASURE_LOGIN_SLOTS"))
	if err != nil {
		t.Skip("set BROBYGGER_MEASURE_LOGIN_SLOTS to measure")
	}
	e := apitest.NewEnvWith(t, models.SQLite, func(d *api.Deps) {
		d.TrustedProxies, _ = api.ParseTrustedProxies("0.0.0.0/32")
		d.HashSlots = slots
	})
	e.Staff("lw@example.dk", models.RoleLinkWorker)
	runtime.GC()
	before := vmHWM(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	var ms runtime.MemStats
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := loginFrom(e, fmt.Sprintf("198.51.%d.%d", i/200, i%200+1), "lw@example.dk", "correct horse battery")
			mu.Lock()
			statuses[res.Status]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	runtime.ReadMemStats(&ms)
	t.Logf("50 parallel logins, %d hash slots: statuses %v; VmHWM %d MiB (before %d MiB); Go heap high-water (HeapSys) %d MiB",
		slots, statuses, vmHWM(t)>>10, before>>10, ms.HeapSys>>20)
}

// vmHWM reads the process's peak resident set size in KiB from /proc/self/status.
func vmHWM(t *testing.T) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
