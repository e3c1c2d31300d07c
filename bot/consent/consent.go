// Package consent recognises a citizen saying "stop texting me" or "start again" in an SMS:
// Twilio's own single words (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT;
// START, UNSTOP, YES) and the Danish and English ways people write it ("Stop venligst",
// "Afmeld mig", "nej tak, stop", "jeg vil ikke have flere beskeder", "🛑", "ＳＴＯＰ",
// "S T O P"). It is a leaf: it imports nothing of ours.
//
// A message opts out when it holds an opt-out word or phrase and nothing else but polite filler,
// so "stop" inside a real sentence ("bussen stopper ved døren", "kan vi stoppe kl 3?") is not an
// opt-out. Opt-in is only ever explicit: "JA" to an old question is not one (the engine decides
// what JA means in context).
package consent

import (
	"embed"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

//go:embed data/consent.json
var dataFiles embed.FS

// Recogniser holds the compiled word lists; it is read-only and safe for concurrent use.
type Recogniser struct {
	optOut, optIn lexicon
	optInAlone    map[string]bool
}

type lexicon struct {
	words   map[string]bool
	phrases [][]string
	filler  map[string]bool
	signoff map[string]bool // "mvh Inge": the rest of the message is a signature
}

// Load reads the embedded word lists.
func Load() (*Recogniser, error) {
	raw, err := dataFiles.ReadFile("data/consent.json")
	if err != nil {
		return nil, fmt.Errorf("load consent words: %w", err)
	}
	var f struct {
		OptOutWords   []string `json:"optout_words"`
		OptOutPhrases []string `json:"optout_phrases"`
		OptOutFiller  []string `json:"optout_filler"`
		OptInWords    []string `json:"optin_words"`
		OptInPhrases  []string `json:"optin_phrases"`
		OptInFiller   []string `json:"optin_filler"`
		OptInAlone    []string `json:"optin_alone"`
		Signoff       []string `json:"signoff"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("load consent words: %w", err)
	}
	r := &Recogniser{
		optOut:     newLexicon(f.OptOutWords, f.OptOutPhrases, f.OptOutFiller, f.Signoff),
		optIn:      newLexicon(f.OptInWords, f.OptInPhrases, f.OptInFiller, f.Signoff),
		optInAlone: map[string]bool{},
	}
	for _, w := range f.OptInAlone {
		r.optInAlone[strings.Join(words(w), " ")] = true
	}
	return r, nil
}

func newLexicon(ws, phrases, filler, signoff []string) lexicon {
	l := lexicon{words: map[string]bool{}, filler: map[string]bool{}, signoff: map[string]bool{}}
	for _, w := range signoff {
		l.signoff[strings.Join(words(w), " ")] = true
	}
	for _, w := range ws {
		for _, x := range words(w) {
			l.words[x] = true
		}
	}
	for _, p := range phrases {
		l.phrases = append(l.phrases, words(p))
	}
	for _, w := range filler {
		for _, x := range words(w) {
			l.filler[x] = true
		}
	}
	return l
}

// IsOptOut reports whether the message asks to stop all messages.
func (r *Recogniser) IsOptOut(text string) bool {
	return r.optOut.covers(words(text))
}

// IsOptIn reports whether the message explicitly asks to start again (START, UNSTOP, YES alone,
// "start igen", "tilmeld"). A message that is also an opt-out is not an opt-in.
func (r *Recogniser) IsOptIn(text string) bool {
	ws := words(text)
	if r.optOut.covers(ws) {
		return false
	}
	return r.optInAlone[strings.Join(ws, " ")] || r.optIn.covers(ws)
}

// covers reports whether the words hold at least one keyword or phrase and every other word is
// filler, up to a sign-off ("stop tak, mvh Inge").
func (l lexicon) covers(ws []string) bool {
	if len(ws) == 0 {
		return false
	}
	used := make([]bool, len(ws))
	found := false
	for _, p := range l.phrases {
		for i := 0; i+len(p) <= len(ws); i++ {
			if equalAt(ws, i, p) {
				for j := range p {
					used[i+j] = true
				}
				found = true
			}
		}
	}
	for i, w := range ws {
		switch {
		case l.signoff[w] && i > 0:
			return found
		case l.words[w]:
			used[i], found = true, true
		case used[i], l.filler[w]:
		default:
			return false
		}
	}
	return found
}

func equalAt(ws []string, i int, p []string) bool {
	for j, w := range p {
		if ws[i+j] != w {
			return false
		}
	}
	return true
}

// words folds a message into comparable words: compatibility forms (full-width letters) become
// plain letters, invisible characters vanish, 🛑 and ⛔ read as STOP, letters are upper-cased with
// Æ Ø Å written AE OE AA, apostrophes vanish inside a word (SMS'ER = SMSER), repeated letters
// collapse (STOOOP, STOPP = STOP) and a run of single letters is one word (S T O P = STOP).
func words(text string) []string {
	text = strings.NewReplacer("🛑", " STOP ", "⛔", " STOP ").Replace(text)
	text = norm.NFKC.String(text)
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, collapse(cur.String()))
			cur.Reset()
		}
	}
	for _, r := range text {
		switch {
		case invisible(r), r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteString(fold(r))
		default:
			flush()
		}
	}
	flush()
	return joinSpelled(out)
}

func fold(r rune) string {
	switch r = unicode.ToUpper(r); r {
	case 'Æ', 'Ä':
		return "AE"
	case 'Ø', 'Ö':
		return "OE"
	case 'Å':
		return "AA"
	}
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		if !unicode.Is(unicode.Mn, d) {
			b.WriteRune(d)
		}
	}
	return b.String()
}

func invisible(r rune) bool {
	return r == 0x00AD || r == 0xFEFF || (r >= 0x200B && r <= 0x200F) || (r >= 0x2060 && r <= 0x2064) || (r >= 0xFE00 && r <= 0xFE0F)
}

// collapse removes repeated letters ("STOOOPP" → "STOP"). Digits are kept as they are.
func collapse(w string) string {
	var b strings.Builder
	var prev rune = -1
	for _, r := range w {
		if r != prev || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

// joinSpelled joins runs of two or more single letters into one word ("S T O P" → "STOP").
func joinSpelled(ws []string) []string {
	var out []string
	for i := 0; i < len(ws); {
		j := i
		for j < len(ws) && len([]rune(ws[j])) == 1 && unicode.IsLetter([]rune(ws[j])[0]) {
			j++
		}
		if j-i >= 2 {
			out = append(out, collapse(strings.Join(ws[i:j], "")))
			i = j
			continue
		}
		out = append(out, ws[i])
		i++
	}
	return out
}
