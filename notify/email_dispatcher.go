package notify

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"brobygger/models"
)

//go:embed email_texts.json
var emailTextsJSON []byte

// EmailConfig tunes an EmailDispatcher. Zero values take the defaults in brackets.
type EmailConfig struct {
	// AppURL is the link into the citizen app every e-mail carries (PUBLIC_BASE_URL + "/app").
	AppURL string
	// BatchSize is how many due rows one claim takes [16].
	BatchSize int
	// Lease is how long a claimed row stays ours [2m].
	Lease time.Duration
	// PollInterval is the pause after a claim found nothing due [1s].
	PollInterval time.Duration
	// MaxAttempts is how many tries a failing e-mail gets [5], BaseBackoff the first wait, doubled [1m].
	MaxAttempts int
	BaseBackoff time.Duration
	// Sleep waits d or until ctx ends [a timer].
	Sleep func(ctx context.Context, d time.Duration) bool
}

// EmailDispatcher drains the outbox's e-mail rows: the row's text in the citizen's language, a
// link into the app, and a line that replies are not read (inbound e-mail is out of scope).
type EmailDispatcher struct {
	store  *models.Store
	mailer Mailer
	cfg    EmailConfig
	log    *slog.Logger
	texts  map[string]map[models.Lang]string
	drain  channelDrain
}

// NewEmailDispatcher returns an e-mail dispatcher over store. A nil log discards.
func NewEmailDispatcher(store *models.Store, mailer Mailer, cfg EmailConfig, log *slog.Logger) *EmailDispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg.BatchSize = orDefault(cfg.BatchSize, 16)
	cfg.Lease = orDefault(cfg.Lease, 2*time.Minute)
	cfg.PollInterval = orDefault(cfg.PollInterval, time.Second)
	cfg.MaxAttempts = orDefault(cfg.MaxAttempts, 5)
	cfg.BaseBackoff = orDefault(cfg.BaseBackoff, time.Minute)
	if cfg.Sleep == nil {
		cfg.Sleep = sleep
	}
	var texts map[string]map[models.Lang]string
	if err := json.Unmarshal(emailTextsJSON, &texts); err != nil {
		panic(fmt.Sprintf("notify: email_texts.json: %v", err)) // embedded at build time; a test reads it
	}
	e := &EmailDispatcher{store: store, mailer: mailer, cfg: cfg, log: log, texts: texts}
	e.drain = channelDrain{store: store, channel: models.ChannelEmail, batch: cfg.BatchSize, lease: cfg.Lease,
		poll: cfg.PollInterval, sleep: cfg.Sleep, log: log, failed: "e-mail dispatch failed", dispatch: e.dispatch}
	return e
}

// Name names the e-mail dispatcher among the server's background jobs.
func (e *EmailDispatcher) Name() string { return "email dispatcher" }

// Run dispatches until ctx is cancelled.
func (e *EmailDispatcher) Run(ctx context.Context) error { return e.drain.run(ctx) }

// DispatchOnce claims one batch of e-mail rows and sends each. It returns how many it claimed.
func (e *EmailDispatcher) DispatchOnce(ctx context.Context) (int, error) { return e.drain.once(ctx) }

func (e *EmailDispatcher) dispatch(ctx context.Context, item models.OutboxItem) error {
	sctx := context.WithoutCancel(ctx)
	if item.CitizenID == nil {
		return e.store.SettleChannel(sctx, item.ID, false, "e-mail row without a citizen", nil)
	}
	c, err := e.store.CitizenByID(ctx, *item.CitizenID)
	if err != nil {
		return err
	}
	if c.Email == nil || *c.Email == "" {
		return e.store.SettleChannel(sctx, item.ID, false, "the citizen has no e-mail address", nil)
	}
	msg, err := e.compose(ctx, c, item)
	if err != nil {
		return err
	}
	err = e.mailer.Mail(ctx, msg)
	switch {
	case err == nil:
		return e.store.SettleChannel(sctx, item.ID, true, "", nil)
	case item.Attempts >= e.cfg.MaxAttempts:
		return e.store.SettleChannel(sctx, item.ID, false, err.Error(), nil)
	default:
		wait := e.cfg.BaseBackoff << min(item.Attempts-1, 10)
		return e.store.RetryChannel(sctx, item.ID, e.store.Now().Add(wait), err.Error())
	}
}

// compose writes the e-mail: the row's text, the link (into the app, or for the contact
// question the signed confirmation link), and the no-reply line.
func (e *EmailDispatcher) compose(ctx context.Context, c *models.Citizen, item models.OutboxItem) (outgoingEmail, error) {
	t := func(key string) string {
		if v, ok := e.texts[key][c.Language]; ok {
			return v
		}
		return e.texts[key][models.LangDA]
	}
	subject := t("subject." + item.Kind)
	if subject == "" {
		subject = t("subject.staff_message")
	}
	link, err := e.link(ctx, c, item)
	if err != nil {
		return outgoingEmail{}, err
	}
	line := strings.ReplaceAll(t("link"), "{url}", e.cfg.AppURL)
	if link != "" {
		line = strings.ReplaceAll(t("confirm"), "{url}", link)
	}
	body := item.Body + "\n\n" + line + "\n\n" + t("footer") + "\n"
	return outgoingEmail{To: *c.Email, Subject: subject, Body: body, Date: e.store.Now()}, nil
}

// link is the confirmation link of a contact question still open (AppURL/contact/TOKEN), or ""
// for any other row, or when the question has been answered meanwhile.
func (e *EmailDispatcher) link(ctx context.Context, c *models.Citizen, item models.OutboxItem) (string, error) {
	if item.Kind != models.KindContact && item.Kind != models.KindContactNudge {
		return "", nil
	}
	conv, err := e.store.OpenConversation(ctx, c.ID)
	if err != nil || conv == nil || conv.Kind != models.ConvContact {
		return "", err
	}
	token, err := e.store.ContactLinkToken(ctx, conv.ID)
	if err != nil {
		return "", err
	}
	return e.cfg.AppURL + "/contact/" + token, nil
}
