package models

import (
	"net/mail"
	"strings"
)

// foldEmail is an e-mail address in the one form it is stored, compared and signed in with:
// trimmed and in lower case.
func foldEmail(raw string) string { return strings.ToLower(strings.TrimSpace(raw)) }

// parseEmail checks an e-mail address as people type it, for citizens and staff alike, and
// returns it folded (foldEmail). Only a bare address with a dot in its domain is accepted
// ("navn@example.dk", not "Navn <navn@example.dk>" nor "navn@localhost"), at most 254
// characters; ok is false otherwise, and the caller says why in its own words.
func parseEmail(raw string) (email string, ok bool) {
	email = foldEmail(raw)
	addr, err := mail.ParseAddress(email)
	if email == "" || err != nil || addr.Address != email || len(email) > 254 ||
		!strings.Contains(email[strings.LastIndex(email, "@"):], ".") {
		return email, false
	}
	return email, true
}
