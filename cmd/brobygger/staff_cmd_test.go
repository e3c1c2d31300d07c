package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestStaffAdd_ExitCodes(t *testing.T) {
	dbEnv := mapEnv(map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "staff.db")})
	add := func(stdin string, args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		code := run(context.Background(), append([]string{"staff", "add"}, args...), dbEnv, strings.NewReader(stdin), &out, &errOut)
		return code, out.String(), errOut.String()
	}
	code, out, _ := add("a good long password\n", "--email", "lw@example.dk", "--name", "Lise Worker", "--role", "link_worker")
	if code != 0 || !strings.Contains(out, "created link_worker Lise Worker") {
		t.Fatalf("create: %d %q", code, out)
	}
	failures := []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"bad email", "a good long password\n", []string{"--email", "nope", "--name", "X", "--role", "admin"}, "email"},
		{"short password", "short\n", []string{"--email", "x@example.dk", "--name", "X", "--role", "admin"}, "password"},
		{"no password", "", []string{"--email", "x@example.dk", "--name", "X", "--role", "admin"}, "password"},
		{"bad role", "a good long password\n", []string{"--email", "x@example.dk", "--name", "X", "--role", "boss"}, "role"},
		{"duplicate email", "another long password\n", []string{"--email", "LW@example.dk", "--name", "Y", "--role", "admin"}, "already exists"},
	}
	for _, f := range failures {
		code, _, errOut := add(f.stdin, f.args...)
		if code != 2 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, f.want) {
			t.Errorf("%s: exit %d, stderr %q (want exit 2, one line mentioning %q)", f.name, code, errOut, f.want)
		}
		if strings.Contains(errOut, "long password") {
			t.Errorf("%s: password echoed: %q", f.name, errOut)
		}
	}
}
