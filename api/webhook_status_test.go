package api_test

import (
	"brobygger/api/apitest"
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify/twiliotest"
)

// sentMessage queues, claims and marks one SMS to c as sent with Twilio SID sid(n).
func sentMessage(t *testing.T, s *models.Store, c *models.Citizen, n int) {
	t.Helper()
	ctx := context.Background()
	if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Hej", Kind: models.KindReply}); err != nil {
		t.Fatal(err)
	}
	items, err := s.ClaimOutbox(ctx, 1, time.Minute)
	if err != nil || len(items) != 1 {
		t.Fatalf("claim: %v %v", items, err)
	}
	if err := s.MarkSent(ctx, items[0], models.SentSMS{SID: sid(n), Status: "queued", Segments: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestWebhookStatus_EveryDocumentedStatusMovesForward posts every MessageStatus Twilio documents
// (and delivery_unknown): each is accepted, and the stored status is always the furthest one.
func TestWebhookStatus_EveryDocumentedStatusMovesForward(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		sentMessage(t, s, c, 200)
		steps := []struct{ post, want string }{
			{"accepted", "queued"}, {"scheduled", "queued"}, {"queued", "queued"}, {"sending", "sending"},
			{"sent", "sent"}, {"delivery_unknown", "delivery_unknown"}, {"sent", "delivery_unknown"},
			{"undelivered", "undelivered"}, {"partially_delivered", "partially_delivered"},
			{"delivered", "delivered"}, {"canceled", "delivered"}, {"failed", "delivered"},
			{"delivery_unknown", "delivered"}, {"read", "read"}, {"receiving", "read"}, {"received", "read"},
		}
		for _, st := range steps {
			res := w.client.Do(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/status",
				twiliotest.StatusCallbackParams(apitest.AccountSID, sid(200), apitest.OurNumber, c.Phone, st.post, 0)))
			if res.Status != 204 {
				t.Fatalf("%s: %d %s", st.post, res.Status, res.Body)
			}
			msgs, _ := s.ListMessages(context.Background(), models.MessageFilter{CitizenID: c.ID})
			if len(msgs) != 1 || msgs[0].Status != st.want {
				t.Fatalf("after %s: want status %s, got %+v", st.post, st.want, msgs)
			}
		}
	})
}

// TestWebhookStatus_UnknownStatusLoggedAndAcknowledged: a status Twilio adds later is not
// refused (Twilio would retry it for nothing); it is logged, cut short, and changes nothing.
func TestWebhookStatus_UnknownStatusLoggedAndAcknowledged(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		var logs bytes.Buffer
		w := newWebhookEnv(t, s)
		deps := w.deps
		deps.Logger = slog.New(slog.NewTextHandler(&logs, nil))
		cl := apitest.NewClient(t, api.New(deps))
		c := storetest.Citizen(t, s, nil, models.LangDA)
		sentMessage(t, s, c, 201)
		future := "teleported_" + strings.Repeat("x", 100)
		for _, st := range []string{"delivered", future} {
			res := cl.Do(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/status",
				twiliotest.StatusCallbackParams(apitest.AccountSID, sid(201), apitest.OurNumber, c.Phone, st, 0)))
			if res.Status != 204 {
				t.Fatalf("%.20s: %d %s", st, res.Status, res.Body)
			}
		}
		msgs, _ := s.ListMessages(context.Background(), models.MessageFilter{CitizenID: c.ID})
		if len(msgs) != 1 || msgs[0].Status != "delivered" {
			t.Fatalf("an unknown status changed the message: %+v", msgs)
		}
		if !strings.Contains(logs.String(), "unknown MessageStatus") || !strings.Contains(logs.String(), "teleported_") ||
			strings.Contains(logs.String(), future) {
			t.Fatalf("want the unknown status logged and cut short, got:\n%s", logs.String())
		}
		missing := withParam(withParam(twiliotest.StatusCallbackParams(apitest.AccountSID, sid(201), apitest.OurNumber, c.Phone, "sent", 0),
			"MessageStatus", ""), "SmsStatus", "")
		res := cl.DoInvalid(twiliotest.SignedRequest(apitest.AuthToken, apitest.Base+"/webhooks/twilio/status", missing))
		if res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
			t.Fatalf("missing status: %d %s", res.Status, res.Body)
		}
	})
}
