package api_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// webhookEnv is an app with the bot over a real store and a known Twilio auth token.
type webhookEnv struct {
	store  *models.Store
	client *apitest.Client
	deps   api.Deps
}

func newWebhookEnv(t *testing.T, s *models.Store) *webhookEnv {
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	engine, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	deps := apitest.Deps(t, s)
	deps.Bot = engine
	deps.TwilioAuthToken = apitest.AuthToken
	deps.PublicBaseURL, _ = url.Parse(apitest.Base)
	return &webhookEnv{store: s, deps: deps, client: apitest.NewClient(t, api.New(deps))}
}

func sid(n int) string { return fmt.Sprintf("SM%032x", n) }

func (w *webhookEnv) inbound(n int, from, body string) *http.Request {
	return twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/sms", twiliotest.InboundSMSParams(apitest.AccountSID, sid(n), from, apitest.OurNumber, body))
}

func TestWebhookSMS_StoresRepliesAndDeduplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		res := w.client.Do(w.inbound(1, c.Phone, "hjælp"))
		if res.Status != 200 || res.Header.Get("Content-Type") != "application/xml" || !strings.Contains(string(res.Body), "<Response/>") {
			t.Fatalf("ack: %d %q %s", res.Status, res.Header.Get("Content-Type"), res.Body)
		}
		again := w.client.Do(w.inbound(1, c.Phone, "hjælp"))
		if again.Status != 200 {
			t.Fatalf("duplicate: %d %s", again.Status, again.Body)
		}
		out, _ := s.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: c.ID})
		if len(out) != 1 || !strings.Contains(out[0].Body, "STOP") {
			t.Fatalf("want exactly one HELP reply, got %+v", out)
		}
	})
}

func TestWebhookSMS_RacingDeliveriesProcessOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		var wg sync.WaitGroup
		for i := 0; i < 6; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := w.client.App.Test(w.inbound(7, c.Phone, "Kan du ringe til mig?"), -1)
				if err != nil || res.StatusCode != 200 {
					t.Errorf("racing delivery: %v %v", res, err)
				}
			}()
		}
		wg.Wait()
		flags, _ := s.ListFlags(context.Background(), models.FlagFilter{CitizenID: c.ID})
		out, _ := s.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: c.ID})
		if len(flags) != 1 || len(out) != 1 {
			t.Fatalf("processed more than once: %d flags, %d replies", len(flags), len(out))
		}
	})
}

func TestWebhookSMS_RejectsBadSignaturesAndInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		good := twiliotest.InboundSMSParams(apitest.AccountSID, sid(9), c.Phone, apitest.OurNumber, "JA")

		unsigned := w.inbound(9, c.Phone, "JA")
		unsigned.Header.Del("X-Twilio-Signature")
		wrongToken := twiliotest.SignedRequest("otherToken999", apitest.Base+"/webhooks/twilio/sms", good)
		// A signature made for a URL an attacker controls, replayed with a forged Host header.
		forwarded := twiliotest.SignedRequest(apitest.AuthToken, "https://evil.example/webhooks/twilio/sms", good)
		forwarded.Header.Set("X-Forwarded-Host", "evil.example")
		forwarded.Header.Set("X-Forwarded-Proto", "https")
		tampered := w.inbound(9, c.Phone, "JA")
		tampered.Body = apitest.ReaderOf(strings.Replace(good.Encode(), "Body=JA", "Body=NEJ", 1))

		for name, req := range map[string]*http.Request{"unsigned": unsigned, "wrong token": wrongToken, "forwarded host": forwarded, "tampered body": tampered} {
			res := w.client.DoInvalid(req)
			if res.Status != 403 || res.ErrorCode(t) != "EFORBIDDEN" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		bad := map[string]url.Values{
			"missing From":       withParam(good, "From", ""),
			"missing MessageSid": withParam(withParam(good, "MessageSid", ""), "SmsSid", ""),
			"blank From":         withParam(good, "From", "  "),
			"body too long":      withParam(good, "Body", strings.Repeat("a", 1601)),
		}
		for name, params := range bad {
			req := twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/sms", params)
			res := w.client.DoInvalid(req)
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		msgs, _ := s.ListMessages(context.Background(), models.MessageFilter{CitizenID: c.ID})
		if len(msgs) != 0 {
			t.Fatalf("rejected requests stored %d messages", len(msgs))
		}
	})
}

func TestWebhookSMS_UnknownSenderAnsweredOncePerDay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		w := newWebhookEnv(t, s)
		stranger := "+4526999111"
		for i := 0; i < 3; i++ {
			if res := w.client.Do(w.inbound(20+i, stranger, "Hvem er du?")); res.Status != 200 {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		}
		out, _ := s.ListOutbox(context.Background(), models.OutboxFilter{Phone: stranger})
		msgs, _ := s.ListMessages(context.Background(), models.MessageFilter{Phone: stranger})
		flags, _ := s.ListFlags(context.Background(), models.FlagFilter{})
		if len(out) != 1 || len(msgs) != 3 || len(flags) != 1 || flags[0].Kind != models.FlagUnknownSender {
			t.Fatalf("unknown sender: %d replies, %d stored, flags %+v", len(out), len(msgs), flags)
		}
	})
}

func TestWebhookStatus_OutOfOrderAndOptOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		_, _ = s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Hej", Kind: models.KindReply})
		items, _ := s.ClaimOutbox(ctx, 1, time.Minute)
		if err := s.MarkSent(ctx, items[0], models.SentSMS{SID: sid(100), Status: "queued", Segments: 1}); err != nil {
			t.Fatal(err)
		}
		status := func(st string, code int) apitest.Response {
			return w.client.Do(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/status",
				twiliotest.StatusCallbackParams(apitest.AccountSID, sid(100), apitest.OurNumber, c.Phone, st, code)))
		}
		for _, st := range []string{"delivered", "sent", "delivered"} {
			if res := status(st, 0); res.Status != 204 {
				t.Fatalf("%s: %d %s", st, res.Status, res.Body)
			}
		}
		msgs, _ := s.ListMessages(ctx, models.MessageFilter{CitizenID: c.ID})
		if len(msgs) != 1 || msgs[0].Status != "delivered" {
			t.Fatalf("status moved backwards: %+v", msgs)
		}
		if res := status("failed", 21610); res.Status != 204 {
			t.Fatal(res.Status)
		}
		got, _ := s.CitizenByID(ctx, c.ID)
		if !got.OptedOut() {
			t.Fatal("ErrorCode 21610 did not opt the citizen out")
		}
	})
}

func withParam(v url.Values, k, val string) url.Values {
	out := url.Values{}
	for key, vs := range v {
		out[key] = append([]string(nil), vs...)
	}
	if val == "" {
		out.Del(k)
	} else {
		out.Set(k, val)
	}
	return out
}
