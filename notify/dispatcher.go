package notify

import (
	"log/slog"
	"math/rand/v2"
	"time"

	"brobygger/models"
)

// DispatcherConfig tunes a Dispatcher. Zero values take the defaults in brackets.
type DispatcherConfig struct {
	// Workers is how many SMS are sent at once [8].
	Workers int
	// BatchSize is how many due rows one claim takes [64].
	BatchSize int
	// Lease is how long a claimed row stays ours before another dispatcher may take it [2m].
	Lease time.Duration
	// PollInterval is the pause after a claim found nothing due [500ms].
	PollInterval time.Duration
	// RatePerSecond caps sends per second per sender number, across all workers, and on
	// PostgreSQL across all replicas (see pacer); 0 is unlimited. The caller picks it (10 for a
	// Danish sender number).
	RatePerSecond float64
	// SettleInterval is how long an outcome may wait for others before the batch is written [20ms].
	// Outcomes are written BatchSize at a time in one transaction, or whatever is waiting when
	// the interval ends. An SMS sent but not yet written is sent again if the process dies, once
	// its lease ends: keep this short (at most about 50ms).
	SettleInterval time.Duration
	// MaxAttempts is how many tries a retryable failure gets before the row fails [8].
	MaxAttempts int
	// BaseBackoff is the wait after a first retryable failure, doubled each try [5s]…
	BaseBackoff time.Duration
	// MaxBackoff caps that wait [30m].
	MaxBackoff time.Duration
	// StatusCallbackURL is where Twilio posts delivery statuses; empty asks for none.
	StatusCallbackURL string
	// Rand returns a number in [0, 1) for backoff jitter [math/rand/v2.Float64].
	Rand func() float64
}

// Dispatcher drains the outbox: it claims due rows, sends them through a Sender at a bounded
// rate, and settles the rows by what the carrier answered, many in one transaction. Several
// dispatchers, in one process or many, may drain the same store: a claimed row is leased to
// exactly one of them.
type Dispatcher struct {
	store  *models.Store
	sender Sender
	cfg    DispatcherConfig
	log    *slog.Logger
	pacer  pacer // nil when RatePerSecond is 0
	counts dispatchCounters
}

// NewDispatcher returns a dispatcher over store that sends through sender. A nil log discards.
func NewDispatcher(store *models.Store, sender Sender, cfg DispatcherConfig, log *slog.Logger) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	d := &Dispatcher{store: store, sender: sender, cfg: cfg, log: log}
	d.pacer = newPacer(store, cfg.RatePerSecond)
	return d
}

// Name names the dispatcher among the server's background jobs.
func (d *Dispatcher) Name() string { return "dispatcher" }

// withDefaults fills in unset fields and keeps a batch small enough to be sent within its lease.
func (c DispatcherConfig) withDefaults() DispatcherConfig {
	c.Workers = orDefault(c.Workers, 8)
	c.BatchSize = orDefault(c.BatchSize, 64)
	c.Lease = orDefault(c.Lease, 2*time.Minute)
	c.PollInterval = orDefault(c.PollInterval, 500*time.Millisecond)
	c.SettleInterval = orDefault(c.SettleInterval, 20*time.Millisecond)
	c.MaxAttempts = orDefault(c.MaxAttempts, 8)
	c.BaseBackoff = orDefault(c.BaseBackoff, 5*time.Second)
	c.MaxBackoff = max(orDefault(c.MaxBackoff, 30*time.Minute), c.BaseBackoff)
	c.RatePerSecond = max(c.RatePerSecond, 0)
	if c.Rand == nil {
		c.Rand = rand.Float64
	}
	if c.RatePerSecond > 0 {
		// Claimed rows wait for their turn at the rate limit. If a batch (plus one row per
		// worker) took longer than the lease to send, its tail would be claimed again by another
		// dispatcher and sent twice; half the lease leaves room for slow sends.
		fits := int(c.Lease.Seconds()*c.RatePerSecond/2) - c.Workers
		c.BatchSize = max(1, min(c.BatchSize, fits))
	}
	return c
}

// orDefault returns v, or def when v is not positive.
func orDefault[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}
