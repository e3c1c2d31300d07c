package distress

import (
	"fmt"
	"strconv"
	"strings"
)

// A pattern is a sequence of elements matched against consecutive words:
//
//	word          the word, in any spelling canonical() folds together ("længere" = "laengere");
//	              words of six letters or more also match with one typo ("lngere")
//	=word         the word without typo tolerance ("=lonely" must not match "lovely")
//	stem*         any word starting with stem ("selvmord*" = "selvmordstanker")
//	*end          any word ending with end, no typo tolerance ("*piller" = "hjertepiller")
//	a|b|c         any ONE of the alternative words: "a|b c" is "(a or b) then c", never "a or b c"
//	[a|b|c]       the same, written so when another word follows the list directly (see
//	              checkAlternation: a bare list there is refused unless its words are forms of one word)
//	@name         a macro from the data files, e.g. @ikke = ikke|ik|ikk|ej
//	x?            an optional element
//	…  or ...     a gap of up to 3 words; …6 or ...6 a gap of up to 6 words
type pattern struct {
	source   string
	elems    []element
	negative bool      // the pattern itself contains a negation ("ikke … leve"), so negation never downgrades it
	atOpen   bool      // matches only where a sentence or message opens (a pattern with its "jeg" dropped)
	id       patternID // its number in the start index (start_index.go)
}

// dropSubject returns the pattern without its first word when that word is "jeg" or "I" (SMS
// drops the subject: "orker ikke mere", "giver op", "vil bare dø", "want to die"), matched only
// where a sentence or message opens, so "han giver op" is not read as "jeg giver op". A pattern
// left with fewer than two words, or starting with a gap, gets no such variant.
func (p pattern) dropSubject() (pattern, bool) {
	if len(p.elems) < 3 || p.elems[0].optional || p.elems[0].gap > 0 || p.elems[1].optional {
		return pattern{}, false
	}
	if p.elems[1].gap > 0 && (len(p.elems) < 3 || p.elems[2].gap > 0) {
		return pattern{}, false
	}
	subject := false
	for _, a := range p.elems[0].alts {
		if !a.prefix && !a.suffix && (a.canon == "jeg" || a.canon == "i") {
			subject = true
		}
	}
	if !subject {
		return pattern{}, false
	}
	q := p
	q.elems = p.elems[1:]
	if q.elems[0].gap > 0 { // "@jeg … ensom": "ensom", "er så ensom" where a sentence opens
		q.elems = append([]element{{gap: min(q.elems[0].gap, 2)}}, q.elems[1:]...)
	}
	q.atOpen = true
	return q, true
}

// subjectFiller are the words that may stand between a dropped "jeg" and the rest of a pattern
// that had a gap there ("er så ensom", "føler mig alene", "am so lonely"): verbs of being and
// adverbs, never a noun or another person ("batteriet er dødt", "han er ked af det").
var subjectFiller = map[string]bool{}

func init() {
	for _, w := range strings.Fields("er har var ha så saa meget bare helt virkelig altid nu stadig også nok lidt rigtig " +
		"totalt mega pisse føler føles mig am im ive so very really just still too feel feeling me been has have is") {
		subjectFiller[canonWord(w)] = true
	}
}

type element struct {
	alts     []alt
	optional bool
	gap      int    // > 0: this element is a gap of up to gap words
	list     string // the alternatives as written, when there are several and no [ ] around them
	// firsts are the first bytes a word this element matches can have (anyFirst: no such bound,
	// for a suffix or an empty alternative). Every other alternative, typo-tolerant ones
	// included, needs the word's first letter right, so a word starting elsewhere is turned away
	// with one bit test: most words start no pattern, and trying every pattern's alternatives at
	// every word was most of the detector's time.
	firsts   [4]uint64
	anyFirst bool
}

// indexFirsts fills firsts and anyFirst from the alternatives.
func (e *element) indexFirsts() {
	for _, a := range e.alts {
		if a.suffix || a.canon == "" {
			e.anyFirst = true
			return
		}
		b := a.canon[0]
		e.firsts[b>>6] |= 1 << (b & 63)
	}
}

// mayStart reports whether a word w could match the element, judged by its first byte alone: false
// means it cannot; true means matches must decide.
func (e *element) mayStart(w string) bool {
	if e.anyFirst || w == "" {
		return true
	}
	b := w[0]
	return e.firsts[b>>6]&(1<<(b&63)) != 0
}

