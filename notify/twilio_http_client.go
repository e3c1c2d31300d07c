package notify

import (
	"net"
	"net/http"
	"time"
)

// Connection pool sizes for Twilio. Every dispatcher worker holds one request open at a time, so
// the idle pool must be at least as large as the worker count or connections are closed and
// re-dialled (with a TLS handshake each) between sends.
const (
	twilioIdleConnsPerHost = 64
	twilioIdleConns        = 128
)

// newTwilioHTTPClient returns the HTTP client TwilioSender uses unless given one: twilio-go's own
// timeouts and redirect rule, with a connection pool sized for concurrent sends. Without it
// twilio-go would fall back to http.DefaultTransport, which keeps only 2 idle connections per
// host.
func newTwilioHTTPClient() *http.Client {
	transport := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   5 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          twilioIdleConns,
		MaxIdleConnsPerHost:   twilioIdleConnsPerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   twilioTimeout,
		ResponseHeaderTimeout: twilioTimeout,
		ExpectContinueTimeout: time.Second,
	}
	return &http.Client{
		Transport: transport,
		Timeout:   twilioTimeout,
		// Like twilio-go's default client: a redirect is returned, never silently re-sent.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
