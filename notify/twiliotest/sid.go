package twiliotest

import (
	"crypto/rand"
	"encoding/hex"
)

// newSID returns a Twilio-style SID: a two-letter type prefix and 32
// lowercase hex digits. Random rather than sequential so tests cannot come
// to depend on an order Twilio does not give.
func newSID(prefix string) string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	return prefix + hex.EncodeToString(b[:])
}
