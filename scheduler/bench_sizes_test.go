package scheduler_test

import (
	"bufio"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
)

// waveSizes are the wave benchmarks' numbers of citizens: 10,000 and 100,000, or the ones
// BROBYGGER_WAVE_CITIZENS lists (comma-separated, e.g. 1000000 for the national scale).
func waveSizes(b *testing.B) []int {
	env := os.Getenv("BROBYGGER_WAVE_CITIZENS")
	if env == "" {
		return []int{10_000, 100_000}
	}
	var sizes []int
	for _, f := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("BROBYGGER_WAVE_CITIZENS=%q: want positive numbers separated by commas", env)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// peakRSS measures the process's peak resident memory from its start on (Linux only).
type peakRSS struct{ ok bool }

// startPeakRSS returns the heap the seed left to the OS and resets the kernel's high-water mark
// (VmHWM) to the current resident size, so the peak read later is the pass's own.
func startPeakRSS(b *testing.B) peakRSS {
	b.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not measured: %v", err)
		return peakRSS{}
	}
	return peakRSS{ok: true}
}

// peakMB reads VmHWM in MB (0 when not measured).
func (p peakRSS) peakMB() float64 {
	if !p.ok {
		return 0
	}
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
