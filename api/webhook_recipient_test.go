package api_test

import (
	"brobygger/api/apitest"
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// lockedBuffer is a log sink that several request goroutines may write to.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}
func (l *lockedBuffer) String() string { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// TestWebhookSMS_ToMustBeOurSender: with two numbers in TWILIO_FROM and a Messaging Service, an
// inbound SMS to either number (however written) or through the service is stored; one to
// another number is 403 with a JSON error, stores nothing and is logged without its body or
// sender. A request with a bad signature is still 403 for the signature, checked first.
func TestWebhookSMS_ToMustBeOurSender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWebhookEnv(t, s)
		logs := &lockedBuffer{}
		w.deps.Logger = slog.New(slog.NewJSONHandler(logs, nil))
		w.deps.TwilioRecipients = api.TwilioRecipients{Numbers: []string{"+4570701234", "+4570705678"},
			MessagingServiceSID: "MG" + strings.Repeat("0a", 16)}
		w.client = apitest.NewClient(t, api.New(w.deps))
		c := storetest.Citizen(t, s, nil, models.LangDA)
		send := func(n int, to, body string, tune func(url.Values)) apitest.Response {
			p := twiliotest.InboundSMSParams(apitest.AccountSID, sid(n), c.Phone, to, body)
			if tune != nil {
				tune(p)
			}
			return w.client.Do(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/sms", p))
		}
		viaService := func(p url.Values) { p.Set("MessagingServiceSid", "MG"+strings.Repeat("0a", 16)) }
		for i, tc := range []struct {
			to     string
			tune   func(url.Values)
			status int
		}{
			{"+4570701234", nil, 200},
			{"+45 70 70 56 78", nil, 200},
			{"+4571000000", viaService, 200},
			{"+4571000000", nil, 403},
			{"", nil, 403},
			{"+4571000000", func(p url.Values) { p.Set("MessagingServiceSid", "MG"+strings.Repeat("0b", 16)) }, 403},
		} {
			res := send(500+i, tc.to, "hemmelig besked", tc.tune)
			if res.Status != tc.status {
				t.Errorf("To %q: %d %s, want %d", tc.to, res.Status, res.Body, tc.status)
			}
			if tc.status == 403 && !strings.Contains(string(res.Body), "not one of this service's senders") {
				t.Errorf("To %q: %s", tc.to, res.Body)
			}
		}
		msgs, _ := s.ListMessages(ctx, models.MessageFilter{Phone: c.Phone})
		if len(msgs) != 3 {
			t.Fatalf("%d messages stored, want the 3 sent to our senders", len(msgs))
		}
		log := logs.String()
		if strings.Count(log, "not one of this service's senders") != 3 || strings.Contains(log, "hemmelig") || strings.Contains(log, c.Phone) {
			t.Errorf("refusal log: %s", log)
		}
		bad := twiliotest.InboundSMSParams(apitest.AccountSID, sid(600), c.Phone, "+4571000000", "x")
		req := twiliotest.SignedRequest("wrong-token", apitest.Base+"/webhooks/twilio/sms", bad)
		if res := w.client.Do(req); res.Status != 403 || !strings.Contains(string(res.Body), "signature") {
			t.Errorf("bad signature to another number: %d %s", res.Status, res.Body)
		}
	})
}
