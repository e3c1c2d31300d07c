package models

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// FlagFacts are what a flag was raised on (an excerpt, a phone number, a score), stored with its
// code so the reason can be written in the reader's language when it is read.
type FlagFacts map[string]string

//go:embed data/flag_reasons.json
var flagReasonsJSON []byte

// flagReasonTable is the parsed reason catalogue: a template per code and language, and the
// words that some facts are written with (opt-out sources, distress categories).
type flagReasonTable struct {
	Reasons    map[string]map[Lang]string `json:"reasons"`
	Sources    map[string]map[Lang]string `json:"sources"`
	Categories map[string]map[Lang]string `json:"categories"`
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

// FlagReasonCodes lists every code the catalogue can render (a test checks both languages).
func FlagReasonCodes() []string {
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

// RenderFlagReason writes a flag's reason in lang (Danish when lang has none). ok is false for a
// code the catalogue does not know; then the caller shows the stored sentence.
func RenderFlagReason(code string, facts FlagFacts, lang Lang) (string, bool) {
	t, err := flagReasons()
	if err != nil || code == "" {
		return "", false
	}
	tmpl, ok := pick(t.Reasons[code], lang)
	if !ok {
		return "", false
	}
	return placeholder.ReplaceAllStringFunc(tmpl, func(p string) string {
		name := p[1 : len(p)-1]
		value := facts[name]
		switch name {
		case "source":
			if word, ok := pick(t.Sources[value], lang); ok {
				return word
			}
		case "categories":
			return t.categoryWords(value, lang)
		}
		return value
	}), true
}

// categoryWords writes a comma-separated list of category codes as words in lang.
func (t *flagReasonTable) categoryWords(codes string, lang Lang) string {
	var words []string
	for _, code := range strings.Split(codes, ",") {
		if code = strings.TrimSpace(code); code == "" {
			continue
		}
		if word, ok := pick(t.Categories[code], lang); ok {
			code = word
		}
		words = append(words, code)
	}
	return strings.Join(words, ", ")
}

// pick is the text in lang, else the Danish one.
func pick(texts map[Lang]string, lang Lang) (string, bool) {
	if s, ok := texts[lang]; ok && s != "" {
		return s, true
	}
	s, ok := texts[LangDA]
	return s, ok && s != ""
}
