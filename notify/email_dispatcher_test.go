package notify_test

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
)

// fakeSMTP is a local SMTP server (github.com/emersion/go-smtp) that keeps what it receives.
type fakeSMTP struct {
	addr string
	mu   sync.Mutex
	got  []receivedMail
	fail int // how many next messages to refuse with 451
}

type receivedMail struct {
	From string
	To   []string
	Data string
}

type smtpSession struct {
	f   *fakeSMTP
	cur receivedMail
}

func (s *smtpSession) Reset()        { s.cur = receivedMail{} }
func (s *smtpSession) Logout() error { return nil }
func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.From = from
	return nil
}
func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.cur.To = append(s.cur.To, to)
	return nil
}
func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	if s.f.fail > 0 {
		s.f.fail--
		return &smtp.SMTPError{Code: 451, Message: "try again later"}
	}
	s.cur.Data = string(b)
	s.f.got = append(s.f.got, s.cur)
	return nil
}

func newFakeSMTP(t *testing.T) *fakeSMTP {
	t.Helper()
	f := &fakeSMTP{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{f: f}, nil }))
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return f
}

func (f *fakeSMTP) received() []receivedMail {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]receivedMail(nil), f.got...)
}

// TestEmailDispatcher_SendsWithAppLinkAndRetries: an e-mail row reaches the local SMTP server
// through go-mail with the text, the link into the app and the no-reply line, in the citizen's
// language; a 451 is retried later, and a citizen without an address fails the row.
func TestEmailDispatcher_SendsWithAppLinkAndRetries(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		srv := newFakeSMTP(t)
		mailer, err := notify.NewSMTPMailer("smtp://"+srv.addr+"?tls=none", "Brobygger <noreply@brobygger.example>")
		if err != nil {
			t.Fatal(err)
		}
		d := notify.NewEmailDispatcher(s, mailer, notify.EmailConfig{AppURL: "https://brobygger.example/app"}, nil)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		if err := inspect(t, s).Model(&models.Citizen{}).Where("id = ?", c.ID).Update("email", "anna@example.dk").Error; err != nil {
			t.Fatal(err)
		}
		item, err := s.EnqueueItem(ctx, models.NewOutbound{CitizenID: &c.ID, Body: "Husk: Gåtur i morgen kl. 10 ved Kirken.",
			Kind: models.KindReminder, Channel: models.ChannelEmail})
		if err != nil {
			t.Fatal(err)
		}
		srv.fail = 1
		if _, err := d.DispatchOnce(ctx); err != nil {
			t.Fatal(err)
		}
		var row models.OutboxItem
		inspect(t, s).Where("id = ?", item.ID).Take(&row)
		if row.Status != models.OutboxPending || !row.NotBefore.Equal(clock.Now().Add(time.Minute)) || !strings.Contains(row.LastError, "451") {
			t.Fatalf("after a 451: %+v", row)
		}
		clock.Advance(time.Minute)
		if _, err := d.DispatchOnce(ctx); err != nil {
			t.Fatal(err)
		}
		got := srv.received()
		if len(got) != 1 || got[0].To[0] != "anna@example.dk" || got[0].From != "noreply@brobygger.example" {
			t.Fatalf("received %+v", got)
		}
		for _, want := range []string{"Subject: =?UTF-8?q?P=C3=A5mindelse_fra_Brobygger?=", "https://brobygger.example/app", "kl. 10 ved Kirken"} {
			if !strings.Contains(got[0].Data, want) {
				t.Errorf("mail lacks %q:\n%s", want, got[0].Data)
			}
		}
		row = models.OutboxItem{}
		inspect(t, s).Where("id = ?", item.ID).Take(&row)
		if row.Status != models.OutboxSent || row.Channel != models.ChannelEmail {
			t.Errorf("row after sending: %+v", row)
		}
		other := storetest.Citizen(t, s, nil, models.LangEN)
		none, _ := s.EnqueueItem(ctx, models.NewOutbound{CitizenID: &other.ID, Body: "x", Kind: models.KindReminder, Channel: models.ChannelEmail})
		if _, err := d.DispatchOnce(ctx); err != nil && !errors.Is(err, context.Canceled) {
			t.Fatal(err)
		}
		var failed models.OutboxItem
		inspect(t, s).Where("id = ?", none.ID).Take(&failed)
		if failed.Status != models.OutboxFailed {
			t.Errorf("a citizen without an address: %+v", failed)
		}
	}, models.WithClock(clock.Now))
}

// TestEmailDispatcher_ContactCarriesConfirmationLink: the contact question to a citizen reached
// by e-mail only goes to the local SMTP server with a signed link to confirm, which names the open
// contact conversation; once sent, the citizen counts as contacted, as after the first SMS.
func TestEmailDispatcher_ContactCarriesConfirmationLink(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		srv := newFakeSMTP(t)
		mailer, err := notify.NewSMTPMailer("smtp://"+srv.addr+"?tls=none", "Brobygger <noreply@brobygger.example>")
		if err != nil {
			t.Fatal(err)
		}
		d := notify.NewEmailDispatcher(s, mailer, notify.EmailConfig{AppURL: "https://brobygger.example/app"}, nil)
		worker := storetest.LinkWorker(t, s, "Lise")
		addr := "else@example.dk"
		c, _, err := s.CreateReferral(ctx, models.NewReferral{Name: "Else Mail", Language: models.LangDA, LinkWorkerID: worker.ID,
			ConsentContact: true, ConsentData: true, ReferralProfile: models.ReferralProfile{Email: &addr}})
		if err != nil {
			t.Fatal(err)
		}
		conv := &models.Conversation{CitizenID: c.ID, Kind: models.ConvContact, ExpiresAt: clock.Now().Add(120 * time.Hour)}
		if err := s.StartConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		if _, err := s.EnqueueItem(ctx, models.NewOutbound{CitizenID: &c.ID, Body: "Hej Else. Må Lise kontakte dig?",
			Kind: models.KindContact, Channel: models.ChannelEmail}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.DispatchOnce(ctx); err != nil {
			t.Fatal(err)
		}
		got := srv.received()
		if len(got) != 1 || got[0].To[0] != addr {
			t.Fatalf("received %+v", got)
		}
		data := strings.ReplaceAll(got[0].Data, "=\r\n", "") // quoted-printable soft breaks
		const prefix = "https://brobygger.example/app/contact/"
		at := strings.Index(data, prefix)
		if at < 0 || !strings.Contains(data, "Hej Else") || !strings.Contains(data, "Du kan ikke svare p") {
			t.Fatalf("contact mail:\n%s", got[0].Data)
		}
		token := strings.Fields(data[at+len(prefix):])[0]
		if named, err := s.ContactLinkConversation(ctx, token); err != nil || named.ID != conv.ID {
			t.Fatalf("the link's token: %v %v", named, err)
		}
		after, _ := s.CitizenByID(ctx, c.ID)
		if after.ContactedAt == nil || after.Status != models.StatusContacted {
			t.Fatalf("after the contact e-mail: contacted %v status %s", after.ContactedAt, after.Status)
		}
	}, models.WithClock(clock.Now))
}