type alt struct {
	canon  string
	prefix bool
	suffix bool
	exact  bool
}

const defaultGap = 3

// fuzzyMin is the shortest canonical word that also matches with one typo: shorter words have
// too many everyday neighbours ("dø"/"du", "leve"/"lever"). The first letter must be right:
// thumbs rarely miss it, and it keeps matching fast.
const fuzzyMin = 6

func parsePattern(src string, macros map[string]string, negators map[string]bool) (pattern, error) {
	p := pattern{source: src}
	for _, field := range strings.Fields(src) {
		if n, ok := gapSize(field); ok {
			p.elems = append(p.elems, element{gap: n})
			continue
		} else if strings.HasPrefix(field, "…") || strings.HasPrefix(field, "...") {
			return p, fmt.Errorf("pattern %q: bad gap %q", src, field)
		}
		el := element{}
		if strings.HasSuffix(field, "?") && len(field) > 1 {
			el.optional = true
			field = strings.TrimSuffix(field, "?")
		}
		if inner, ok := strings.CutPrefix(field, "["); ok && strings.HasSuffix(inner, "]") {
			field = strings.TrimSuffix(inner, "]")
		} else if strings.Contains(field, "|") {
			el.list = field
		}
		alts, err := parseAlts(field, macros)
		if err != nil {
			return p, fmt.Errorf("pattern %q: %w", src, err)
		}
		for _, a := range alts {
			if negators[a.canon] && !a.prefix {
				p.negative = true
			}
		}
		el.alts = alts
		el.indexFirsts()
		p.elems = append(p.elems, el)
	}
	if len(p.elems) == 0 || p.elems[0].gap > 0 || p.elems[len(p.elems)-1].gap > 0 {
		return p, fmt.Errorf("pattern %q: must start and end with a word", src)
	}
	if p.elems[0].optional {
		return p, fmt.Errorf("pattern %q: must not start with an optional word", src)
	}
	return p, checkAlternation(p)
}

// checkAlternation refuses the authoring trap of the pattern language: "my time has come|is up"
// reads as "my time has (come or is) up", not as "has come" or "is up"; "see|make it to" needs
// "it to" after "see" too. A list of alternatives followed directly by another word (no gap) is
// accepted only when its words are forms of one word ("sove|sover ind", "slutte|slutter") or when
// the author writes it in brackets to say one word is meant ("[slutter|stopper|ender] her");
// otherwise loading fails and the author writes one pattern per phrase.
func checkAlternation(p pattern) error {
	for i, el := range p.elems {
		if el.list == "" || oneWordForms(el.list) {
			continue
		}
		if i+1 < len(p.elems) && p.elems[i+1].gap == 0 {
			return fmt.Errorf("pattern %q: %q next to another word means ONE of its words there "+
				"(\"a|b c\" is \"(a or b) then c\"); write one pattern per phrase, or [%s] if one word is meant",
				p.source, el.list, el.list)
		}
	}
	return nil
}

// oneWordForms reports whether the alternatives are forms of one word: they share their first two
// letters and none is a macro.
func oneWordForms(list string) bool {
	words := strings.Split(list, "|")
	stem := canonical(strings.Trim(words[0], "*=@"))
	for _, w := range words {
		if strings.HasPrefix(w, "@") {
			return false
		}
		c := canonical(strings.Trim(w, "*="))
		n := 0
		for n < len(c) && n < len(stem) && c[n] == stem[n] {
			n++
		}
		stem = stem[:n]
	}
	return len(stem) >= 2
}

func gapSize(field string) (int, bool) {
	for _, g := range []string{"…", "..."} {
		if rest, ok := strings.CutPrefix(field, g); ok {
			if rest == "" {
				return defaultGap, true
			}
			n, err := strconv.Atoi(rest)
			return n, err == nil && n > 0
		}
	}
	return 0, false
}

func parseAlts(field string, macros map[string]string) ([]alt, error) {
	var out []alt
	for _, a := range strings.Split(field, "|") {
		if name, ok := strings.CutPrefix(a, "@"); ok {
			body, found := macros[name]
			if !found {
				return nil, fmt.Errorf("unknown macro @%s", name)
			}
			more, err := parseAlts(body, nil)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
			continue
		}
		prefix := strings.HasSuffix(a, "*")
		suffix := strings.HasPrefix(a, "*") && !prefix
		exact := strings.HasPrefix(a, "=")
		toks := tokenize(strings.Trim(a, "*="))
		if len(toks) != 1 {
			return nil, fmt.Errorf("%q is not one word", a)
		}
		out = append(out, alt{canon: toks[0].canon, prefix: prefix, suffix: suffix, exact: exact})
	}
	return out, nil
}

