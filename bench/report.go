// Package bench measures Brobygger at national scale. Every figure is printed next to a baseline
// measured in the same run on the same machine (the database's or the carrier's own limit), so
// the ratio means something on a noisy machine. cmd/brobygger-bench runs it; BENCHMARKS.md has
// the figures. It may import every layer but cmd, and the test helpers (storetest, twiliotest).
package bench

import (
	"fmt"
	"io"
	"sort"
	"time"
)

// Figure is one measured number beside its baseline.
type Figure struct {
	Name     string
	Unit     string
	Value    float64
	Baseline float64
	// HigherIsBetter says which way the ratio should go.
	HigherIsBetter bool
	Target         string
	Note           string
}

// Ratio is Value/Baseline (0 when there is no baseline).
func (f Figure) Ratio() float64 {
	if f.Baseline == 0 {
		return 0
	}
	return f.Value / f.Baseline
}

// Report is a run's figures.
type Report struct {
	Dialect string
	Scale   string
	Figures []Figure
}

// Print writes the report as an aligned table.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "\n%s, scale %s\n", r.Dialect, r.Scale)
	fmt.Fprintf(w, "%-44s %14s %14s %8s  %s\n", "figure", "value", "baseline", "ratio", "target / note")
	for _, f := range r.Figures {
		ratio := "-"
		if f.Baseline != 0 {
			ratio = fmt.Sprintf("%.2f", f.Ratio())
		}
		base := "-"
		if f.Baseline != 0 {
			base = fmt.Sprintf("%.1f %s", f.Baseline, f.Unit)
		}
		fmt.Fprintf(w, "%-44s %14s %14s %8s  %s %s\n", f.Name, fmt.Sprintf("%.1f %s", f.Value, f.Unit), base, ratio, f.Target, f.Note)
	}
}

// latencies summarises request durations.
type latencies []time.Duration

func (l latencies) percentile(p float64) time.Duration {
	if len(l) == 0 {
		return 0
	}
	s := append(latencies(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	idx := int(p * float64(len(s)-1))
	return s[idx]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
