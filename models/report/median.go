package report

import (
	"math"
	"sort"
)

// Histogram counts citizens by a whole number (hours between two steps of the path). The store
// builds it with GROUP BY, so the report never holds one row per citizen.
type Histogram map[int]int

// N is how many citizens the histogram holds.
func (h Histogram) N() int {
	n := 0
	for _, c := range h {
		n += c
	}
	return n
}

// median is the middle value (the mean of the two middle values for an even count); ok is
// false for an empty histogram.
func (h Histogram) median() (median float64, ok bool) {
	n := h.N()
	if n == 0 {
		return 0, false
	}
	keys := make([]int, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	// The 0-based positions of the middle value(s).
	lo, hi := (n-1)/2, n/2
	var loV, hiV int
	seen := 0
	for _, k := range keys {
		next := seen + h[k]
		if lo >= seen && lo < next {
			loV = k
		}
		if hi >= seen && hi < next {
			hiV = k
			break
		}
		seen = next
	}
	return float64(loV+hiV) / 2, true
}

// hoursToDays writes a number of hours as days with one decimal.
func hoursToDays(hours float64) float64 { return round1(hours / 24) }

// round1 rounds to one decimal, which is as precise as a report on a few hundred citizens is.
func round1(v float64) float64 { return math.Round(v*10) / 10 }
