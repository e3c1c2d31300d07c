package models

import "brobygger/models/flagreason"

// FlagFacts is flagreason.Facts: what a flag was raised on (an excerpt, a phone number, a score),
// stored with its code so the reason can be written in the reader's language when it is read.
type FlagFacts = flagreason.Facts

// RenderFlagReason is flagreason.Render in a citizen's or link worker's language: the reason for
// code in lang (Danish when lang has none), or ok false for a code the catalogue does not know.
func RenderFlagReason(code string, facts FlagFacts, lang Lang) (string, bool) {
	return flagreason.Render(code, facts, string(lang))
}
