package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestServe_StartsMigratesAndStopsOnSIGTERM runs the real binary: it must create and migrate
// an SQLite database, log where it is, answer /readyz, and exit 0 on SIGTERM.
func TestServe_StartsMigratesAndStopsOnSIGTERM(t *testing.T) {
	bin := builtBinary(t)
	dir := t.TempDir()
	addr := freeAddr(t)
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "LISTEN_ADDR="+addr, "DATABASE_URL=", "TWILIO_ACCOUNT_SID=", "TWILIO_AUTH_TOKEN=",
		"JWT_SECRET=this-is-a-test-secret-of-32-chars-or-more")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitReady(t, "http://"+addr+"/readyz", &logs)

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("no exit after SIGTERM\n%s", logs.String())
	}
	out := logs.String()
	for _, want := range []string{filepath.Join(dir, "brobygger.db"), "logging (no TWILIO", "http://" + addr, `"msg":"stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "this-is-a-test-secret") {
		t.Errorf("log leaks JWT_SECRET")
	}
	if _, err := os.Stat(filepath.Join(dir, "brobygger.db")); err != nil {
		t.Errorf("database file not created: %v", err)
	}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, url string, logs fmt.Stringer) {
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never became ready\n%s", url, logs.String())
}
