package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/api/apitest"
	"brobygger/models"
	"brobygger/notify/twiliotest"
)

// e2eSID and e2eToken are the fake Twilio account every end-to-end test uses.
const e2eSID, e2eToken = "AC0123456789abcdef0123456789abcdef", "authtoken0123456789"

// e2eSite is a built binary, a database and a fake Twilio: one site that a test can start
// (and restart) at any instant of its own choosing.
type e2eSite struct {
	t     *testing.T
	bin   string
	dbURL string
	fake  *twiliotest.Server
	// extraEnv is added to every process's environment (later entries win).
	extraEnv []string
}

func newE2ESite(t *testing.T) *e2eSite {
	t.Helper()
	return newE2ESiteAt(t, "sqlite:"+filepath.Join(t.TempDir(), "e2e.db"))
}

// newE2ESiteAt is a site on the database at dbURL (SQLite or PostgreSQL).
func newE2ESiteAt(t *testing.T, dbURL string, extraEnv ...string) *e2eSite {
	t.Helper()
	bin := builtBinary(t)
	fake := twiliotest.NewServer(e2eSID, e2eToken)
	t.Cleanup(fake.Close)
	s := &e2eSite{t: t, bin: bin, dbURL: dbURL, fake: fake, extraEnv: extraEnv}
	add := exec.Command(bin, "staff", "add", "--email", "lw@example.dk", "--name", "Lise Holm", "--role", "link_worker", "--phone", "33123456")
	add.Env, add.Stdin = s.env("", ""), strings.NewReader("a long enough password\n")
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("staff add: %v %s", err, out)
	}
	return s
}

// env is the server's environment. The machine's own TZ is set to a zone far from the site's,
// so nothing can lean on it.
func (s *e2eSite) env(addr, clockStart string) []string {
	return append(append(os.Environ(), "TZ=Pacific/Kiritimati", "LISTEN_ADDR="+orDefault(addr, "127.0.0.1:0"), "DATABASE_URL="+s.dbURL,
		"TWILIO_ACCOUNT_SID="+e2eSID, "TWILIO_AUTH_TOKEN="+e2eToken, "TWILIO_FROM=+4570701234", "TWILIO_API_URL="+s.fake.URL(),
		"PUBLIC_BASE_URL=https://sms.example.dk", "SMS_RATE_PER_SECOND=0", "JWT_SECRET=an-end-to-end-secret-of-32-characters", "METRICS_TOKEN=an-end-to-end-metrics-token",
		"TIMEZONE=Europe/Copenhagen", clockStartVar+"="+clockStart), s.extraEnv...)
}

// start runs serve with its clock starting at clockStart; the server stops when the test ends
// or when stop is called.
func (s *e2eSite) start(clockStart string) (base string, logs *bytes.Buffer, stop func()) {
	s.t.Helper()
	addr := freeAddr(s.t)
	srv := exec.Command(s.bin, "serve")
	srv.Env = s.env(addr, clockStart)
	logs = &bytes.Buffer{}
	srv.Stdout, srv.Stderr = logs, logs
	if err := srv.Start(); err != nil {
		s.t.Fatal(err)
	}
	var once sync.Once
	stop = func() { once.Do(func() { _ = srv.Process.Kill(); _ = srv.Wait() }) }
	s.t.Cleanup(stop)
	base = "http://" + addr
	waitReady(s.t, base+"/readyz", logs)
	return base, logs, stop
}

// refer logs the link worker in and refers Anna; it returns her citizen id.
func (s *e2eSite) refer(base string) string {
	s.t.Helper()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	apitest.CallJSON(s.t, http.MethodPost, base+"/v1/auth/staff/login", "", `{"email":"lw@example.dk","password":"a long enough password"}`, 200, &tok)
	var ref struct {
		CitizenID string `json:"citizen_id"`
	}
	apitest.CallJSON(s.t, http.MethodPost, base+"/v1/referrals", tok.AccessToken, `{"name":"Anna Jensen","phone":"26 12 34 56","consent_contact":true,"consent_data":true}`, 201, &ref)
	return ref.CitizenID
}

// waitForMessages waits (by the wall clock: this is the test's patience, not the server's
// clock) until the fake Twilio holds n messages.
func (s *e2eSite) waitForMessages(n int, logs fmt.Stringer) []twiliotest.Message {
	s.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for len(s.fake.Messages()) < n && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	msgs := s.fake.Messages()
	if len(msgs) != n {
		s.t.Fatalf("fake Twilio got %d messages, want %d\n%s", len(msgs), n, logs.String())
	}
	return msgs
}

