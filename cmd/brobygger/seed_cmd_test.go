package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// `seed --demo` twice: the second run says the demo is there and exits 0.
func TestSeed_DemoTwice(t *testing.T) {
	getenv := mapEnv(map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(t.TempDir(), "demo.db")})
	for i, want := range []string{"seeded 2 staff", "the demo is already in"} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), []string{"seed", "--demo"}, getenv, strings.NewReader(""), &out, &errOut); code != exitOK {
			t.Fatalf("run %d: exit %d: %s", i+1, code, errOut.String())
		}
		if !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "demo@brobygger.dk") {
			t.Fatalf("run %d said %q, want %q and the login", i+1, out.String(), want)
		}
	}
}
