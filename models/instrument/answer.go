package instrument

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// ParseAnswer reads a citizen's reply to one item as a scale value. It
// forgives what phones and people add ("3.", " 3 ", "3!", "Tre") but never
// guesses: "3 4", "34" when 34 is not on the scale, an empty reply and
// other words are rejected, so the bot can ask again instead of storing a
// wrong answer. Number words come from the instrument file, in lang only.
func (i *Instrument) ParseAnswer(text string, lang Lang) (int, bool) {
	reply := normalizeReply(text)
	if isDigits(reply) {
		value, err := strconv.Atoi(reply)
		if err != nil || !i.onScale(value) {
			return 0, false
		}
		return value, true
	}
	for _, option := range i.Scale {
		if slices.Contains(option.Words[lang], reply) {
			return option.Value, true
		}
	}
	return 0, false
}

// normalizeReply lower-cases text and trims surrounding spaces and any
// trailing punctuation. Inner characters are kept, so "3 4" stays
// ambiguous rather than becoming 3 or 34.
func normalizeReply(text string) string {
	trimmed := strings.TrimRightFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	})
	return strings.ToLower(strings.TrimSpace(trimmed))
}
