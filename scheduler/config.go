package scheduler

import (
	"fmt"
	"log/slog"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
	"github.com/robfig/cron/v3"
)

// DefaultAppFallback is how long an app user's check-in waits in the app before SMS asks.
const DefaultAppFallback = 3 * time.Hour

// Config holds the scheduler's settings.
type Config struct {
	// Window is the site's send window: quiet hours, Sundays, holidays, extra closed days. Its
	// Location is also the time zone cron specs are read in.
	Window models.SendWindow
	// Spec is the cron spec of the due pass (standard five fields or a descriptor like @every).
	Spec string
	// PageSize is how many citizens a page holds: one read, one write transaction.
	PageSize int
	// PageWorkers is how many pages are planned and written at once. A pass holds at most
	// PageWorkers+1 pages in memory.
	PageWorkers int
	// CheckinCatchUp is how late a check-in may still start (after downtime, or while the
	// citizen was busy); an older pending check-in is cancelled, since a newer one supersedes it.
	CheckinCatchUp time.Duration
	// FollowupCatchUp is how late "did you go?" may still be asked.
	FollowupCatchUp time.Duration
	// AppFallback is how long a check-in of a citizen who prefers the app waits there for an
	// answer before it is asked over SMS after all (there is no push yet, so SMS is the
	// fallback); the SMS then goes at the next time the send window allows. Zero asks by SMS at
	// once, as for everyone else.
	AppFallback time.Duration
	// SendRate is the dispatcher's SMS per second. When positive, a pass starts no more check-ins
	// than the dispatcher can send before the send window closes; the rest wait for a later pass,
	// so a large wave spreads over days instead of spilling into the night.
	SendRate float64
	Logger   *slog.Logger
	// OnPass, when set, is called after each cron-driven pass (metrics, tests).
	OnPass func(Report, error)
}

// DefaultConfig is what the product ships with: 09:00–20:00 in loc without Sundays and public
// holidays, a pass every minute, a fortnight's catch-up for check-ins, and three hours in the
// app before an app user's check-in falls back to SMS (a 09:00 check-in is texted at 12:00).
func DefaultConfig(loc *time.Location) Config {
	return Config{
		Window:          calendar.DefaultSendWindow(loc),
		Spec:            "* * * * *",
		PageSize:        5000,
		PageWorkers:     2,
		CheckinCatchUp:  14 * 24 * time.Hour,
		FollowupCatchUp: 6 * 24 * time.Hour,
		AppFallback:     DefaultAppFallback,
		Logger:          slog.New(slog.DiscardHandler),
	}
}

// validate fills what may be left out and rejects what cannot work.
func (c *Config) validate() error {
	if err := c.Window.Validate(); err != nil {
		return fmt.Errorf("scheduler config: %w", err)
	}
	if _, err := cron.ParseStandard(c.Spec); err != nil {
		return fmt.Errorf("scheduler config: cron spec %q: %w", c.Spec, err)
	}
	if c.PageSize <= 0 {
		c.PageSize = 1000
	}
	if c.PageWorkers <= 0 {
		c.PageWorkers = 1
	}
	if c.CheckinCatchUp <= 0 || c.FollowupCatchUp <= 0 {
		return fmt.Errorf("scheduler config: catch-up windows must be positive")
	}
	if c.AppFallback < 0 || c.AppFallback >= c.CheckinCatchUp {
		return fmt.Errorf("scheduler config: the app fallback must be from zero to less than the check-in catch-up")
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return nil
}

// lookback is how far back a pass plans, to find everything it may still catch up on.
func (c *Config) lookback() time.Duration { return max(c.CheckinCatchUp, c.FollowupCatchUp) }
