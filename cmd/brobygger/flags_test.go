package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// Every command answers -h with its synopsis, its flags and an example, and exits 0 without
// touching a database (the environment is never read).
func TestRun_EveryCommandHasHelp(t *testing.T) {
	cases := map[string][]string{
		"serve":     {"serve", "-h"},
		"migrate":   {"migrate", "--help"},
		"seed":      {"seed", "-h"},
		"chat":      {"chat", "-h"},
		"staff add": {"staff", "add", "-h"},
		"staff":     {"staff", "-h"},
	}
	flags := map[string][]string{
		"seed":      {"-demo", "-citizens", "-messages", "-seed", "-password"},
		"chat":      {"-phone"},
		"staff add": {"-email", "-name", "-role", "-phone"},
		"staff":     {"-email"},
	}
	getenv := func(k string) string { t.Errorf("-h read %s from the environment", k); return "" }
	for name, args := range cases {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errOut); code != exitOK {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut.String())
			continue
		}
		help := out.String()
		cmd := strings.Fields(name)[0]
		for _, want := range append([]string{"usage: brobygger " + cmd, "example:\n  ", "brobygger " + cmd}, flags[name]...) {
			if !strings.Contains(help, want) {
				t.Errorf("%s -h lacks %q:\n%s", name, want, help)
			}
		}
	}
}

// A bad flag is a usage error (exit 2) that points at -h.
func TestRun_BadFlagPointsAtHelp(t *testing.T) {
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"seed", "--citzens", "5"}, mapEnv(nil), strings.NewReader(""), &out, &errOut)
	if code != exitUsage || !strings.Contains(errOut.String(), "run brobygger seed -h") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

// `brobygger bench` explains where the benchmark went (exit 2) instead of starting a run.
func TestRun_BenchPointsToItsOwnCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	getenv := func(k string) string { t.Errorf("bench read %s", k); return "" }
	code := run(context.Background(), []string{"bench"}, getenv, strings.NewReader(""), &out, &errOut)
	if code != exitUsage || !strings.Contains(errOut.String(), "go run ./cmd/brobygger-bench --scale small") {
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}
