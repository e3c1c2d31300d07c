package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"brobygger/bench"
)

// measureFootprint starts the production binary's serve on the (migrated) database and measures
// start-up to ready and the idle resident memory after two quiet seconds. Without serveBin it
// builds ./cmd/brobygger first, so the figure is the binary that ships, not this one.
func measureFootprint(ctx context.Context, dbURL, serveBin string) ([]bench.Figure, error) {
	if serveBin == "" {
		dir, err := os.MkdirTemp("", "brobygger-bench")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		serveBin = filepath.Join(dir, "brobygger")
		build := exec.CommandContext(ctx, "go", "build", "-o", serveBin, "brobygger/cmd/brobygger")
		if out, err := build.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("footprint: go build brobygger/cmd/brobygger (or pass --serve-binary): %v\n%s", err, out)
		}
	}
	addr := "127.0.0.1:18099"
	cmd := exec.CommandContext(ctx, serveBin, "serve")
	cmd.Env = append(os.Environ(), "LISTEN_ADDR="+addr, "DATABASE_URL="+dbURL, "TWILIO_ACCOUNT_SID=", "TWILIO_AUTH_TOKEN=")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	ready := time.Duration(0)
	for time.Since(start) < 10*time.Second {
		if res, err := http.Get("http://" + addr + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				ready = time.Since(start)
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	if ready == 0 {
		return nil, fmt.Errorf("footprint: serve never became ready")
	}
	time.Sleep(2 * time.Second)
	rss, err := residentMB(cmd.Process.Pid)
	if err != nil {
		return nil, err
	}
	return []bench.Figure{
		{Name: "start-up to ready (migrated db)", Unit: "ms", Value: float64(ready) / float64(time.Millisecond), Target: "< 1000 ms"},
		{Name: "idle server RSS", Unit: "MB", Value: rss, Target: "< 40 MB"},
	}, nil
}

// residentMB reads VmRSS from /proc (Linux).
func residentMB(pid int) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")))
			return float64(kb) / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS for %d", pid)
}
