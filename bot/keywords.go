package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// Keyword is what a single-word message means regardless of conversation.
type Keyword int

// Keywords, checked before anything else. OptOut always wins.
const (
	KeywordNone Keyword = iota
	KeywordOptOut
	KeywordOptIn
	KeywordHelp
	KeywordYes
	KeywordNo
	// KeywordResearchStop withdraws research consent ("FORSKNING STOP"); it is several words, so
	// it can never be a STOP, and STOP is still checked first.
	KeywordResearchStop
)

// keywords maps folded single words to their meaning.
type keywords struct {
	words             map[string]Keyword
	optInWhenOptedOut map[string]bool
}

// LoadKeywords reads the embedded keyword lists.
func LoadKeywords() (*keywords, error) {
	raw, err := dataFiles.ReadFile("data/keywords.json")
	if err != nil {
		return nil, fmt.Errorf("load keywords: %w", err)
	}
	var lists map[string][]string
	if err := json.Unmarshal(raw, &lists); err != nil {
		return nil, fmt.Errorf("load keywords: %w", err)
	}
	k := &keywords{words: map[string]Keyword{}, optInWhenOptedOut: map[string]bool{}}
	// Later lists never override earlier ones: opt-out is registered first and wins.
	for _, group := range []struct {
		name string
		kw   Keyword
	}{{"optout", KeywordOptOut}, {"optin", KeywordOptIn}, {"help", KeywordHelp}, {"yes", KeywordYes}, {"no", KeywordNo},
		{"research_stop", KeywordResearchStop}} {
		for _, w := range lists[group.name] {
			if _, taken := k.words[foldWord(w)]; !taken {
				k.words[foldWord(w)] = group.kw
			}
		}
	}
	for _, w := range lists["optin_when_opted_out"] {
		k.optInWhenOptedOut[foldWord(w)] = true
	}
	return k, nil
}

// Classify returns the keyword a message is, if it is a single known word (any case, with or
// without Danish letters, surrounded by spaces or punctuation).
func (k *keywords) Classify(text string) Keyword {
	return k.words[foldWord(text)]
}

// OptsInWhenOptedOut reports whether a word also means "start again" for an opted-out citizen
// (JA/YES), which it does not mean in any other state.
func (k *keywords) OptsInWhenOptedOut(text string) bool {
	return k.optInWhenOptedOut[foldWord(text)]
}

// foldWord upper-cases a reply, writes Æ Ø Å as AE OE AA, trims surrounding spaces and
// punctuation and collapses inner space ("Stop!" → "STOP", "hjælp" → "HJAELP", "nej  tak." →
// "NEJ TAK"). Opt-out keywords are single words, so "stop tak" is not STOP.
func foldWord(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) })
	return danishFold.Replace(strings.ToUpper(strings.Join(strings.Fields(s), " ")))
}

var danishFold = strings.NewReplacer("Æ", "AE", "Ø", "OE", "Å", "AA")
