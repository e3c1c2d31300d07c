package main

import (
	"slices"
	"testing"

	"brobygger/bench"
)

func TestBenchOptions_Only(t *testing.T) {
	cases := []struct {
		only      string
		steps     []string
		footprint bool
	}{
		{"", bench.Steps, true},
		{"caseload", []string{"caseload"}, false},
		{"caseload, footprint", []string{"caseload"}, true},
		{"footprint", nil, true},
	}
	for _, c := range cases {
		opts, footprint, err := benchOptions(c.only, true)
		if err != nil || !slices.Equal(opts.Steps, c.steps) || footprint != c.footprint || !opts.Seeded {
			t.Errorf("--only %q = %+v, footprint %v, %v; want steps %v, footprint %v", c.only, opts, footprint, err, c.steps, c.footprint)
		}
	}
	if _, _, err := benchOptions("caseload,dinner", false); err == nil {
		t.Error("--only with an unknown step was accepted")
	}
}