// matches reports whether the word matches the alternative. A word the detector knows (known: it
// is in its vocabulary, see vocabulary.go) is never taken for a typo of another word: "cooking" is
// a word of its own, not "choking" mistyped.
func (a alt) matches(w string, known bool) bool {
	if a.suffix {
		return strings.HasSuffix(w, a.canon)
	}
	if !a.prefix {
		return w == a.canon || (!a.exact && !known && len(a.canon) >= fuzzyMin && w[0] == a.canon[0] && editDistance1(w, a.canon))
	}
	if strings.HasPrefix(w, a.canon) {
		return true
	}
	if a.exact || known || len(a.canon) < fuzzyMin {
		return false
	}
	if len(w) < len(a.canon)-1 || w[0] != a.canon[0] { // typos rarely hit the first letter
		return false
	}
	r := []rune(w)
	for _, n := range []int{len(a.canon) - 1, len(a.canon), len(a.canon) + 1} {
		if n <= len(r) && editDistance1(string(r[:n]), a.canon) {
			return true
		}
	}
	return false
}

func (e *element) matches(t token) bool {
	for _, a := range e.alts {
		if a.matches(t.canon, t.known) {
			return true
		}
	}
	return false
}

// span is where a pattern matched: the first and last word, and the words skipped by gaps.
type span struct {
	first, last int
	gapped      []int
}

// matchAt tries the pattern with its first word at toks[i]; gaps take as few words as they can.
func (p *pattern) matchAt(toks []token, i int) (span, bool) {
	return p.matchAtBuf(toks, i, nil)
}

// matchAtBuf is matchAt with a buffer (nil: none) for the words gaps skip while a match is tried;
// a match gets its own copy of them.
func (p *pattern) matchAtBuf(toks []token, i int, buf *[]int) (span, bool) {
	if i >= len(toks) || (p.atOpen && !toks[i].opens) {
		return span{}, false
	}
	if e0 := &p.elems[0]; e0.gap == 0 && (!e0.mayStart(toks[i].canon) || !e0.matches(toks[i])) { // most words start no pattern: decide before allocating
		return span{}, false
	}
	m := matcher{p: p, toks: toks}
	if buf != nil {
		m.gapped = (*buf)[:0]
	}
	last, ok := m.rec(0, i)
	if buf != nil {
		*buf = m.gapped[:0] // keep what it grew to for the next try
	}
	if !ok {
		return span{}, false
	}
	s := span{first: i, last: last}
	if len(m.gapped) > 0 {
		s.gapped = append([]int(nil), m.gapped...)
	}
	return s, true
}

// matcher is one attempt of matchAt: the words its gaps skipped so far.
type matcher struct {
	p      *pattern
	toks   []token
	gapped []int
}

// rec matches the elements from e on against the words from t on, and returns the last word.
func (m *matcher) rec(e, t int) (int, bool) {
	p, toks := m.p, m.toks
	if e == len(p.elems) {
		return t - 1, true
	}
	el := &p.elems[e]
	if el.gap > 0 {
		for k := 0; k <= el.gap && t+k <= len(toks); k++ {
			if e == 0 && p.atOpen && k > 0 && !subjectFiller[toks[t+k-1].canon] && !isNumber(toks[t+k-1].canon) {
				break // only a verb of being, an adverb or a check-in answer stands where "jeg" was dropped
			}
			mark := len(m.gapped)
			if k > 0 && cap(m.gapped) == 0 {
				m.gapped = make([]int, 0, 8) // room for most gaps at once, rather than growing word by word
			}
			for j := t; j < t+k; j++ {
				m.gapped = append(m.gapped, j)
			}
			if last, ok := m.rec(e+1, t+k); ok {
				return last, true
			}
			m.gapped = m.gapped[:mark]
		}
		return 0, false
	}
	if t < len(toks) && el.mayStart(toks[t].canon) && el.matches(toks[t]) {
		if last, ok := m.rec(e+1, t+1); ok {
			return last, true
		}
	}
	if el.optional {
		return m.rec(e+1, t)
	}
	return 0, false
}
