package distress

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
// emojiWords are the emoji that stand for a word in an SMS, read as that word (in the folded form
// rules match). Only emoji of one plain meaning: a crying or skull face is as often laughter.
var emojiWords = map[rune]string{
	'💊': "piller", '🔪': "kniv", '🪢': "reb", '🔫': "pistol", '🩸': "blod", '🆘': "hjelp",
	'🚑': "ambulance", '⚰': "kiste", '🪦': "gravsten",
}

func tokenize(text string) []token {
	var toks []token
	var buf [32]byte
	cur := buf[:0] // the word so far, folded
	start, end := -1, -1
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, token{canon: canonical(string(cur)), start: start, end: end})
		}
		cur = cur[:0]
		start = -1
	}
	for i, r := range text {
		size := len(string(r))
		if invisible(r) {
			continue
		}
		if r == '\'' || r == '’' || r == '`' || r == '´' {
			if len(cur) > 0 {
				end = i + size
			}
			continue
		}
		if r == '/' && string(cur) == "w" && strings.HasPrefix(text[i+1:], "o") && endsWord(text[i+2:]) {
			end = i + size
			continue // "w/o" is one word, "without" (shorthand)
		}
		if r < utf8.RuneSelf { // ASCII, most of every SMS: what foldRune gives, without its allocations
			if c := asciiFold(byte(r)); c != 0 {
				if start < 0 {
					start = i
				}
				cur = append(cur, c)
				end = i + size
			} else {
				flush()
			}
			continue
		}
		if w, ok := emojiWords[r]; ok { // "💊💊💊 farvel": the emoji is the word
			flush()
			toks = append(toks, token{canon: canonical(w), start: i, end: i + size})
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
		cur = append(cur, folded...)
		end = i + size
	}
	flush()
	return toks
}

// asciiFold is foldRune for an ASCII character: the lower-case letter or digit, or 0 for a
// separator (NFKC and NFD leave ASCII as it is).
func asciiFold(c byte) byte {
	switch {
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A'
	case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		return c
	}
	return 0
}

// endsWord reports whether rest starts with no letter or digit (or is empty).
func endsWord(rest string) bool {
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || foldRune(r) == ""
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
	if keep, ok := keepDouble(w); ok {
		return keep
	}
	if own, ok := keepApart[w]; ok {
		return own
	}
	if long, ok := shorthand[w]; ok {
		w = long
	}
	w = collapseRepeats(w)
	if strings.Contains(w, "ae") || strings.Contains(w, "oe") { // else Replace changes nothing
		w = digraphs.Replace(w)
	}
	return nordicAsDanish(collapseRepeats(w))
}

// nordic maps Swedish and Norwegian words, in their folded form (repeated letters collapsed:
// "mamma" is "mama", "alla" is "ala"), to the Danish word a rule is
// written with ("jag" = "jeg", "inte" = "ikke", "orkar" = "orker", "golvet" = "gulvet"): citizens
// who grew up with another Nordic language write Danish with some of its words, and a crisis is
// often written in the first language. Only words that are not everyday Danish are here.
var nordic = map[string]string{
	"jag": "jeg", "inte": "ike", "ikje": "ike", "och": "og", "ala": "ale", "tagit": "taget",
	"orkar": "orker", "leva": "leve", "golvet": "gulvet", "svarar": "svarer", "hejda": "farvel",
	"forlat": "undskyld", "ikvel": "aften", "meg": "mig", "deg": "dig", "ska": "skal", "mama": "mor",
	"papa": "far", "sjelv": "selv", "aldri": "aldrig", "ikveld": "aften",
	"av": "af", "skrat": "grin", "skratar": "griner",
}

// nordicAsDanish reads a Swedish or Norwegian word as its Danish form, and a Swedish definite
// plural ("-erna", "-arna") as the Danish one ("pillerna" = "pillerne"; "sömn…" = "sove…").
func nordicAsDanish(w string) string {
	if d, ok := nordic[w]; ok {
		return d
	}
	if len(w) > 6 && (strings.HasSuffix(w, "erna") || strings.HasSuffix(w, "arna")) {
		w = w[:len(w)-4] + "erne"
		if strings.HasPrefix(w, "somn") {
			w = "sove" + w[4:]
		}
	}
	return w
}

var digraphs = strings.NewReplacer("ae", "e", "oe", "o")

