package scheduler

import (
	"errors"
	"strings"
	"testing"
)

// TestRecovered: a page's panic comes back as its error (with the stack), since page workers
// run outside cron's recovery; an error or success passes through.
func TestRecovered(t *testing.T) {
	if err := recovered(func() error { panic("a bug met on one page") }); err == nil ||
		!strings.Contains(err.Error(), "a bug met on one page") || !strings.Contains(err.Error(), "goroutine") {
		t.Errorf("panic came back as %v", err)
	}
	failed := errors.New("page failed")
	if err := recovered(func() error { return failed }); err != failed {
		t.Errorf("error came back as %v", err)
	}
	if err := recovered(func() error { return nil }); err != nil {
		t.Errorf("success came back as %v", err)
	}
}