// outbox reads the citizen's queued and sent SMS straight from the site's database.
func (s *e2eSite) outbox(citizenID string) []models.OutboxItem {
	s.t.Helper()
	store, err := models.Open(context.Background(), s.dbURL)
	if err != nil {
		s.t.Fatal(err)
	}
	defer store.Close()
	items, err := store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: citizenID})
	if err != nil {
		s.t.Fatal(err)
	}
	return items
}

// TestServe_EndToEndThroughFakeTwilio runs the real binary against the fake Twilio REST API on a
// Tuesday morning (its own clock, whatever the hour here): a link worker logs in, refers a
// citizen, the contact SMS reaches "Twilio" through twilio-go with our status callback URL, and
// the citizen's signed JA is answered.
func TestServe_EndToEndThroughFakeTwilio(t *testing.T) {
	site := newE2ESite(t)
	base, logs, _ := site.start("2026-12-08T10:00:00+01:00")
	site.refer(base)

	m := site.waitForMessages(1, logs)[0]
	if m.To != "+4526123456" || m.From != "+4570701234" || !strings.Contains(m.Body, "Lise") ||
		m.StatusCallback != "https://sms.example.dk/webhooks/twilio/status" {
		t.Fatalf("unexpected message %+v", m)
	}

	// The citizen answers JA: a webhook signed as Twilio signs it, against PUBLIC_BASE_URL.
	ja := twiliotest.InboundSMSParams(e2eSID, "SM"+strings.Repeat("ab", 16), "+4526123456", "+4570701234", "JA")
	req, _ := http.NewRequest(http.MethodPost, base+"/webhooks/twilio/sms", strings.NewReader(ja.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Signature(e2eToken, "https://sms.example.dk/webhooks/twilio/sms", ja))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("inbound webhook: %d\n%s", res.StatusCode, logs.String())
	}
	if msgs := site.waitForMessages(2, logs); msgs[1].To != "+4526123456" {
		t.Fatalf("after JA the second message went to %s, want the citizen", msgs[1].To)
	}
	// The dispatcher counts a send once it has recorded it, a moment after the fake saw it.
	wantMetrics := []string{"brobygger_inbound_batches_total 1", "brobygger_inbound_messages_total 1", "brobygger_outbox_sent_total 2"}
	deadline := time.Now().Add(30 * time.Second)
	for missing := wantMetrics; len(missing) > 0; {
		metrics := getBody(t, base+"/metrics")
		missing = slices.DeleteFunc(slices.Clone(wantMetrics), func(line string) bool { return strings.Contains(metrics, "\n"+line+"\n") })
		if len(missing) > 0 && time.Now().After(deadline) {
			t.Fatalf("/metrics lacks %q", missing)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Contains(logs.String(), e2eToken) || strings.Contains(logs.String(), "an-end-to-end-secret") {
		t.Fatal("a secret reached the log")
	}
}

// TestServe_NightReferralIsTextedNextWorkingMorning refers a citizen at 22:00 on a Saturday:
// the contact SMS is queued for 09:00 on Monday (Sunday is closed), nothing is sent that night,
// and a server started on Monday morning sends it.
func TestServe_NightReferralIsTextedNextWorkingMorning(t *testing.T) {
	site := newE2ESite(t)
	base, logs, stop := site.start("2026-12-05T22:00:00+01:00")
	citizenID := site.refer(base)

	monday9 := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC) // 09:00 in Copenhagen
	queued := site.outbox(citizenID)
	if len(queued) != 1 || !queued[0].NotBefore.Equal(monday9) || queued[0].Status != models.OutboxPending {
		t.Fatalf("contact SMS queued as %+v, want one pending row not before %s", queued, monday9)
	}
	// The dispatcher polls many times a second; a few polls must leave the night message alone.
	time.Sleep(time.Second)
	if n := len(site.fake.Messages()); n != 0 {
		t.Fatalf("%d SMS sent at 22:00 on a Saturday\n%s", n, logs.String())
	}
	stop()

	_, logs, _ = site.start("2026-12-07T09:00:00+01:00")
	m := site.waitForMessages(1, logs)[0]
	if m.To != "+4526123456" || !strings.Contains(m.Body, "Lise") {
		t.Fatalf("unexpected message %+v", m)
	}
	// The dispatcher records a send a moment after the fake saw it.
	sent := site.outbox(citizenID)
	for deadline := time.Now().Add(30 * time.Second); len(sent) == 1 && sent[0].SentAt == nil && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
		sent = site.outbox(citizenID)
	}
	if len(sent) != 1 || sent[0].SentAt == nil || sent[0].SentAt.Before(monday9) {
		t.Fatalf("contact SMS recorded as %+v, want sent from Monday 09:00", sent)
	}
}

func getBody(t *testing.T, url string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer an-end-to-end-metrics-token")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	_, _ = b.ReadFrom(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %s", url, res.StatusCode, b.String())
	}
	return b.String()
}
