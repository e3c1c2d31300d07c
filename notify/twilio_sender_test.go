package notify_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

func TestTwilioSender_SendsFromTheNumberWithStatusCallback(t *testing.T) {
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	body := strings.Repeat("Hej Åse! ", 20) // 180 GSM-7 characters: two segments

	sms := notify.OutgoingSMS{To: "+4520123456", Body: body, StatusCallback: statusCallback}
	sent, err := twilioSender(t, srv).Send(context.Background(), sms)
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].To != "+4520123456" || got[0].From != sender || got[0].MessagingServiceSid != "" ||
		got[0].Body != body || got[0].StatusCallback != statusCallback {
		t.Fatalf("fake recorded %+v", got)
	}
	if sent != (models.SentSMS{SID: got[0].SID, Status: "queued", Segments: 2}) {
		t.Errorf("sent %+v", sent)
	}
}

func TestTwilioSender_PrefersTheMessagingService(t *testing.T) {
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	const service = "MG0123456789abcdef0123456789abcdef"
	s, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: accountSID, AuthToken: authToken,
		From: sender, MessagingServiceSID: service, APIURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("–", 71) // an en dash forces UCS-2: two segments

	sent, err := s.Send(context.Background(), notify.OutgoingSMS{To: "+4520123456", Body: body})
	if err != nil {
		t.Fatal(err) // the fake refuses From together with a service
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].MessagingServiceSid != service || got[0].From != "" || got[0].StatusCallback != "" {
		t.Fatalf("fake recorded %+v", got)
	}
	// The service answers num_segments "0"; the sender counts the body itself.
	if sent.Status != "accepted" || sent.Segments != 2 {
		t.Errorf("sent %+v, want accepted with 2 segments", sent)
	}
}

func TestNewTwilioSender_RefusesMissingSenderOrBadCredentials(t *testing.T) {
	for name, cfg := range map[string]notify.TwilioSenderConfig{
		"no sender":        {AccountSID: accountSID, AuthToken: authToken},
		"bad token":        {AccountSID: accountSID, AuthToken: "not-a-token", From: sender},
		"relative API URL": {AccountSID: accountSID, AuthToken: authToken, From: sender, APIURL: "/twilio"},
	} {
		if _, err := notify.NewTwilioSender(cfg); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
}

func TestTwilioSender_FailuresAreSendErrors(t *testing.T) {
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	s := twilioSender(t, srv)
	srv.FailFor("+4520000001", 400, 21610, "Attempt to send to unsubscribed recipient")
	srv.FailNext(1, 503, 0, "")

	for _, tc := range []struct {
		to       string
		kind     notify.FailureKind
		code, st int
	}{
		{"+4520123456", notify.FailureRetryable, 0, 503}, // the scripted HTML outage page
		{"+4520000001", notify.FailureOptedOut, 21610, 400},
	} {
		_, err := s.Send(context.Background(), notify.OutgoingSMS{To: tc.to, Body: "Hej"})
		var se *notify.SendError
		if !errors.As(err, &se) || se.Kind != tc.kind || se.Code != tc.code || se.HTTPStatus != tc.st {
			t.Errorf("send to %s: %v (%+v)", tc.to, err, se)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	before := srv.Requests()
	if _, err := s.Send(ctx, notify.OutgoingSMS{To: "+4520123456", Body: "Hej"}); err == nil || srv.Requests() != before {
		t.Errorf("a cancelled context still sent (err %v)", err)
	}
}
