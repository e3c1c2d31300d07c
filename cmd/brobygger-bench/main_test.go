package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
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

// A bare run explains itself and exits 2 instead of seeding 20,000 citizens somewhere.
func TestRun_WithoutScaleExplainsItself(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := func(string) string { t.Fatal("read the environment before checking the flags"); return "" }
	if code := run(context.Background(), nil, getenv, &out, &errOut); code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	for _, want := range []string{"usage: DATABASE_URL=", "-scale", "examples:", "--scale is required"} {
		if !strings.Contains(out.String()+errOut.String(), want) {
			t.Errorf("output lacks %q:\n%s%s", want, out.String(), errOut.String())
		}
	}
}

func TestRun_HelpPrintsFlagsAndExample(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"-h"}, func(string) string { return "" }, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"-scale", "-only", "-seeded", "-cpuprofile", "-serve-binary", "go run ./cmd/brobygger-bench --scale small"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("-h lacks %q:\n%s", want, out.String())
		}
	}
}

// DATABASE_URL has no default here: the run fills whatever database it is given.
func TestRun_RequiresDatabaseURL(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"--scale", "ci"}, func(string) string { return "" }, &out, &errOut)
	if code != exitUsage || !strings.Contains(errOut.String(), "DATABASE_URL is required") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}
