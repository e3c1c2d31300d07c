package instrument

import (
	"fmt"
	"strings"
)

// Lang is the language a citizen reads and answers in. The value is the
// ISO 639-1 code, which is also the key used in instrument files.
type Lang string

// The languages every citizen-facing text must exist in.
const (
	LangDA Lang = "da"
	LangEN Lang = "en"
)

// Langs returns every supported language, Danish first. It is a function
// rather than a variable so no caller can change the list for everyone.
func Langs() []Lang {
	return []Lang{LangDA, LangEN}
}

// Valid reports whether l is a supported language.
func (l Lang) Valid() bool {
	return l == LangDA || l == LangEN
}

// LocalizedText holds one text in each supported language.
type LocalizedText map[Lang]string

// In returns the text in lang, or "" when it is missing.
func (t LocalizedText) In(lang Lang) string {
	return t[lang]
}

// check reports a text that is blank in a supported language or carries
// a language we do not support, which is usually a typo such as "dk".
func (t LocalizedText) check(what string) error {
	for lang := range t {
		if !lang.Valid() {
			return fmt.Errorf("%s has unsupported language %q", what, lang)
		}
	}
	for _, lang := range Langs() {
		if strings.TrimSpace(t[lang]) == "" {
			return fmt.Errorf("%s is missing in %q", what, lang)
		}
	}
	return nil
}
