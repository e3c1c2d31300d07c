// Package flagreason writes why a flag was raised in the reader's language: a template per reason
// code and language (flag_reasons.json, Danish and English), filled with the facts stored beside
// the code. It is a leaf: it imports nothing of ours, and a language is its code ("da", "en").
package flagreason

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"sync"
)

// Facts are what a flag was raised on (an excerpt, a phone number, a score), stored with its
// code so the reason can be written in the reader's language when it is read.
type Facts map[string]string

//go:embed flag_reasons.json
var flagReasonsJSON []byte

// flagReasonTable is the parsed reason catalogue: a template per code and language, and the
// words opt-out sources are written with.
type flagReasonTable struct {
	Reasons map[string]map[string]string `json:"reasons"`
	Sources map[string]map[string]string `json:"sources"`
}

// flagReasons parses the embedded catalogue once; it is read-only afterwards.
var flagReasons = sync.OnceValues(func() (*flagReasonTable, error) {
	var t flagReasonTable
	if err := json.Unmarshal(flagReasonsJSON, &t); err != nil {
		return nil, fmt.Errorf("flag reasons: %w", err)
	}
	return &t, nil
})

var placeholder = regexp.MustCompile(`\{[a-z_]+\}`)

// Codes lists every code the catalogue can render (a test checks both languages).
func Codes() []string {
	t, err := flagReasons()
	if err != nil {
		return nil
	}
	codes := make([]string, 0, len(t.Reasons))
	for code := range t.Reasons {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	return codes
}

// Render writes a flag's reason in lang (Danish when lang has none). A placeholder
// {x} takes the fact "x_<lang>" when there is one (words the raiser wrote in both languages,
// such as what the distress detector heard), else "x". ok is false for a code the catalogue
// does not know; then the caller shows the stored sentence.
func Render(code string, facts Facts, lang string) (string, bool) {
	t, err := flagReasons()
	if err != nil || code == "" {
		return "", false
	}
	tmpl, ok := pick(t.Reasons[code], lang)
	if !ok {
		return "", false
	}
	// A case that several messages joined shows the newest words after its own.
	if suffix, ok := pick(t.Reasons["_latest"], lang); ok && facts["latest"] != "" {
		tmpl += suffix
	}
	return placeholder.ReplaceAllStringFunc(tmpl, func(p string) string {
		name := p[1 : len(p)-1]
		if value, ok := facts[name+"_"+lang]; ok {
			return value
		}
		value := facts[name]
		if name == "source" {
			if word, ok := pick(t.Sources[value], lang); ok {
				return word
			}
		}
		return value
	}), true
}

// pick is the text in lang, else the Danish one.
func pick(texts map[string]string, lang string) (string, bool) {
	if s, ok := texts[lang]; ok && s != "" {
		return s, true
	}
	s, ok := texts["da"]
	return s, ok && s != ""
}
