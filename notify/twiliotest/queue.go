package twiliotest

import "sync"

// heldQueue is the set of recipients whose messages stay queued (see HoldInQueue).
type heldQueue struct {
	mu sync.Mutex
	to map[string]bool
}

// HoldInQueue makes messages to the number to stay in Twilio's queue when listed: status
// "queued" and no date_sent, as a Messaging Service or a busy sender number keeps them before
// they go to the carrier. Twilio's list filters on DateSent leave such messages out, which is
// what a lookup of an SMS whose outcome was lost must not be fooled by.
func (s *Server) HoldInQueue(to string) {
	s.held.mu.Lock()
	defer s.held.mu.Unlock()
	if s.held.to == nil {
		s.held.to = map[string]bool{}
	}
	s.held.to[to] = true
}

func (s *Server) isHeld(to string) bool {
	s.held.mu.Lock()
	defer s.held.mu.Unlock()
	return s.held.to[to]
}
