package scheduler_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/scheduler"
)

// syncBuffer is a log sink the cron goroutine and the test may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestScheduler_RunUnderCron runs the real cron with a one-second spec: the tick does the due
// work, a panic after it is recovered and logged instead of killing the process, and Run returns
// once its context ends. It waits about a second, the shortest tick cron has.
func TestScheduler_RunUnderCron(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for a real cron tick")
	}
	logs := &syncBuffer{}
	ticked := make(chan scheduler.Report, 1)
	var once sync.Once
	h := newHarness(t, models.SQLite, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), func(c *scheduler.Config) {
		c.Spec = "@every 1s"
		c.Logger = slog.New(slog.NewTextHandler(logs, nil))
		c.OnPass = func(rep scheduler.Report, err error) {
			once.Do(func() {
				ticked <- rep
				panic("a bug in a pass")
			})
		}
	})
	c := h.confirmedCitizen(h.local(2026, 3, 2, 10, 0))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- h.sched.Run(ctx) }()

	select {
	case rep := <-ticked:
		if rep.CheckinsStarted != 1 {
			t.Errorf("the tick's pass = %+v, want the baseline check-in", rep)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cron never ran a pass")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v, want nil after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context ended")
	}
	if !strings.Contains(logs.String(), "a bug in a pass") {
		t.Errorf("the panic was not logged:\n%s", logs.String())
	}
	if len(h.outbox(c.ID, models.KindCheckin)) != 1 {
		t.Error("the cron pass queued no check-in")
	}
}

func TestNew_RejectsBadConfig(t *testing.T) {
	h := newHarness(t, models.SQLite, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	for name, tune := range map[string]func(*scheduler.Config){
		"cron spec":    func(c *scheduler.Config) { c.Spec = "every minute" },
		"empty window": func(c *scheduler.Config) { c.Window.End = c.Window.Start },
		"no catch-up":  func(c *scheduler.Config) { c.CheckinCatchUp = 0 },
		"no time zone": func(c *scheduler.Config) { c.Window.Location = nil },
	} {
		if _, err := scheduler.New(h.s, h.engine, h.reg, h.config(tune)); err == nil {
			t.Errorf("%s: New accepted a bad config", name)
		}
	}
	if s := h.newScheduler(); s.Name() != "scheduler" {
		t.Errorf("Name() = %q", s.Name())
	}
}
