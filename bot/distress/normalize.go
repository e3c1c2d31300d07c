package distress

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// token is one word of the assessed text: its folded spelling, its canonical spelling (what
// patterns compare against) and where it sits in the original text (byte offsets).
type token struct {
	canon      string
	start, end int
	msg        int  // which of several consecutive messages
	known      bool // a word of the detector's vocabulary: matched exactly, never as a typo of another word
	opens      bool // the first word of a sentence or a message: a negation before it is not about it
}

// tokenize splits text into words the way an SMS is read, not the way it is typed: full-width
// and other compatibility letters become plain letters, zero-width characters vanish (they do
// not split a word), apostrophes inside a word vanish ("don't" = "dont"), everything that is not
// a letter or digit (punctuation, emoji, line breaks) separates words.
func tokenize(text string) []token {
	var toks []token
	var cur strings.Builder
	start, end := -1, -1
	flush := func() {
		if cur.Len() > 0 {
			toks = append(toks, token{canon: canonical(cur.String()), start: start, end: end})
		}
		cur.Reset()
		start = -1
	}
	for i, r := range text {
		size := len(string(r))
		if invisible(r) {
			continue
		}
		if r == '\'' || r == '’' || r == '`' || r == '´' {
			if cur.Len() > 0 {
				end = i + size
			}
			continue
		}
		folded := foldRune(r)
		if folded == "" {
			flush()
			continue
		}
		if start < 0 {
			start = i
		}
		cur.WriteString(folded)
		end = i + size
	}
	flush()
	return toks
}

// invisible reports characters that carry no letter: zero-width spaces and joiners, the soft
// hyphen, the byte-order mark, variation selectors.
func invisible(r rune) bool {
	switch {
	case r == 0x00AD, r == 0x034F, r == 0x180E, r == 0xFEFF:
		return true
	case r >= 0x200B && r <= 0x200F, r >= 0x2060 && r <= 0x2064:
		return true
	case r >= 0xFE00 && r <= 0xFE0F:
		return true
	}
	return false
}

// foldRune returns the lower-case ASCII letters (and digits) a character stands for, or "" for a
// separator. Æ Ø Å become ae oe aa (so "dø" and "doe" are one word), the Swedish/German ä ö
// typed on foreign keyboards become ae oe, other accents are dropped (é → e).
func foldRune(r rune) string {
	var b strings.Builder
	for _, c := range norm.NFKC.String(string(r)) {
		c = unicode.ToLower(c)
		switch c {
		case 'æ', 'ä':
			b.WriteString("ae")
			continue
		case 'ø', 'ö':
			b.WriteString("oe")
			continue
		case 'å':
			b.WriteString("aa")
			continue
		case 'ß':
			b.WriteString("ss")
			continue
		}
		for _, d := range norm.NFD.String(string(c)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			if unicode.IsLetter(d) || unicode.IsDigit(d) {
				b.WriteRune(d)
			}
		}
	}
	return b.String()
}

// canonical maps the spellings an SMS writer uses for one word onto one form: repeated letters
// collapse ("neeej" → "nej", "ikke" → "ike", "aa" → "a"), then ae → e and oe → o ("laengere",
// "længere", "lengere" → "lengere"; "doe", "dø", "dö", "do" → "do"), then repeats collapse again.
func canonical(w string) string {
	w = collapseRepeats(w)
	w = digraphs.Replace(w)
	return collapseRepeats(w)
}

var digraphs = strings.NewReplacer("ae", "e", "oe", "o")

func collapseRepeats(w string) string {
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

// editDistance1 reports whether a and b differ by at most one insertion, deletion, substitution
// or swap of two neighbouring letters (the typos a thumb makes).
func editDistance1(a, b string) bool {
	if a == b {
		return true
	}
	if d := len(a) - len(b); d > 4 || d < -4 { // cheap exit before decoding runes
		return false
	}
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(ra)-len(rb) > 1 {
		return false
	}
	i := 0
	for i < len(rb) && ra[i] == rb[i] {
		i++
	}
	if len(ra) == len(rb) {
		if string(ra[i+1:]) == string(rb[i+1:]) {
			return true // substitution
		}
		return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
	}
	return string(ra[i+1:]) == string(rb[i:]) // one extra letter in a
}
