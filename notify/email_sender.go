package notify

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	mail "github.com/wneessen/go-mail"
)

// Mailer sends one plain-text e-mail. Production uses SMTPMailer; without SMTP_URL, LogMailer.
type Mailer interface {
	Mail(ctx context.Context, m outgoingEmail) error
}

// outgoingEmail is one e-mail as the mail server needs it.
type outgoingEmail struct {
	To, Subject, Body string
	// Date is the Date header (the store's clock).
	Date time.Time
}

// sMTPMailer sends through an SMTP server with github.com/wneessen/go-mail.
type sMTPMailer struct {
	client *mail.Client
	from   string
}

// NewSMTPMailer reads SMTP_URL: smtp://[user:pass@]host[:port] (STARTTLS when the server offers
// it, port 587 by default; ?tls=none for a local relay), or smtps://… (TLS from the start, 465).
func NewSMTPMailer(rawURL, from string) (*sMTPMailer, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Hostname() == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("SMTP_URL must be smtp://host:port or smtps://host:port")
	}
	opts := []mail.Option{mail.WithTimeout(30 * time.Second)}
	port := map[string]int{"smtp": 587, "smtps": 465}[u.Scheme]
	if p := u.Port(); p != "" {
		if port, err = strconv.Atoi(p); err != nil {
			return nil, fmt.Errorf("SMTP_URL port %q", p)
		}
	}
	opts = append(opts, mail.WithPort(port))
	switch {
	case u.Scheme == "smtps":
		opts = append(opts, mail.WithSSLPort(false))
	case u.Query().Get("tls") == "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if u.User != nil {
		pass, _ := u.User.Password()
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(u.User.Username()), mail.WithPassword(pass))
	}
	client, err := mail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp client: %w", err)
	}
	return &sMTPMailer{client: client, from: from}, nil
}

// Mail sends one e-mail over a fresh connection.
func (s *sMTPMailer) Mail(ctx context.Context, m outgoingEmail) error {
	msg := mail.NewMsg()
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("smtp from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("smtp to: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDateWithValue(m.Date)
	msg.SetMessageID()
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp send: %w", err)
	}
	return nil
}

// LogMailer logs each e-mail instead of sending it (no SMTP_URL), as LogSender does for SMS.
type LogMailer struct{ Log *slog.Logger }

// Mail logs the e-mail's subject and recipient domain.
func (l LogMailer) Mail(ctx context.Context, m outgoingEmail) error {
	l.Log.InfoContext(ctx, "e-mail not sent (no SMTP_URL)", "subject", m.Subject, "chars", len(m.Body))
	return nil
}
