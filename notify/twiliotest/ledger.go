package twiliotest

import (
	"slices"
	"sync"
	"time"
)

// Message is a message the fake accepted, as the sender asked for it.
type Message struct {
	SID                 string
	To                  string
	From                string
	MessagingServiceSid string
	Body                string
	StatusCallback      string
	ReceivedAt          time.Time
}

// ledger records accepted messages in order, with the JSON resource each
// Fetch Message answers. Rendering happens before the lock is taken so the
// critical section is two appends.
type ledger struct {
	mu        sync.Mutex
	accepted  []Message
	resources map[string][]byte
}

// newLedger returns an empty ledger.
func newLedger() *ledger {
	return &ledger{resources: make(map[string][]byte)}
}

// record stores an accepted message and its rendered resource.
func (l *ledger) record(m Message, resource []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.accepted = append(l.accepted, m)
	l.resources[m.SID] = resource
}

// resource returns the rendered resource of the message with the SID.
func (l *ledger) resource(sid string) ([]byte, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.resources[sid]
	return r, ok
}

// Messages returns a copy of the messages accepted so far, oldest first.
// Failed sends are not included; Requests counts those.
func (s *Server) Messages() []Message {
	s.ledger.mu.Lock()
	defer s.ledger.mu.Unlock()
	return slices.Clone(s.ledger.accepted)
}
