package main

import (
	"context"
	"log/slog"
	"net/mail"
	"strings"
	"time"

	"brobygger/models"
	"brobygger/notify"
)

// channelsConfig is how citizens are reached beside SMS: Web Push and e-mail (README, Channels).
type channelsConfig struct {
	// VAPID is the Web Push key pair from VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY; empty means the
	// pair kept in the database (generated on the first start) is used.
	VAPID models.VAPIDKeys
	// VAPIDSubject is the contact push services may write to (VAPID_SUBJECT, mailto: or https:).
	VAPIDSubject string
	// PushFallbackAfter is how long a reminder or message push may stay unopened before it is sent
	// by SMS or e-mail instead (PUSH_FALLBACK_AFTER).
	PushFallbackAfter time.Duration
	// AllowLoopbackPush accepts http push endpoints on loopback (PUSH_ALLOW_LOOPBACK=1; tests, development).
	AllowLoopbackPush bool
	// SMTPURL is the mail server (SMTP_URL, smtp://user:pass@host:587 or smtps://…:465); empty logs
	// e-mails instead of sending them. SMTPFrom is the sender address (SMTP_FROM).
	SMTPURL, SMTPFrom string
}

const defaultVAPIDSubject = "mailto:drift@brobygger.invalid"

func loadChannels(getenv func(string) string) (channelsConfig, error) {
	c := channelsConfig{VAPID: models.VAPIDKeys{Public: getenv("VAPID_PUBLIC_KEY"), Private: getenv("VAPID_PRIVATE_KEY")},
		VAPIDSubject: orDefault(getenv("VAPID_SUBJECT"), defaultVAPIDSubject), PushFallbackAfter: notify.DefaultPushFallback}
	if (c.VAPID.Public == "") != (c.VAPID.Private == "") {
		return c, configError("VAPID_PUBLIC_KEY", "set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither")
	}
	if c.VAPID.Public != "" {
		if err := notify.ValidateVAPIDKeys(c.VAPID); err != nil {
			return c, configError("VAPID_PRIVATE_KEY", "%v", err)
		}
	}
	if sub, ok := strings.CutPrefix(c.VAPIDSubject, "mailto:"); ok {
		if _, err := mail.ParseAddress(sub); err != nil {
			return c, configError("VAPID_SUBJECT", "%q must be mailto:address or an https URL", c.VAPIDSubject)
		}
	} else if !strings.HasPrefix(c.VAPIDSubject, "https://") {
		return c, configError("VAPID_SUBJECT", "%q must be mailto:address or an https URL", c.VAPIDSubject)
	}
	if raw := getenv("PUSH_FALLBACK_AFTER"); raw != "" {
		d, err := time.ParseDuration(raw)
		if err != nil || d < time.Minute || d > 48*time.Hour {
			return c, configError("PUSH_FALLBACK_AFTER", "%q must be a duration from 1m to 48h, for example 2h", raw)
		}
		c.PushFallbackAfter = d
	}
	c.SMTPURL, c.SMTPFrom = getenv("SMTP_URL"), orDefault(getenv("SMTP_FROM"), "Brobygger <noreply@brobygger.invalid>")
	if _, err := mail.ParseAddress(c.SMTPFrom); err != nil {
		return c, configError("SMTP_FROM", "%q is not an e-mail address", c.SMTPFrom)
	}
	if c.SMTPURL != "" {
		if _, err := notify.NewSMTPMailer(c.SMTPURL, c.SMTPFrom); err != nil {
			return c, configError("SMTP_URL", "%v", err)
		}
	}
	switch getenv("PUSH_ALLOW_LOOPBACK") {
	case "", "0", "false":
	case "1", "true":
		c.AllowLoopbackPush = true
	default:
		return c, configError("PUSH_ALLOW_LOOPBACK", "must be 1 or 0")
	}
	return c, nil
}

// vapidKeys are the configured keys, or else the pair kept in the database, made on first use,
// so subscriptions stay valid across restarts and replicas.
func vapidKeys(ctx context.Context, cfg channelsConfig, store *models.Store) (models.VAPIDKeys, error) {
	if cfg.VAPID.Public != "" {
		return cfg.VAPID, nil
	}
	return store.StoredVAPIDKeys(ctx, notify.GenerateVAPIDKeys)
}

// newPushDispatcher sends Web Push with the site's VAPID keys.
func newPushDispatcher(cfg config, store *models.Store, keys models.VAPIDKeys, log *slog.Logger) *notify.PushDispatcher {
	sender := &notify.WebPushSender{Keys: keys, Subject: cfg.Channels.VAPIDSubject}
	return notify.NewPushDispatcher(store, sender, notify.PushConfig{FallbackAfter: cfg.Channels.PushFallbackAfter},
		log.With("worker", "push"))
}

// newEmailDispatcher sends e-mail through SMTP_URL, or logs it when none is set.
func newEmailDispatcher(cfg config, store *models.Store, log *slog.Logger) (*notify.EmailDispatcher, error) {
	var mailer notify.Mailer = notify.LogMailer{Log: log}
	if cfg.Channels.SMTPURL != "" {
		m, err := notify.NewSMTPMailer(cfg.Channels.SMTPURL, cfg.Channels.SMTPFrom)
		if err != nil {
			return nil, err
		}
		mailer = m
	}
	return notify.NewEmailDispatcher(store, mailer, notify.EmailConfig{AppURL: cfg.PublicBaseURL.String() + "/app"},
		log.With("worker", "email")), nil
}
