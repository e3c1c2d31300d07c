package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"brobygger/api"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/notify/twiliotest"
)

// benchAuthToken signs the benchmark's webhooks.
const benchAuthToken = "benchtoken0123456789"

// inboundConfig sizes the inbound benchmark.
type inboundConfig struct {
	Messages    int
	Concurrency int
}

// inboundBodies is what citizens write: help requests, digits, free text, yes.
var inboundBodies = []string{"hjælp", "4", "Tak for i dag, det var dejligt at komme ud", "ja", "Hvornår er næste gang?"}

// inbound measures signed webhook requests over real HTTP on loopback with many concurrent
// senders, the full path (signature, dedup, bot step, store, outbox), against the same rows
// written with plain SQL, one transaction per message.
func inbound(ctx context.Context, store *models.Store, phones []string, cfg inboundConfig) ([]Figure, error) {
	base, engine, stop, err := startAPI(store)
	if err != nil {
		return nil, err
	}
	defer stop()
	// A warm-up round first, as a server that has been up a while: pooled connections opened and
	// statements prepared on them. The baseline runs after it on the same warm pool.
	warm := max(cfg.Concurrency, cfg.Messages/20)
	reqs := buildInbound(base, phones, warm+cfg.Messages)
	if _, errs := fire(ctx, reqs[:warm], cfg.Concurrency); errs > 0 {
		return nil, fmt.Errorf("inbound warm-up: %d of %d requests failed", errs, warm)
	}
	reqs = reqs[warm:]
	before := engine.InboundStats()
	start, cpu0 := time.Now(), processCPU()
	lat, errs := fire(ctx, reqs, cfg.Concurrency)
	elapsed, cpuFull := time.Since(start), processCPU()-cpu0
	cpu0 = processCPU()
	baseline, err := inboundBaseline(ctx, store, phones, cfg)
	if err != nil {
		return nil, err
	}
	cpuBase := processCPU() - cpu0
	rps := float64(len(reqs)) / elapsed.Seconds()
	after := engine.InboundStats()
	batches := bot.InboundStats{Batches: after.Batches - before.Batches, Messages: after.Messages - before.Messages,
		Fallbacks: after.Fallbacks - before.Fallbacks}
	return []Figure{
		{Name: "inbound SMS, full path", Unit: "msg/s", Value: rps, Baseline: baseline, HigherIsBetter: true,
			Target: "≥ 2000/s and ≥ 0.5 × baseline", Note: fmt.Sprintf("(%d errors, %d concurrent)", errs, cfg.Concurrency)},
		// On a shared machine the rate mostly measures the neighbours; the CPU time a message
		// costs this process moves much less with them.
		{Name: "inbound CPU per SMS", Unit: "µs", Value: us(cpuFull) / float64(len(reqs)), Baseline: us(cpuBase) / float64(cfg.Messages),
			Note: "(this process: load generator + server; baseline: plain SQL)"},
		{Name: "inbound SMS p50 latency", Unit: "ms", Value: ms(lat.percentile(0.50))},
		{Name: "inbound SMS p99 latency", Unit: "ms", Value: ms(lat.percentile(0.99)), Target: "< 50 ms"},
		{Name: "inbound SMS per transaction", Unit: "msg", Value: float64(batches.Messages) / float64(max(batches.Batches, 1)),
			Note: fmt.Sprintf("(%d batches, %d fell back to one per message)", batches.Batches, batches.Fallbacks)},
	}, nil
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// startAPI serves the real app on a loopback port.
func startAPI(store *models.Store) (string, *bot.Engine, func(), error) {
	reg, err := models.LoadInstruments()
	if err != nil {
		return "", nil, nil, err
	}
	engine, err := bot.New(store, reg, bot.DefaultConfig())
	if err != nil {
		return "", nil, nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	base := "http://" + ln.Addr().String()
	public, _ := url.Parse(base)
	app := api.New(api.Deps{Store: store, Bot: engine, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		PublicBaseURL: public, TwilioAuthToken: benchAuthToken, JWTSecret: []byte("bench-secret-bench-secret-bench-secret")})
	go func() { _ = app.Listener(ln) }()
	return base, engine, func() { _ = app.ShutdownWithTimeout(5 * time.Second) }, nil
}

type signedReq struct {
	url, body, sig string
}

// buildInbound signs n webhooks from the phones in turn. The SIDs start at the clock, so a run on
// a database measured before (--seeded) sends new messages, not duplicates of the last run's.
func buildInbound(base string, phones []string, n int) []signedReq {
	out := make([]signedReq, n)
	target := base + "/webhooks/twilio/sms"
	run := uint64(time.Now().UnixNano())
	for i := range out {
		p := twiliotest.InboundSMSParams("AC00000000000000000000000000000001", fmt.Sprintf("SM%016x%016x", run, i+1), phones[i%len(phones)],
			"+4570701234", inboundBodies[i%len(inboundBodies)])
		out[i] = signedReq{url: target, body: p.Encode(), sig: twiliotest.Signature(benchAuthToken, target, p)}
	}
	return out
}

// fire sends every request with `workers` concurrent senders and returns their latencies.
func fire(ctx context.Context, reqs []signedReq, workers int) (latencies, int64) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}}
	lat := make(latencies, len(reqs))
	var next, errs atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(reqs) || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				if !send(client, reqs[i]) {
					errs.Add(1)
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	return lat, errs.Load()
}

func send(client *http.Client, r signedReq) bool {
	req, _ := http.NewRequest(http.MethodPost, r.url, strings.NewReader(r.body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", r.sig)
	res, err := client.Do(req)
	if err != nil {
		return false
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode == http.StatusOK
}
