// Package scheduler finds scheduled work that is due (check-ins from each citizen's plan, the
// weekly pulse, activity reminders, "did you go?" follow-ups, the contact nudge, expiry) and
// queues it. Cron only triggers passes; every piece of work is keyed (a check-in's PlanKey, an
// SMS's DedupeKey), so a repeated pass, a second replica or a DST night that fires twice sends
// nothing twice. It may import models (and its leaves) and bot.
package scheduler

import (
	"context"
	"fmt"
	"log/slog"

	"brobygger/bot"
	"brobygger/models"
	"github.com/robfig/cron/v3"
)

// Scheduler runs due passes, on a cron schedule (Run) or one at a time (RunDue).
type Scheduler struct {
	store       *models.Store
	engine      *bot.Engine
	instruments *models.InstrumentRegistry
	cfg         Config
	log         *slog.Logger
	// leader lets one replica run the cron passes (see Run).
	leader *models.Leadership
	// medcom, when set, is the MedCom outbox run every tick (see EnableMedCom).
	medcom *MedComJob
}

// New builds a scheduler. The engine must run on the same database as store.
func New(store *models.Store, engine *bot.Engine, instruments *models.InstrumentRegistry, cfg Config) (*Scheduler, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	return &Scheduler{store: store, engine: engine, instruments: instruments, cfg: cfg, log: cfg.Logger,
		leader: store.Leadership("scheduler")}, nil
}

// Name is how serve's logs call this worker.
func (s *Scheduler) Name() string { return "scheduler" }

// Run starts cron in the send window's time zone and runs a due pass on every tick until ctx
// ends; then it stops cron and waits for a running pass to finish. A panicking pass is logged
// and the next tick runs as usual; a tick that comes while a pass still runs is skipped.
//
// Of several replicas on one PostgreSQL database only the leader runs passes (an advisory lock,
// see models.Leadership): the others try to take the lead at every tick, so when the leader
// dies another replica runs the next pass. Work stays keyed all the same, so a pass that runs
// twice in a fail-over still queues nothing twice.
func (s *Scheduler) Run(ctx context.Context) error {
	logger := cronLogger{s.log}
	// Recover sits inside SkipIfStillRunning: the skip guard only frees its slot when the job
	// returns, so a panic escaping to it would skip every later tick.
	c := cron.New(cron.WithLocation(s.cfg.Window.Location), cron.WithLogger(logger),
		cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	if _, err := c.AddFunc(s.cfg.Spec, func() { s.pass(ctx) }); err != nil {
		return fmt.Errorf("scheduler: cron spec %q: %w", s.cfg.Spec, err)
	}
	if _, err := c.AddFunc(retentionSpec, func() { s.retentionPass(ctx) }); err != nil {
		return fmt.Errorf("scheduler: retention spec: %w", err)
	}
	if s.medcom != nil {
		if _, err := c.AddFunc(s.cfg.Spec, func() { s.medcomPass(ctx) }); err != nil {
			return fmt.Errorf("scheduler: medcom spec: %w", err)
		}
	}
	if _, err := c.AddFunc(pruneSpec, func() { s.prunePass(ctx) }); err != nil {
		return fmt.Errorf("scheduler: prune spec: %w", err)
	}
	c.Start()
	<-ctx.Done()
	<-c.Stop().Done()
	s.leader.Release(context.WithoutCancel(ctx))
	return nil
}

// pass is one cron tick: a due pass at the store's clock, logged.
func (s *Scheduler) pass(ctx context.Context) {
	lead, err := s.leader.Lead(ctx)
	if err != nil && ctx.Err() == nil {
		s.log.Error("scheduler leadership check failed; skipping this tick", "error", err.Error())
	}
	if !lead {
		return
	}
	rep, err := s.RunDue(ctx, s.store.Now())
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Error("scheduler pass failed", "error", err.Error(), "report", rep)
	case rep != Report{}:
		s.log.Info("scheduler pass", "report", rep)
	}
	if s.cfg.OnPass != nil {
		s.cfg.OnPass(rep, err)
	}
}

// cronLogger lets cron log through slog. Cron's own info lines (every wake-up) go to debug.
type cronLogger struct{ log *slog.Logger }

// Info logs cron's routine messages at debug level.
func (l cronLogger) Info(msg string, keysAndValues ...any) {
	l.log.Debug("cron: "+msg, keysAndValues...)
}

// Error logs cron's errors, such as a recovered panic with its stack.
func (l cronLogger) Error(err error, msg string, keysAndValues ...any) {
	l.log.Error("cron: "+msg, append(keysAndValues, "error", err.Error())...)
}
