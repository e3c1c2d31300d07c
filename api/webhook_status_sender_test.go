package api_test

import (
	"brobygger/api/apitest"
	"context"
	"log/slog"
	"net/url"
	"strings"
	"testing"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// TestWebhookStatus_FromMustBeOurSender: with two numbers in TWILIO_FROM and a Messaging
// Service, a signed delivery status from either number (however written), or carrying our
// MessagingServiceSid (with a pool number as From, or no From at all), is applied; one from any
// other sender, or with another service's SID, is 403 with a JSON error and changes nothing, not
// even with ErrorCode 21610 (STOP), and is logged without the recipient. A bad signature is still
// refused for the signature, checked first.
func TestWebhookStatus_FromMustBeOurSender(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWebhookEnv(t, s)
		logs := &lockedBuffer{}
		w.deps.Logger = slog.New(slog.NewJSONHandler(logs, nil))
		service := "MG" + strings.Repeat("0a", 16)
		w.deps.TwilioRecipients = api.TwilioRecipients{Numbers: []string{"+4570701234", "+4570705678"}, MessagingServiceSID: service}
		w.client = apitest.NewClient(t, api.New(w.deps))
		c := storetest.Citizen(t, s, nil, models.LangDA)
		noFrom := func(p url.Values) { p.Del("From"); p.Set("MessagingServiceSid", service) }
		viaService := func(p url.Values) { p.Set("MessagingServiceSid", service) }
		otherService := func(p url.Values) { p.Set("MessagingServiceSid", "MG"+strings.Repeat("0b", 16)) }
		for i, tc := range []struct {
			from   string
			tune   func(url.Values)
			status int
		}{
			{"+4570701234", nil, 204},
			{"+45 70 70 56 78", nil, 204},
			{"70 70 12 34", nil, 204},
			{"", noFrom, 204},
			{"+4571000000", viaService, 204},
			{"+4571000000", nil, 403},
			{"", nil, 403},
			{"+4571000000", otherService, 403},
			{"", func(p url.Values) { p.Del("From") }, 403},
		} {
			n := 700 + i
			sentMessage(t, s, c, n)
			p := twiliotest.StatusCallbackParams(apitest.AccountSID, sid(n), tc.from, c.Phone, "delivered", 0)
			if tc.status == 403 {
				// What a forger would send: a STOP error that would opt the citizen out.
				p = twiliotest.StatusCallbackParams(apitest.AccountSID, sid(n), tc.from, c.Phone, "failed", 21610)
			}
			if tc.tune != nil {
				tc.tune(p)
			}
			res := w.client.Do(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/status", p))
			if res.Status != tc.status {
				t.Errorf("From %q (%d): %d %s, want %d", tc.from, i, res.Status, res.Body, tc.status)
				continue
			}
			want := "delivered"
			if tc.status == 403 {
				want = "queued"
				if res.ErrorCode(t) != "EFORBIDDEN" || !strings.Contains(string(res.Body), "not sent by one of this service's senders") {
					t.Errorf("From %q: %s", tc.from, res.Body)
				}
			}
			msgs, _ := s.ListMessages(ctx, models.MessageFilter{CitizenID: c.ID})
			got := ""
			for _, m := range msgs {
				if m.TwilioSID != nil && *m.TwilioSID == sid(n) {
					got = m.Status
				}
			}
			if got != want {
				t.Errorf("From %q: message status %q, want %s", tc.from, got, want)
			}
		}
		if got, _ := s.CitizenByID(ctx, c.ID); got.OptedOut() {
			t.Fatal("a refused status callback opted the citizen out")
		}
		log := logs.String()
		if strings.Count(log, "delivery status refused") != 4 || strings.Contains(log, c.Phone) {
			t.Errorf("refusal log: %s", log)
		}
		bad := twiliotest.StatusCallbackParams(apitest.AccountSID, sid(700), "+4571000000", c.Phone, "failed", 21610)
		if res := w.client.Do(twiliotest.SignedRequest("wrong-token", apitest.Base+"/webhooks/twilio/status", bad)); res.Status != 403 ||
			!strings.Contains(string(res.Body), "signature") {
			t.Errorf("bad signature: %d %s", res.Status, res.Body)
		}
	})
}