// hasRepeat reports whether collapseRepeats may change w: two equal letters in a row (digits may
// repeat), or any non-ASCII letter, which it leaves to collapseRepeats to read rune by rune.
func hasRepeat(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf || (i > 0 && w[i] == w[i-1] && (w[i] < '0' || w[i] > '9')) {
			return true
		}
	}
	return false
}

// keepDouble catches the words whose double letter is all that tells them from another word once
// æ is written e and repeats collapse: "værre" (worse) would otherwise fold to "vere", the word
// "være" (to be), so "det bliver ikke værre her" read as "ikke være her". It keeps them apart
// without giving up the collapse for every other word ("ikke", "ik", "ike" stay one word).
func keepDouble(w string) (string, bool) {
	for _, stem := range []string{"vaerr", "verr", "værr"} {
		if strings.HasPrefix(w, stem) && !strings.HasPrefix(w, "verri") { // not "verrie", "verrine"
			return "verre", true
		}
	}
	return "", false
}

// keepApart holds everyday words that, once repeats collapse and æ is written e, would read as
// another word an alarm is written with, in the other language: "feel" as "fell" ("I feel stuck
// at home" was a fall), Danish "hoppe" (jump) as "hope" ("I hope the top floor has spaces" was a
// jump), "been" as Danish "ben" (a leg), "door" as "dør" (dies), "need" as "ned" (down), "tree"
// and "træ" as "tre" (three), "bill" as "bil", "deer" as "der", "ladder" as "lader", "noose" as
// "nose". Each keeps a form of its own (session 9: TestNormalize_KeepsApartAcrossLanguages). A
// word whose other spelling is common ("læge" written "lege", the word for play) is not kept
// apart here: "legge mig på skinnerne" must still be "lægge".
var keepApart = map[string]string{
	"feel": "feel", "been": "been", "need": "need", "needs": "needs", "door": "door", "doors": "doors",
	"tree": "tree", "trees": "trees", "deer": "deer", "ladder": "ladder", "bill": "bill", "bills": "bills",
	"noose": "noose", "hoppe": "hoppe", "hopper": "hopper", "hoppede": "hoppede", "hoppet": "hoppet",
	// The keys are as canonical sees a word: æ, ø and å already written ae, oe and aa.
	"trae": "trae", "traeet": "traeet", "traeer": "traeer",
	// "åen" (the stream) folds into "en" (a), also when written "aen"; "øm" (sore) into "om",
	// "ænder" (ducks) into "ender" (ends), "tåget" (foggy) into "taget" (taken).
	"aaen": "aaen", "aen": "aaen", "oem": "oem", "aender": "aender", "aenderne": "aenderne", "taaget": "taaget",
}

// shorthand spells out the SMS shorthand of one word that people type in place of the word
// ("u" = "you", "r" = "are", "wnt" = "want", "2nite" = "tonight", "ka" = "kan"), so every rule,
// concept and the model read one word for both. Only shorthand that is never an everyday word of
// its own in Danish or English is here ("ill", "ha", "d" are not).
var shorthand = map[string]string{
	"u": "you", "ur": "your", "r": "are", "w": "with", "n": "and", "wnt": "want", "wo": "without", "wan": "want",
	"wud": "would", "wld": "would", "cud": "could", "shud": "should", "bout": "about", "abt": "about",
	"cuz": "because", "coz": "because", "bc": "because", "bcuz": "because",
	"tmrw": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
	"2nite": "tonight", "2night": "tonight", "tonite": "tonight", "2day": "today",
	"pls": "please", "plz": "please", "thx": "thanks", "thnx": "thanks", "thanx": "thanks",
	"ppl": "people", "sry": "sorry", "soz": "sorry", "every1": "everyone", "any1": "anyone",
	"some1": "someone", "no1": "noone", "evry": "every", "evry1": "everyone", "luv": "love",
	"b4": "before", "dnt": "dont", "cnt": "cant", "havnt": "havent",
	"gna": "gonna", "gunna": "gonna", "wana": "wanna", "m8": "mate", "nite": "night",
	"ka": "kan", "ku": "kunne", "sku": "skulle", "ta": "tage", "hva": "hvad",
	"nogn": "nogen", "mget": "meget",
}

func collapseRepeats(w string) string {
	if !hasRepeat(w) {
		return w // most words: nothing to collapse, nothing to allocate
	}
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
