package notify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"

	"brobygger/models"
	"brobygger/models/sms"
)

// logSender "sends" SMS by logging them, so `brobygger serve` runs without a Twilio account.
//
// It logs the full number and body on purpose: it exists for a developer to read what would
// have been sent. Production never uses it: the server picks it only when no Twilio credentials
// are configured, and production logs must never hold health data or numbers.
type logSender struct {
	log *slog.Logger
}

// NewLogSender returns a LogSender writing to log (discarding when nil).
func NewLogSender(log *slog.Logger) *logSender {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &logSender{log: log}
}

// Send logs m and returns a fake SID ("DEV" and 32 hex digits) with status "sent".
func (s *logSender) Send(ctx context.Context, m OutgoingSMS) (models.SentSMS, error) {
	segments := sms.CountSegments(m.Body)
	sid := devSID()
	s.log.InfoContext(ctx, "dev sms (not sent)", "sid", sid, "to", m.To,
		"segments", segments.Count, "encoding", string(segments.Encoding), "body", m.Body)
	return models.SentSMS{SID: sid, Status: "sent", Segments: segments.Count}, nil
}

// devSID returns a fake message SID that cannot be mistaken for Twilio's "SM…" SIDs.
func devSID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	return "DEV" + hex.EncodeToString(b[:])
}
