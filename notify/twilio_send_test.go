package notify_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

func TestSendAndFetchThroughTheRealClient(t *testing.T) {
	srv, rc := newFake(t)
	at := time.Date(2026, 12, 6, 23, 30, 5, 0, time.FixedZone("CET", 3600))
	srv.SetClock(func() time.Time { return at })
	body := "Hej Åse! Din tid hos Brobygger er i morgen kl. 10. Pris: 0 €"
	callback := "https://brobygger.example/twilio/status"

	sent, err := rc.Api.CreateMessage(sms("+4520123456", body).SetStatusCallback(callback))
	if err != nil {
		t.Fatalf("CreateMessage: %v", err)
	}
	sid := checkQueued(t, sent, "+4520123456", body)

	fetched, err := rc.Api.FetchMessage(sid, nil)
	if err != nil {
		t.Fatalf("FetchMessage: %v", err)
	}
	checkQueued(t, fetched, "+4520123456", body)
	if deref(fetched.Sid) != sid {
		t.Errorf("fetched %v, want %s", deref(fetched.Sid), sid)
	}

	got := srv.Messages()
	if len(got) != 1 {
		t.Fatalf("fake recorded %d messages, want 1", len(got))
	}
	want := twiliotest.Message{SID: sid, To: "+4520123456", From: sender, Body: body,
		StatusCallback: callback, ReceivedAt: at}
	if got[0] != want {
		t.Errorf("recorded %+v\nwant     %+v", got[0], want)
	}
}

// checkQueued checks a message resource as twilio-go decodes a fresh
// message sent from a number, and returns its SID.
func checkQueued(t *testing.T, m *openapi.ApiV2010Message, to, body string) string {
	t.Helper()
	sid, _ := deref(m.Sid).(string)
	if !regexp.MustCompile(`^SM[0-9a-f]{32}$`).MatchString(sid) {
		t.Errorf("sid %q is not SM + 32 lowercase hex digits", sid)
	}
	fields := []struct {
		name      string
		got, want any
	}{
		{"AccountSid", deref(m.AccountSid), accountSID}, {"To", deref(m.To), to},
		{"From", deref(m.From), sender}, {"Body", deref(m.Body), body},
		{"Status", deref(m.Status), "queued"}, {"Direction", deref(m.Direction), "outbound-api"},
		{"NumSegments", deref(m.NumSegments), "1"}, // a string in twilio-go, as in Twilio's JSON
		{"NumMedia", deref(m.NumMedia), "0"}, {"ApiVersion", deref(m.ApiVersion), "2010-04-01"},
		{"Uri", deref(m.Uri), "/2010-04-01/Accounts/" + accountSID + "/Messages/" + sid + ".json"},
		{"Price", deref(m.Price), nil}, {"ErrorCode", deref(m.ErrorCode), nil},
		{"ErrorMessage", deref(m.ErrorMessage), nil}, {"DateSent", deref(m.DateSent), nil},
		{"MessagingServiceSid", deref(m.MessagingServiceSid), nil},
	}
	for _, f := range fields {
		if f.got != f.want {
			t.Errorf("%s = %#v, want %#v", f.name, f.got, f.want)
		}
	}
	// The fake's clock reads 23:30:05 CET on 6 December; Twilio writes RFC 2822 in GMT.
	if created := deref(m.DateCreated); created != "Sun, 06 Dec 2026 22:30:05 +0000" {
		t.Errorf("date_created = %#v, want the fake's clock as RFC 2822 in GMT", created)
	}
	return sid
}

func TestSendThroughAMessagingService(t *testing.T) {
	srv, rc := newFake(t)
	service := "MG0123456789abcdef0123456789abcdef"
	params := (&openapi.CreateMessageParams{}).SetTo("+4520123456").
		SetMessagingServiceSid(service).SetBody("Hej")

	sent, err := rc.Api.CreateMessage(params)
	if err != nil {
		t.Fatal(err)
	}
	// Twilio picks the sender later: no from yet, and no segment count.
	if deref(sent.Status) != "accepted" || sent.From != nil || deref(sent.NumSegments) != "0" ||
		deref(sent.MessagingServiceSid) != service {
		t.Errorf("got status %v from %v segments %v service %v",
			deref(sent.Status), deref(sent.From), deref(sent.NumSegments), deref(sent.MessagingServiceSid))
	}
	if m := srv.Messages(); len(m) != 1 || m[0].MessagingServiceSid != service || m[0].From != "" {
		t.Errorf("recorded %+v", m)
	}
}

func TestNumSegmentsFollowsTheBody(t *testing.T) {
	_, rc := newFake(t)
	for body, want := range map[string]string{
		strings.Repeat("a", 160): "1",
		strings.Repeat("a", 161): "2",
		strings.Repeat("ø", 200): "2", // Danish letters are GSM-7
		strings.Repeat("–", 71):  "2", // an en dash is not
	} {
		sent, err := rc.Api.CreateMessage(sms("+4520123456", body))
		if err != nil {
			t.Fatal(err)
		}
		if got := deref(sent.NumSegments); got != want {
			t.Errorf("%d-rune body: num_segments %v, want %s", len([]rune(body)), got, want)
		}
	}
}

func TestConcurrentSendsAreEachRecordedOnce(t *testing.T) {
	srv, rc := newFake(t)
	const senders = 200
	var wg sync.WaitGroup
	errs := make(chan error, senders)
	for i := range senders {
		wg.Go(func() {
			_, err := rc.Api.CreateMessage(sms(fmt.Sprintf("+45%08d", i), fmt.Sprintf("besked %d", i)))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}

	bodies := make(map[string]int)
	sids := make(map[string]bool)
	for _, m := range srv.Messages() {
		bodies[m.Body]++
		sids[m.SID] = true
	}
	if len(bodies) != senders || len(sids) != senders || srv.Requests() != senders {
		t.Fatalf("%d distinct bodies, %d distinct SIDs, %d requests; want %d each",
			len(bodies), len(sids), srv.Requests(), senders)
	}
	for body, n := range bodies {
		if n != 1 {
			t.Errorf("%q recorded %d times", body, n)
		}
	}
}

// TestLatencyIsAppliedAndHonoursClientTimeout: a client whose timeout is shorter than the fake's
// latency gives up (so the latency is really applied), and a patient one gets its answer. Nothing
// here measures elapsed time: a busy machine only makes the impatient client fail sooner.
func TestLatencyIsAppliedAndHonoursClientTimeout(t *testing.T) {
	srv := twiliotest.NewServer(accountSID, authToken)
	defer srv.Close()
	srv.SetLatency(3 * time.Second) // 60 times the client's patience

	impatient := &http.Client{Timeout: 50 * time.Millisecond}
	rc, err := notify.NewTwilioRestClient(accountSID, authToken, srv.URL(), impatient)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Api.CreateMessage(sms("+4520123456", "Hej")); err == nil {
		t.Fatal("send succeeded despite a client timeout shorter than the latency")
	}

	srv.SetLatency(20 * time.Millisecond)
	rc = clientFor(t, srv)
	if _, err := rc.Api.CreateMessage(sms("+4520123456", "Hej")); err != nil {
		t.Fatal(err)
	}
}
