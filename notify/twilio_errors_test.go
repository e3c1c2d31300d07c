package notify_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/notify"
)

func TestFailForSurfacesAsTwilioRestError(t *testing.T) {
	tests := []struct {
		to      string
		status  int
		code    int
		message string
	}{
		{"+4520000001", 400, 21610, "Attempt to send to unsubscribed recipient"},
		{"+4520000002", 400, 21211, "Invalid 'To' Phone Number"},
		{"+4520000003", 400, 21614, "'To' number is not a valid mobile number"},
		{"+4520000004", 429, 20429, "Too Many Requests"},
		{"+4520000005", 503, 20503, "Service Unavailable"},
	}
	srv, rc := newFake(t)
	for _, tc := range tests {
		srv.FailFor(tc.to, tc.status, tc.code, tc.message)
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.code), func(t *testing.T) {
			for attempt := range 2 { // FailFor is permanent, not one-shot
				_, err := rc.Api.CreateMessage(sms(tc.to, "Hej"))
				apiErr := asTwilioError(t, err)
				if apiErr.Code != tc.code || apiErr.Status != tc.status || apiErr.Message != tc.message ||
					apiErr.MoreInfo != fmt.Sprintf("https://www.twilio.com/docs/errors/%d", tc.code) {
					t.Errorf("attempt %d: got %+v", attempt, apiErr)
				}
			}
		})
	}
	if _, err := rc.Api.CreateMessage(sms("+4520000009", "Hej")); err != nil {
		t.Errorf("other recipients must still work: %v", err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("recorded %d messages, want only the successful one", n)
	}
}

func TestFailNextQueuesFailuresInOrder(t *testing.T) {
	srv, rc := newFake(t)
	srv.FailNext(1, 500, 20500, "Internal Server Error")
	srv.FailNext(2, 429, 20429, "Too Many Requests")

	for i, want := range []int{20500, 20429, 20429} {
		_, err := rc.Api.CreateMessage(sms("+4520123456", "Hej"))
		if got := asTwilioError(t, err).Code; got != want {
			t.Errorf("send %d failed with %d, want %d", i, got, want)
		}
	}
	if _, err := rc.Api.CreateMessage(sms("+4520123456", "Hej")); err != nil {
		t.Errorf("send after the scripted failures: %v", err)
	}
	// Each failed call reached the server exactly once: twilio-go has no
	// retries, so retrying is the caller's job.
	if srv.Requests() != 4 || len(srv.Messages()) != 1 {
		t.Errorf("requests %d, messages %d; want 4 and 1", srv.Requests(), len(srv.Messages()))
	}
}

func TestNonJSONErrorBodyStillFails(t *testing.T) {
	srv, rc := newFake(t)
	srv.FailNext(1, 502, 0, "<html><body>Bad Gateway</body></html>")
	srv.FailFor("+4520000500", 500, 0, "")

	for _, to := range []string{"+4520123456", "+4520000500"} {
		_, err := rc.Api.CreateMessage(sms(to, "Hej"))
		if err == nil {
			t.Fatalf("send to %s succeeded, want an error", to)
		}
		// twilio-go cannot decode the page, so there is no TwilioRestError;
		// only the wrapped JSON error text names the HTTP status.
		var apiErr *client.TwilioRestError
		if errors.As(err, &apiErr) {
			t.Errorf("got TwilioRestError %+v from a non-JSON body", apiErr)
		}
		if !strings.Contains(err.Error(), "HTTP error code: 50") {
			t.Errorf("error %q does not mention the HTTP status", err)
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("recorded %d messages, want 0", n)
	}
}

func TestInvalidSendsGetTwilioValidationErrors(t *testing.T) {
	_, rc := newFake(t)
	p := func() *openapi.CreateMessageParams { return &openapi.CreateMessageParams{} }
	tests := []struct {
		name   string
		params *openapi.CreateMessageParams
		code   int
	}{
		{"no To", p().SetFrom(sender).SetBody("Hej"), 21604},
		{"no sender", p().SetTo("+4520123456").SetBody("Hej"), 21603},
		{"From and service", p().SetTo("+4520123456").SetFrom(sender).
			SetMessagingServiceSid("MG0123456789abcdef0123456789abcdef").SetBody("Hej"), 21603},
		{"no body", p().SetTo("+4520123456").SetFrom(sender), 21602},
		{"body over 1600 characters", sms("+4520123456", strings.Repeat("a", 1601)), 21617},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := rc.Api.CreateMessage(tc.params)
			if apiErr := asTwilioError(t, err); apiErr.Code != tc.code || apiErr.Status != 400 {
				t.Errorf("got %+v, want code %d status 400", apiErr, tc.code)
			}
		})
	}
}

func TestWrongCredentialsGet401(t *testing.T) {
	srv, _ := newFake(t)
	rc, err := notify.NewTwilioRestClient(accountSID, "wrongtoken", srv.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = rc.Api.CreateMessage(sms("+4520123456", "Hej"))
	if apiErr := asTwilioError(t, err); apiErr.Status != 401 || apiErr.Code != 20003 {
		t.Errorf("got %+v, want 401 / 20003", apiErr)
	}
	if srv.Requests() != 1 || len(srv.Messages()) != 0 {
		t.Errorf("requests %d messages %d; a rejected request is counted but not recorded",
			srv.Requests(), len(srv.Messages()))
	}
}

func TestFetchUnknownMessageIs404(t *testing.T) {
	_, rc := newFake(t)
	_, err := rc.Api.FetchMessage("SM00000000000000000000000000000000", nil)
	if apiErr := asTwilioError(t, err); apiErr.Status != 404 || apiErr.Code != 20404 {
		t.Errorf("got %+v, want 404 / 20404", apiErr)
	}
}
