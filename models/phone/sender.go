package phone

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSenderLen is the width of messages.phone: an alphanumeric sender ID has at most 11
// characters and a short code fewer, so only a malformed From is ever cut.
const maxSenderLen = 20

// CleanText makes an inbound SMS storable on both databases without losing any of it:
// every NUL (which PostgreSQL's text type cannot hold) and every byte that is not UTF-8 becomes
// U+FFFD, one for one, so the stored text keeps the original's length in characters and
// everything after the bad byte. Text without such bytes is returned as it is.
func CleanText(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == 0 || r == utf8.RuneError && size == 1 {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += size
	}
	return b.String()
}

// SenderAddress is how the sender of an inbound SMS is stored: a phone number in E.164,
// or else the sender as Twilio gave it (an alphanumeric sender ID such as "DANSKEBANK", a short
// code such as "1234"), cleaned and cut to the column's width. Sender IDs with letters are never
// read as phone numbers: libphonenumber would turn "NORDEASS" into a valid Danish number.
// It returns "" only for a From that is empty or blank.
func SenderAddress(raw string) string {
	raw = strings.TrimSpace(raw)
	if !hasLetter(raw) {
		if phone, err := Normalize(raw); err == nil {
			return phone
		}
	}
	addr := CleanText(raw)
	if utf8.RuneCountInString(addr) > maxSenderLen {
		addr = string([]rune(addr)[:maxSenderLen])
	}
	return addr
}

// CanReceiveSMS reports whether a stored sender address is a phone number an SMS can be sent to.
// An alphanumeric sender ID cannot receive anything, and a short code does not take replies
// from a Twilio number.
func CanReceiveSMS(addr string) bool {
	if addr == "" || addr[0] != '+' || hasLetter(addr) {
		return false
	}
	phone, err := Normalize(addr)
	return err == nil && phone == addr
}

func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
