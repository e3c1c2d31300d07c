package notify_test

import (
	"errors"
	"testing"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// Fake credentials: twilio-go refuses anything but letters and digits.
const (
	accountSID = "AC0123456789abcdef0123456789abcdef"
	authToken  = "fa4e70ken0123456789abcdef012345"
	sender     = "+4570701234"
)

// newFake starts a fake Twilio and a real twilio-go client pointed at it.
func newFake(t *testing.T) (*twiliotest.Server, *twilio.RestClient) {
	t.Helper()
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	return srv, clientFor(t, srv)
}

// clientFor returns a real twilio-go client pointed at srv.
func clientFor(t *testing.T, srv *twiliotest.Server) *twilio.RestClient {
	t.Helper()
	rc, err := notify.NewTwilioRestClient(accountSID, authToken, srv.URL(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return rc
}

// sms is a plain send from the test's sender number.
func sms(to, body string) *openapi.CreateMessageParams {
	return (&openapi.CreateMessageParams{}).SetTo(to).SetFrom(sender).SetBody(body)
}

// deref turns twilio-go's pointer fields into comparable values, nil for
// fields Twilio sent as null.
func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// asTwilioError checks that err is the *client.TwilioRestError callers are
// meant to inspect with errors.As.
func asTwilioError(t *testing.T, err error) *client.TwilioRestError {
	t.Helper()
	var apiErr *client.TwilioRestError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not a *client.TwilioRestError", err, err)
	}
	return apiErr
}
