package api_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestWebhookSMS_NonPhoneSendersStoredAndQueuedWithoutReply: a message from a sender ID or a short
// code is stored (Twilio does not retry a refused webhook, so a 400 loses it), lands in the
// unknown-sender queue once a day per sender, and is never answered: such a sender cannot receive
// an SMS. "NORDEASS" spelled on a keypad is a valid Danish number; it must not be read as one.
func TestWebhookSMS_NonPhoneSendersStoredAndQueuedWithoutReply(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWebhookEnv(t, s)
		senders := []string{"DANSKEBANK", "1234", "NORDEASS", "+45abc", "DANSKEBANK"}
		for i, from := range senders {
			if res := w.client.Do(w.inbound(300+i, from, "Din engangskode er 123456")); res.Status != 200 {
				t.Fatalf("%s: %d %s", from, res.Status, res.Body)
			}
		}
		for _, from := range []string{"DANSKEBANK", "1234", "NORDEASS", "+45abc"} {
			msgs, _ := s.ListMessages(ctx, models.MessageFilter{Phone: from})
			want := 1
			if from == "DANSKEBANK" {
				want = 2
			}
			if len(msgs) != want || msgs[0].CitizenID != nil || msgs[0].Body != "Din engangskode er 123456" {
				t.Errorf("%s: want %d stored messages, got %+v", from, want, msgs)
			}
		}
		out, _ := s.ListOutbox(ctx, models.OutboxFilter{})
		if len(out) != 0 {
			t.Fatalf("a sender that cannot receive SMS was answered: %+v", out)
		}
		flags, _ := s.ListFlags(ctx, models.FlagFilter{})
		if len(flags) != 4 {
			t.Fatalf("want one unknown-sender flag per sender, got %d: %+v", len(flags), flags)
		}
		for _, f := range flags {
			if f.Kind != models.FlagUnknownSender || f.CitizenID != nil || !strings.Contains(f.Reason, "cannot receive replies") {
				t.Errorf("flag %+v", f)
			}
		}
	})
}

// TestWebhookSMS_NULAndBadUTF8Stored: a NUL made PostgreSQL refuse the insert, so the webhook
// answered 500 and every retry failed the same way. The text is stored with each bad byte
// replaced by U+FFFD, keeping its length and what follows, and the bot handles it as usual.
func TestWebhookSMS_NULAndBadUTF8Stored(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := newWebhookEnv(t, s)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		sent := map[int]string{
			400: "Hej\x00kan du ringe til mig?",
			401: "Tak \xff\xfe for sidst",
		}
		want := map[string]bool{
			"Hej\uFFFDkan du ringe til mig?": true,
			"Tak \uFFFD\uFFFD for sidst":     true,
		}
		for n, body := range sent {
			if res := w.client.DoInvalid(w.inbound(n, c.Phone, body)); res.Status != 200 {
				t.Fatalf("%q: %d %s", body, res.Status, res.Body)
			}
			// A second delivery of the same message is a duplicate, not a second failure.
			if res := w.client.DoInvalid(w.inbound(n, c.Phone, body)); res.Status != 200 {
				t.Fatalf("retry %q: %d %s", body, res.Status, res.Body)
			}
		}
		all, _ := s.ListMessages(ctx, models.MessageFilter{CitizenID: c.ID})
		var msgs []models.Message
		for _, m := range all {
			if m.Direction == models.Inbound {
				msgs = append(msgs, m)
			}
		}
		if len(msgs) != 2 {
			t.Fatalf("want both messages stored once, got %+v", msgs)
		}
		for _, m := range msgs {
			if !want[m.Body] || m.ProcessedAt == nil {
				t.Errorf("stored %q (processed %v)", m.Body, m.ProcessedAt)
			}
		}
		if got := utf8.RuneCountInString(msgs[0].Body) + utf8.RuneCountInString(msgs[1].Body); got != len("Hej.kan du ringe til mig?")+len("Tak .. for sidst") {
			t.Errorf("stored texts do not keep the original length: %d characters", got)
		}
	})
}
