package notify

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
)

// twilioTimeout mirrors the timeout twilio-go gives its own default HTTP
// client, so pointing at TWILIO_API_URL does not change timing behaviour.
const twilioTimeout = 10 * time.Second

// NewRewriteTransport returns a RoundTripper that sends every request to
// base instead of the host it names: the scheme and host are replaced and a
// non-empty base.Path is put in front of the request's path. Query, headers
// (including basic auth) and body pass through unchanged.
//
// It exists because twilio-go hard-codes https://api.twilio.com and has no
// base-URL option; rewriting at the transport is the only seam it offers.
// Each request is cloned first, as http.RoundTripper requires that the
// caller's request is not modified. A nil next means http.DefaultTransport.
func NewRewriteTransport(base *url.URL, next http.RoundTripper) http.RoundTripper {
	if next == nil {
		next = http.DefaultTransport
	}
	return &rewriteTransport{base: *base, next: next}
}

// rewriteTransport is the RoundTripper NewRewriteTransport builds. base is
// held by value so the caller cannot change it after construction.
type rewriteTransport struct {
	base url.URL
	next http.RoundTripper
}

// RoundTrip sends a rewritten clone of req to the next transport.
func (t *rewriteTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	out := req.Clone(req.Context())
	out.URL.Scheme = t.base.Scheme
	out.URL.Host = t.base.Host
	// Clone keeps req.Host, which http.NewRequest set to the original host;
	// the transport would send that as the Host header and a virtual-hosted
	// target would route the request wrongly.
	out.Host = t.base.Host
	if prefix := strings.TrimSuffix(t.base.Path, "/"); prefix != "" {
		out.URL.Path = prefix + out.URL.Path
		if out.URL.RawPath != "" {
			out.URL.RawPath = strings.TrimSuffix(t.base.EscapedPath(), "/") + out.URL.RawPath
		}
	}
	return t.next.RoundTrip(out)
}

// NewTwilioRestClient returns a twilio-go RestClient for the account.
//
// When apiURL is non-empty (production reads it from TWILIO_API_URL), all
// REST calls go to apiURL instead of api.twilio.com, through httpClient's
// transport wrapped in NewRewriteTransport. A non-nil httpClient is used
// (copied, never modified) even without apiURL. With neither, it is
// twilio-go's own default client.
func NewTwilioRestClient(accountSID, authToken, apiURL string, httpClient *http.Client) (*twilio.RestClient, error) {
	if !isTwilioCredential(accountSID) || !isTwilioCredential(authToken) {
		// twilio-go would send unauthenticated requests for empty values and
		// reject other characters only when a message is sent; fail at start.
		return nil, errors.New("notify: Twilio account SID and auth token must be non-empty letters and digits")
	}
	if apiURL == "" && httpClient == nil {
		return twilio.NewRestClientWithParams(twilio.ClientParams{
			Username: accountSID,
			Password: authToken,
		}), nil
	}
	hc, err := twilioHTTPClient(apiURL, httpClient)
	if err != nil {
		return nil, err
	}
	base := &client.Client{
		Credentials: client.NewCredentials(accountSID, authToken),
		HTTPClient:  hc,
	}
	// twilio-go only derives the account SID from the username when it
	// builds the client itself; without this every path would read
	// /Accounts//Messages.json.
	base.SetAccountSid(accountSID)
	return twilio.NewRestClientWithParams(twilio.ClientParams{Client: base}), nil
}

// twilioHTTPClient returns a copy of httpClient (or of twilio-go's default
// settings when nil) whose transport redirects to apiURL when it is set.
func twilioHTTPClient(apiURL string, httpClient *http.Client) (*http.Client, error) {
	hc := &http.Client{
		Timeout: twilioTimeout,
		// twilio-go's default client returns 3xx responses instead of
		// following them; keep that so a redirect is not silently re-sent.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	if httpClient != nil {
		copied := *httpClient
		hc = &copied
	}
	if apiURL == "" {
		return hc, nil
	}
	base, err := parseAPIURL(apiURL)
	if err != nil {
		return nil, err
	}
	hc.Transport = NewRewriteTransport(base, hc.Transport)
	return hc, nil
}

// parseAPIURL accepts only absolute http(s) URLs without user info, query or
// fragment: NewRewriteTransport applies just the scheme, host and path, and
// silently dropping the rest would hide a misconfiguration.
func parseAPIURL(apiURL string) (*url.URL, error) {
	base, err := url.Parse(apiURL)
	if err != nil {
		return nil, fmt.Errorf("notify: Twilio API URL: %w", err)
	}
	if (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("notify: Twilio API URL %q must be an absolute http or https URL", apiURL)
	}
	if base.RawQuery != "" || base.Fragment != "" || base.User != nil {
		return nil, fmt.Errorf("notify: Twilio API URL %q must not carry user info, a query or a fragment", apiURL)
	}
	return base, nil
}

// isTwilioCredential reports whether s is what twilio-go accepts as a
// username or password: it refuses anything but ASCII letters and digits on
// every request, with error 21222 or 21224.
func isTwilioCredential(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return s != ""
}
