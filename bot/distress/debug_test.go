package distress

import (
	"os"
	"strings"
	"testing"
)

// TestDebugPrint prints assessments for DISTRESS_DEBUG lines (a development aid).
func TestDebugPrint(t *testing.T) {
	in := os.Getenv("DISTRESS_DEBUG")
	if in == "" {
		t.Skip("set DISTRESS_DEBUG")
	}
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(in, "\n") {
		if line == "" {
			continue
		}
		a := d.AssessAll(strings.Split(line, " || "))
		t.Logf("%-9s %s  <= %s", a.Level, a.Explain("da"), line)
		for _, m := range a.Matches {
			t.Logf("      %s %s %q neg=%v cap=%s", m.Rule, m.Level, m.Text, m.Negated, m.Capped)
		}
	}
}
