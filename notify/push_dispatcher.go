package notify

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"brobygger/models"
)

//go:embed push_texts.json
var pushTitlesJSON []byte

// PushConfig tunes a PushDispatcher. Zero values take the defaults in brackets.
type PushConfig struct {
	// BatchSize is how many due push rows one claim takes [32].
	BatchSize int
	// Lease is how long a claimed row stays ours [2m].
	Lease time.Duration
	// PollInterval is the pause after a claim found nothing due [500ms].
	PollInterval time.Duration
	// Retries is how many times a device answering 429 or 5xx (or not answering) is tried again [3].
	Retries int
	// BaseBackoff is the first wait before a retry, doubled each time [1s]; a Retry-After from the
	// service is used instead when it says more. MaxBackoff caps both [30s], so a row is done well
	// within its lease.
	BaseBackoff, MaxBackoff time.Duration
	// FallbackAfter is how long a push may stay unopened before it falls back to SMS or e-mail [2h].
	FallbackAfter time.Duration
	// Sleep waits d or until ctx ends and reports whether d passed [a timer]; tests inject their own.
	Sleep func(ctx context.Context, d time.Duration) bool
}

// DefaultPushFallback is how long a push waits to be opened before the fallback is queued.
const DefaultPushFallback = 2 * time.Hour

func (c PushConfig) withDefaults() PushConfig {
	c.BatchSize = orDefault(c.BatchSize, 32)
	c.Lease = orDefault(c.Lease, 2*time.Minute)
	c.PollInterval = orDefault(c.PollInterval, 500*time.Millisecond)
	c.Retries = orDefault(c.Retries, 3)
	c.BaseBackoff = orDefault(c.BaseBackoff, time.Second)
	c.MaxBackoff = max(orDefault(c.MaxBackoff, 30*time.Second), c.BaseBackoff)
	c.FallbackAfter = orDefault(c.FallbackAfter, DefaultPushFallback)
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	return c
}

// PushDispatcher drains the outbox's push rows: each goes to every push device of its citizen
// with a payload that carries no health data, only a title and the row's id, which the app opens
// with GET /v1/me/notifications/{id}. A device the service calls gone (404, 410) is forgotten. If
// no device accepts the push, or it is not opened within FallbackAfter, the scheduler queues the
// fallback (see models.FallBack). Like the SMS dispatcher, several may run against one store.
type PushDispatcher struct {
	store  *models.Store
	sender PushSender
	cfg    PushConfig
	log    *slog.Logger
	titles map[models.Lang]string
	drain  channelDrain
}

// NewPushDispatcher returns a push dispatcher over store. A nil log discards.
func NewPushDispatcher(store *models.Store, sender PushSender, cfg PushConfig, log *slog.Logger) *PushDispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	var titles map[models.Lang]string
	if err := json.Unmarshal(pushTitlesJSON, &titles); err != nil {
		panic(fmt.Sprintf("notify: push_texts.json: %v", err)) // embedded at build time; a test reads it
	}
	p := &PushDispatcher{store: store, sender: sender, cfg: cfg.withDefaults(), log: log, titles: titles}
	p.drain = channelDrain{store: store, channel: models.ChannelPush, batch: p.cfg.BatchSize, lease: p.cfg.Lease,
		poll: p.cfg.PollInterval, sleep: p.cfg.Sleep, log: log, failed: "push dispatch failed", dispatch: p.dispatch}
	return p
}

// Name names the push dispatcher among the server's background jobs.
func (p *PushDispatcher) Name() string { return "push dispatcher" }

// PushPayload is all a push carries: a title in the citizen's language and the notification id.
type PushPayload struct {
	Title string `json:"title"`
	ID    string `json:"id"`
}

// Run dispatches until ctx is cancelled.
func (p *PushDispatcher) Run(ctx context.Context) error { return p.drain.run(ctx) }

// DispatchOnce claims one batch of push rows, sends each and settles it. It returns how many rows
// it claimed.
func (p *PushDispatcher) DispatchOnce(ctx context.Context) (int, error) { return p.drain.once(ctx) }

// dispatch sends one row to every device of its citizen and settles it on a context that
// cancellation does not reach, so a push that went out is recorded.
func (p *PushDispatcher) dispatch(ctx context.Context, item models.OutboxItem) error {
	if item.CitizenID == nil {
		return p.settle(ctx, item, 0, "push row without a citizen")
	}
	c, err := p.store.CitizenByID(ctx, *item.CitizenID)
	if err != nil {
		return err
	}
	devices, err := p.store.PushDevices(ctx, c.ID)
	if err != nil {
		return err
	}
	title, ok := p.titles[c.Language]
	if !ok {
		title = p.titles[models.LangDA]
	}
	payload, _ := json.Marshal(PushPayload{Title: title, ID: item.ID})
	accepted, reason := 0, "no push device registered"
	for _, d := range devices {
		ok, why := p.pushDevice(ctx, d, payload)
		if ok {
			accepted++
		} else {
			reason = why
		}
	}
	return p.settle(ctx, item, accepted, reason)
}

// settle records the row's outcome; its fallback is due after FallbackAfter when a device took it,
// at once when none did (for kinds that fall back by themselves).
func (p *PushDispatcher) settle(ctx context.Context, item models.OutboxItem, accepted int, reason string) error {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
	defer cancel()
	now := p.store.Now()
	var fallbackAt *time.Time
	if models.PushFallsBack(item.Kind) {
		at := now
		if accepted > 0 {
			at = now.Add(p.cfg.FallbackAfter)
		}
		fallbackAt = &at
	}
	if accepted > 0 {
		reason = ""
	}
	return p.store.SettleChannel(sctx, item.ID, accepted > 0, reason, fallbackAt)
}

// pushDevice sends the payload to one device, retrying 429, 5xx and network failures with
// backoff (honouring Retry-After). It reports whether the device accepted it and, if not, why.
func (p *PushDispatcher) pushDevice(ctx context.Context, d models.Device, payload []byte) (bool, string) {
	backoff := p.cfg.BaseBackoff
	for attempt := 0; ; attempt++ {
		res, err := p.sender.Push(ctx, d, payload)
		switch {
		case err == nil && res.Status >= 200 && res.Status < 300:
			return true, ""
		case err == nil && (res.Status == 404 || res.Status == 410):
			if err := p.store.RemoveDevice(context.WithoutCancel(ctx), d.ID); err != nil {
				p.log.ErrorContext(ctx, "remove gone push device", "device", d.ID, "error", err)
			}
			return false, fmt.Sprintf("push device gone (%d)", res.Status)
		case err == nil && res.Status != 429 && res.Status < 500:
			p.log.WarnContext(ctx, "push refused", "device", d.ID, "status", res.Status)
			return false, fmt.Sprintf("push refused (%d)", res.Status)
		}
		why := fmt.Sprintf("push service answered %d", res.Status)
		if err != nil {
			why = err.Error()
		}
		if attempt >= p.cfg.Retries {
			return false, why
		}
		wait := min(max(backoff, res.RetryAfter), p.cfg.MaxBackoff)
		if !p.cfg.Sleep(ctx, wait) {
			return false, why
		}
		backoff = min(backoff*2, p.cfg.MaxBackoff)
	}
}
