package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"brobygger/bench"
)

// cmdBench runs the benchmark suite against DATABASE_URL, which must be an empty database (or,
// with --seeded, one seeded before), and prints every figure beside its same-run baseline.
// --only narrows it to some steps, so the national-scale caseload can be measured alone.
func cmdBench(ctx context.Context, args []string, getenv env, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	scale := fs.String("scale", "small", "ci, small or full (1,000,000 citizens)")
	citizens := fs.Int("citizens", 0, "override the scale's number of citizens")
	only := fs.String("only", "", "measure only these steps, comma-separated: caseload, inbound, dispatch, footprint")
	seeded := fs.Bool("seeded", false, "measure a database seeded before (brobygger seed) instead of an empty one")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measured steps to this file (go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return usageError{"bench: " + err.Error()}
	}
	sc, ok := bench.Scales[*scale]
	if !ok {
		return usageError{"bench: --scale must be ci, small or full"}
	}
	if *citizens > 0 {
		sc.Citizens = *citizens
	}
	opts, withFootprint, err := benchOptions(*only, *seeded)
	if err != nil {
		return err
	}
	var footprint []bench.Figure
	if withFootprint {
		if footprint, err = measureFootprint(ctx, getenv); err != nil {
			return err
		}
	}
	_, store, _, err := openConfigured(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return fmt.Errorf("bench: --cpuprofile: %w", err)
		}
		defer f.Close()
		opts.CPUProfile = f
	}
	rep, err := bench.Run(ctx, store, sc, opts, stdout)
	if err != nil {
		return err
	}
	rep.Figures = append(rep.Figures, footprint...)
	rep.Print(stdout)
	return nil
}

// benchOptions reads --only and --seeded; footprint is measured here, the other steps by bench.Run.
func benchOptions(only string, seeded bool) (bench.Options, bool, error) {
	opts := bench.Options{Steps: bench.Steps, Seeded: seeded}
	if only == "" {
		return opts, true, nil
	}
	opts.Steps = nil
	footprint := false
	for _, step := range strings.Split(only, ",") {
		switch step = strings.TrimSpace(step); {
		case step == "footprint":
			footprint = true
		case slices.Contains(bench.Steps, step):
			opts.Steps = append(opts.Steps, step)
		default:
			return opts, false, usageError{"bench: --only takes caseload, inbound, dispatch and footprint, not " + strconv.Quote(step)}
		}
	}
	return opts, footprint, nil
}

// measureFootprint starts this binary's serve on the configured (migrated) database and
// measures start-up to ready and the idle resident memory after two quiet seconds.
func measureFootprint(ctx context.Context, getenv env) ([]bench.Figure, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	// serve migrates at start too, but then its start-up time would include the migration.
	if _, store, _, err := openConfigured(ctx, getenv); err == nil {
		store.Close()
	} else {
		return nil, err
	}
	addr := "127.0.0.1:18099"
	cmd := exec.CommandContext(ctx, self, "serve")
	cmd.Env = append(os.Environ(), "LISTEN_ADDR="+addr, "DATABASE_URL="+getenv("DATABASE_URL"), "TWILIO_ACCOUNT_SID=", "TWILIO_AUTH_TOKEN=")
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
