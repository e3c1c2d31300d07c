package notify_test

import (
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"brobygger/notify"
)

// countingTransport counts requests on their way to the next transport.
type countingTransport struct {
	n    atomic.Int64
	next http.RoundTripper
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.next.RoundTrip(req)
}

func TestCallerHTTPClientIsUsedButNotModified(t *testing.T) {
	srv, _ := newFake(t)
	counter := &countingTransport{next: http.DefaultTransport}
	hc := &http.Client{Transport: counter, Timeout: 5 * time.Second}

	rc, err := notify.NewTwilioRestClient(accountSID, authToken, srv.URL(), hc)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := rc.Api.CreateMessage(sms("+4520123456", "Hej")); err != nil {
		t.Fatal(err)
	}
	if counter.n.Load() != 1 {
		t.Errorf("caller's transport saw %d requests, want 1", counter.n.Load())
	}
	if hc.Transport != counter || hc.Timeout != 5*time.Second {
		t.Error("caller's http.Client was modified")
	}
}

func TestNewTwilioRestClientWithoutAPIURLUsesTwilio(t *testing.T) {
	rc, err := notify.NewTwilioRestClient(accountSID, authToken, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rc.Client.AccountSid(); got != accountSID {
		t.Errorf("AccountSid() = %q, want %q", got, accountSID)
	}
}

func TestNewTwilioRestClientRejectsBadConfiguration(t *testing.T) {
	tests := []struct{ name, sid, token, apiURL string }{
		{"empty account SID", "", authToken, ""},
		{"empty auth token", accountSID, "", ""},
		{"punctuation in token", accountSID, "abc-def", ""},
		{"relative API URL", accountSID, authToken, "/twilio"},
		{"non-HTTP API URL", accountSID, authToken, "ftp://fake.example"},
		{"API URL with query", accountSID, authToken, "http://fake.example?x=1"},
		{"API URL with user info", accountSID, authToken, "http://user:pw@fake.example"},
		{"unparsable API URL", accountSID, authToken, "http://[::1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := notify.NewTwilioRestClient(tc.sid, tc.token, tc.apiURL, nil); err == nil {
				t.Error("want an error")
			}
		})
	}
}
