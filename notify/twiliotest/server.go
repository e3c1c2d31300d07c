// Package twiliotest fakes the parts of Twilio that Brobygger talks to, for
// tests in any package: the Messages REST API (Server), webhook signatures
// (Signature, SignedRequest) and the forms Twilio posts to webhooks
// (InboundSMSParams, StatusCallbackParams). It is a test helper (imported from _test.go files
// and bench only) and may import models/sms.
package twiliotest

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"
)

// Server is an in-process stand-in for api.twilio.com that implements
// Create Message, Fetch Message and List Messages for one account, answers with Twilio's
// resource and error shapes, and can be scripted to fail. Point a client at
// it with notify.NewTwilioRestClient(sid, token, srv.URL(), nil).
//
// All methods are safe for concurrent use.
type Server struct {
	http       *httptest.Server
	routes     *http.ServeMux
	accountSID string
	authToken  string

	requests atomic.Int64
	latency  atomic.Int64 // a time.Duration
	clock    atomic.Pointer[func() time.Time]
	onAccept atomic.Pointer[func(Message)]
	script   *script
	ledger   *ledger
	held     heldQueue
}

// NewServer starts a fake Twilio API for the account with the given
// credentials. Callers must Close it.
func NewServer(accountSID, authToken string) *Server {
	s := &Server{
		accountSID: accountSID,
		authToken:  authToken,
		script:     newScript(),
		ledger:     newLedger(),
	}
	s.routes = http.NewServeMux()
	s.routes.HandleFunc("POST /2010-04-01/Accounts/{AccountSid}/Messages.json", s.createMessage)
	s.routes.HandleFunc("GET /2010-04-01/Accounts/{AccountSid}/Messages.json", s.listMessages)
	s.routes.HandleFunc("GET /2010-04-01/Accounts/{AccountSid}/Messages/{file}", s.fetchMessage)
	s.routes.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeFailure(w, notFound(r))
	})
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL is the base URL to use instead of https://api.twilio.com.
func (s *Server) URL() string { return s.http.URL }

// Close shuts the server down, waiting for requests in flight.
func (s *Server) Close() { s.http.Close() }

// Requests is the number of HTTP requests received, whether they succeeded,
// failed authentication or were failed on purpose.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// SetLatency delays every later request by d before it is answered, to
// simulate the network and Twilio's processing time. Zero removes it.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// SetClock makes the fake stamp accepted messages (ReceivedAt, date_created) with now instead
// of the wall clock, so a test can check them exactly.
func (s *Server) SetClock(now func() time.Time) { s.clock.Store(&now) }

// OnAccept calls fn with every message the fake accepts, after it is recorded and before the
// 201 is written: a test can kill the sender there, between Twilio taking an SMS and the sender
// hearing so. nil removes it.
func (s *Server) OnAccept(fn func(Message)) {
	if fn == nil {
		s.onAccept.Store(nil)
		return
	}
	s.onAccept.Store(&fn)
}

// now is the fake's clock: the one set with SetClock, or the wall clock.
func (s *Server) now() time.Time {
	if now := s.clock.Load(); now != nil {
		return (*now)()
	}
	return time.Now()
}

// serve counts, delays and authenticates a request before routing it.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.delay(r.Context())
	if !s.authenticated(r) {
		// Twilio names the realm so HTTP clients know basic auth is wanted.
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		writeFailure(w, failure{status: http.StatusUnauthorized, code: 20003, message: "Authenticate"})
		return
	}
	s.routes.ServeHTTP(w, r)
}

// delay waits out the configured latency, or less if the client gives up.
func (s *Server) delay(ctx context.Context) {
	d := time.Duration(s.latency.Load())
	if d <= 0 {
		return
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}

// authenticated checks HTTP basic auth against the account's credentials,
// in constant time so the fake does not teach timing-unsafe habits.
func (s *Server) authenticated(r *http.Request) bool {
	user, password, ok := r.BasicAuth()
	if !ok {
		return false
	}
	userOK := subtle.ConstantTimeCompare([]byte(user), []byte(s.accountSID))
	passwordOK := subtle.ConstantTimeCompare([]byte(password), []byte(s.authToken))
	return userOK&passwordOK == 1
}
