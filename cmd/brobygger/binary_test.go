package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// theBinary is built once for the package's tests that run the real process: each build is
// most of a minute on a busy two-core machine.
var theBinary struct {
	once sync.Once
	dir  string
	path string
	err  error
	out  []byte
}

// builtBinary returns the path of brobygger built from this package, building it on first use.
func builtBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	theBinary.once.Do(func() {
		theBinary.dir, theBinary.err = os.MkdirTemp("", "brobygger-bin-")
		if theBinary.err != nil {
			return
		}
		theBinary.path = filepath.Join(theBinary.dir, "brobygger")
		theBinary.out, theBinary.err = exec.Command("go", "build", "-o", theBinary.path, ".").CombinedOutput()
	})
	if theBinary.err != nil {
		t.Fatalf("build: %v\n%s", theBinary.err, theBinary.out)
	}
	return theBinary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if theBinary.dir != "" {
		_ = os.RemoveAll(theBinary.dir)
	}
	os.Exit(code)
}
