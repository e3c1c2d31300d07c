package notify_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"brobygger/notify"
)

// recordingTransport answers every request with 204 and keeps what it saw.
type recordingTransport struct {
	seen []*http.Request
	body []string
}

func (t *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body := ""
	if req.Body != nil {
		b, _ := io.ReadAll(req.Body)
		req.Body.Close()
		body = string(b)
	}
	t.seen = append(t.seen, req)
	t.body = append(t.body, body)
	return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Request: req}, nil
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestRewriteTransportRewritesTheTarget(t *testing.T) {
	tests := []struct {
		name, base, request, wantURL string
	}{
		{"host only", "http://127.0.0.1:8080",
			"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=5",
			"http://127.0.0.1:8080/2010-04-01/Accounts/AC1/Messages.json?PageSize=5"},
		{"path prefix", "https://gateway.internal/twilio",
			"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
			"https://gateway.internal/twilio/2010-04-01/Accounts/AC1/Messages.json"},
		{"path prefix with trailing slash", "https://gateway.internal/twilio/",
			"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json",
			"https://gateway.internal/twilio/2010-04-01/Accounts/AC1/Messages.json"},
		{"escaped path survives", "http://fake:1/pre",
			"https://api.twilio.com/a%2Fb.json",
			"http://fake:1/pre/a%2Fb.json"},
		{"edge and region hosts are rewritten too", "http://fake:1",
			"https://api.dublin.ie1.twilio.com/2010-04-01/Accounts.json",
			"http://fake:1/2010-04-01/Accounts.json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			next := &recordingTransport{}
			rt := notify.NewRewriteTransport(mustParse(t, tc.base), next)
			req, _ := http.NewRequest(http.MethodPost, tc.request, strings.NewReader("To=%2B4520123456"))
			req.SetBasicAuth("AC1", "token")

			if _, err := rt.RoundTrip(req); err != nil {
				t.Fatal(err)
			}
			sent := next.seen[0]
			if got := sent.URL.String(); got != tc.wantURL {
				t.Errorf("sent to %s, want %s", got, tc.wantURL)
			}
			if sent.Host != mustParse(t, tc.base).Host {
				t.Errorf("Host header %q, want the base host", sent.Host)
			}
			if user, pass, ok := sent.BasicAuth(); !ok || user != "AC1" || pass != "token" {
				t.Errorf("basic auth lost: %q %q %v", user, pass, ok)
			}
			if next.body[0] != "To=%2B4520123456" {
				t.Errorf("body %q not passed through", next.body[0])
			}
			if req.URL.String() != tc.request || req.Host != mustParse(t, tc.request).Host {
				t.Errorf("caller's request was modified: %s (Host %s)", req.URL, req.Host)
			}
		})
	}
}

func TestRewriteTransportKeepsBaseImmutable(t *testing.T) {
	next := &recordingTransport{}
	base := mustParse(t, "http://first:1")
	rt := notify.NewRewriteTransport(base, next)
	base.Host = "second:2" // a caller reusing its URL must not redirect the transport

	req, _ := http.NewRequest(http.MethodGet, "https://api.twilio.com/x", nil)
	if _, err := rt.RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if got := next.seen[0].URL.Host; got != "first:1" {
		t.Errorf("sent to host %s, want first:1", got)
	}
}

func TestRewriteTransportDefaultsToHTTPDefaultTransport(t *testing.T) {
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, r.Host+" "+r.URL.Path)
	}))
	defer target.Close()

	hc := &http.Client{Transport: notify.NewRewriteTransport(mustParse(t, target.URL), nil)}
	resp, err := hc.Get("https://api.twilio.com/2010-04-01/Accounts.json")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	want := mustParse(t, target.URL).Host + " /2010-04-01/Accounts.json"
	if string(got) != want {
		t.Errorf("server saw %q, want %q", got, want)
	}
}
