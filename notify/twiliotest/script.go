package twiliotest

import (
	"fmt"
	"sync"
)

// failure is one scripted or validation error answer. A zero code means the
// body is not Twilio JSON but message as plain HTML, the way a load balancer
// in front of Twilio answers when Twilio itself is unreachable.
type failure struct {
	status  int
	code    int
	message string
}

// pendingFailure is a FailNext entry and how many more sends it fails.
type pendingFailure struct {
	failure
	remaining int
}

// script holds the failures tests have asked for. Its lock is held only to
// look up or update these small structures, never during I/O.
type script struct {
	mu          sync.Mutex
	next        []pendingFailure
	byRecipient map[string]failure
}

// newScript returns a script with nothing scheduled to fail.
func newScript() *script {
	return &script{byRecipient: make(map[string]failure)}
}

// FailNext makes the next n Create Message requests fail with the HTTP
// status and Twilio error code, before their parameters are even looked at,
// as in an outage or when rate-limited. Calls queue up: FailNext(1, 500, …)
// then FailNext(2, 429, …) fails one send with 500 and the next two with
// 429. A zero code answers with message as a non-JSON body. Fetches are not
// affected, so tests can still inspect what was sent.
func (s *Server) FailNext(n int, status, code int, message string) {
	f := newFailure(status, code, message)
	if n <= 0 {
		return
	}
	s.script.mu.Lock()
	defer s.script.mu.Unlock()
	s.script.next = append(s.script.next, pendingFailure{failure: f, remaining: n})
}

// FailFor makes every valid send to the number to fail with the HTTP status
// and Twilio error code, the way Twilio refuses a recipient (21610 after
// STOP, 21211 invalid number, 21614 not a mobile). It replaces any earlier
// FailFor for the same number. A zero code answers with message as a
// non-JSON body.
func (s *Server) FailFor(to string, status, code int, message string) {
	f := newFailure(status, code, message)
	s.script.mu.Lock()
	defer s.script.mu.Unlock()
	s.script.byRecipient[to] = f
}

// newFailure checks the arguments of FailNext and FailFor. It panics, as a
// test helper may, because a non-error status would make Twilio clients
// treat the failure as success and the test would prove nothing.
func newFailure(status, code int, message string) failure {
	if status < 400 || status > 599 {
		panic(fmt.Sprintf("twiliotest: failure status %d is not an HTTP error status", status))
	}
	return failure{status: status, code: code, message: message}
}

// takeNext consumes one FailNext failure, if any is pending.
func (s *script) takeNext() (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.next) == 0 {
		return failure{}, false
	}
	head := &s.next[0]
	f := head.failure
	head.remaining--
	if head.remaining == 0 {
		s.next = s.next[1:]
	}
	return f, true
}

// failureFor returns the FailFor failure for the recipient, if any.
func (s *script) failureFor(to string) (failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.byRecipient[to]
	return f, ok
}
