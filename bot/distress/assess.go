package distress

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// Assess reads one message.
func (d *Detector) Assess(text string) Assessment {
	return d.AssessAll([]string{text})
}

// AssessAll reads consecutive messages from one person as one text, because people split a
// sentence over several SMS ("jeg kan ikke mere" / "vil bare sove og ikke vågne"). Offsets in the
// matches refer to the texts joined by "\n".
func (d *Detector) AssessAll(texts []string) Assessment {
	full, toks := d.tokens(texts)
	a := Assessment{labels: d.labels}
	st, sc := d.starts.find(toks)
	defer d.starts.release(sc)
	caps := d.exceptionCaps(toks, st, &sc.gaps)
	hits := d.conceptHits(toks, st, &sc.gaps)
	ctx := d.readContext(texts, full, toks, hits)
	// The model reads nothing of a text that takes itself back, and nothing of a sentence a laugh
	// colours or where the rules read a negation, an idiom, a lowering context or a guard: those
	// sentences are silent (model_silence.go), the rest of the text is still its to read.
	silent := newSilence(ctx)
	keep := func(id string, cat category, m scored) {
		if m = ctx.capContext(cat, m); m.level == None || m.negated || m.capped != "" {
			silent.span(m.span)
		}
		if m.level == None {
			return
		}
		a.add(full, toks, id, cat, m)
	}
	for ri, mine := range d.starts.byGroup(st, d.starts.rules) { // in rule order: a rule no pattern can start in has no match
		r := &d.rules[ri]
		for _, m := range d.ruleMatches(r, toks, caps, mine, &sc.gaps) {
			keep(r.id, r.category, m)
		}
	}
	for _, c := range d.combos {
		m, ok, guarded := d.comboMatch(c, full, toks, hits, caps)
		if ok {
			keep(c.id, c.category, m)
		}
		for _, g := range guarded {
			silent.span(g)
		}
	}
	if !ctx.quiet() {
		d.silenceForModel(&silent, caps, hits)
		a.addModel(d.model, full, silent.unheard(toks), sc)
	}
	sort.SliceStable(a.Matches, func(i, j int) bool {
		if a.Matches[i].Level != a.Matches[j].Level {
			return a.Matches[i].Level > a.Matches[j].Level
		}
		return a.Matches[i].Start < a.Matches[j].Start
	})
	return a
}

// add records a match of a rule or combo and raises the level.
func (a *Assessment) add(full string, toks []token, id string, cat category, m scored) {
	match := match{Rule: id, Category: cat, Level: m.level, Negated: m.negated, Capped: m.capped,
		Start: toks[m.first].start, End: toks[m.last].end}
	match.Text = strings.ReplaceAll(full[match.Start:match.End], "\n", " / ")
	cs, ce := contextBounds(full, toks, m.first, m.last)
	match.Context = strings.ReplaceAll(full[cs:ce], "\n", " / ")
	a.Matches = append(a.Matches, match)
	a.Level = max(a.Level, m.level)
}

// tokenizeAll tokenizes each message on its own (a word never runs across two SMS) with offsets
// into the texts joined by "\n".
func tokenizeAll(texts []string) []token {
	var toks []token
	offset := 0
	for i, text := range texts {
		for _, t := range tokenize(text) {
			t.start += offset
			t.end += offset
			t.msg = i
			toks = append(toks, t)
		}
		offset += len(text) + 1
	}
	return toks
}

// contextBefore and contextAfter are how many words around a match the explanation shows (within
// its sentence and message), so the link worker reads
// "tænker på at tage livet af mig", not only "livet af mig".
const contextBefore, contextAfter = 4, 3

func contextBounds(full string, toks []token, first, last int) (int, int) {
	sameSentence := func(a, b int) bool {
		return toks[a].msg == toks[b].msg && !strings.ContainsAny(between(full, toks[a], toks[b]), ".!?")
	}
	from, to := first, last
	for from > 0 && first-from < contextBefore && sameSentence(from-1, from) {
		from--
	}
	for to < len(toks)-1 && to-last < contextAfter && sameSentence(to, to+1) {
		to++
	}
	return toks[from].start, toks[to].end
}

// scored is a match of one pattern with the level it keeps after negation and exceptions.
type scored struct {
	span
	level   Level
	negated bool
	capped  string
}

// wholeMessage reports whether the match is a whole sentence or SMS, a check-in digit before it
// allowed: a word that is everyday inside a sentence can be all a person has left to say
// ("tomt.", "orker ikke", "2 ensom", "slut nu. orker ikke mere").
func wholeMessage(toks []token, m span) bool {
	f := m.first
	if !toks[f].opens && !(f > 0 && toks[f-1].opens && isNumber(toks[f-1].canon)) {
		return false
	}
	return m.last == len(toks)-1 || toks[m.last+1].opens
}

// ruleMatches finds where a rule matches. Each pattern is tried at every word it can start at
// (st), from the first word on; where matches of the rule overlap, the one that keeps the highest
// level wins ("tak for alt, I skal ikke lede efter mig": the farewell, not a negated "tak for alt … lede").
func (d *Detector) ruleMatches(r *rule, toks []token, caps map[int][]capMark, st starts, gaps *[]int) []scored {
	rest := st.in(r.ids)
	if len(rest) == 0 {
		return nil
	}
	var cands []scored
	for pi := range r.patterns {
		p := &r.patterns[pi]
		next := 0
		var at starts
		at, rest = rest.words(p.id)
		for _, pair := range at {
			i := word(pair)
			if i < next {
				continue
			}
			m, ok := p.matchAtBuf(toks, i, gaps)
			if !ok || (r.whole && !wholeMessage(toks, m)) {
				continue
			}
			next = m.last + 1
			s := scored{span: m, level: r.level}
			if !p.negative && d.negated(toks, m) { // "vil ikke leve": there the negation is the meaning
				s.negated = true
				s.level--
			}
			for _, t := range m.words() {
				for _, c := range caps[t] {
					if c.appliesTo(r.id) && c.cap < s.level {
						s.level, s.capped = c.cap, c.id
					}
				}
			}
			if s.level > None {
				cands = append(cands, s)
			}
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].level != cands[j].level {
			return cands[i].level > cands[j].level
		}
		return cands[i].first < cands[j].first
	})
	var kept []scored
	for _, c := range cands {
		overlaps := false
		for _, k := range kept {
			if c.first <= k.last && k.first <= c.last {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, c)
		}
	}
	return kept
}

type capMark struct {
	id    string
	cap   Level
	rules []string
}

// appliesTo reports whether the exception lowers matches of the rule: all rules, or those whose
// id starts with one of its listed prefixes.
func (c capMark) appliesTo(rule string) bool {
	if len(c.rules) == 0 {
		return true
	}
	for _, r := range c.rules {
		if strings.HasPrefix(rule, r) {
			return true
		}
	}
	return false
}

// words lists the words a match matched, leaving out those its gaps skipped: an idiom exception
// lowers a match only when it covers one of the match's own words.
func (m span) words() []int {
	skipped := map[int]bool{}
	for _, g := range m.gapped {
		skipped[g] = true
	}
	var out []int
	for t := m.first; t <= m.last; t++ {
		if !skipped[t] {
			out = append(out, t)
		}
	}
	return out
}

// exceptionCaps marks the words covered by an idiom exception with the highest level a match
// over them may keep ("ved at dø af grin": none). An exception is tried at the words where one
// of its patterns can start (st).
func (d *Detector) exceptionCaps(toks []token, st starts, gaps *[]int) map[int][]capMark {
	caps := map[int][]capMark{}
	var at []uint64
	for g, mine := range d.starts.byGroup(st, d.starts.exceptions) {
		x := &d.exceptions[g]
		at = mine.byWord(at)
		for _, pair := range at {
			i, id := atWord(pair)
			m, ok := x.patterns[id-x.ids.lo].matchAtBuf(toks, i, gaps)
			if !ok {
				continue
			}
			for t := m.first; t <= m.last; t++ {
				caps[t] = append(caps[t], capMark{id: x.id, cap: x.cap, rules: x.rules})
			}
		}
	}
	return caps
}

// negated reports a negation inside the match's gaps ("tænker ikke på selvmord") or just before
// it, looking back past a few small words ("jeg har ikke haft selvmordstanker") but never into an
// earlier sentence ("nej det passer ikke. jeg har skåret mig i nat").
func (d *Detector) negated(toks []token, m span) bool {
	for _, g := range m.gapped {
		if d.negators[toks[g].canon] {
			return true
		}
	}
	for i, looked := m.first-1, 0; i >= 0 && looked < 4 && !toks[i+1].opens; i, looked = i-1, looked+1 {
		w := toks[i].canon
		if d.negators[w] {
			return true
		}
		if !d.fillers[w] {
			return false
		}
	}
	return false
}

// Flagged reports whether anything was heard.
func (a Assessment) Flagged() bool { return a.Level > None }

// Explain renders what was heard for the link worker, one category and the words that matched per
// line item, in "da" or "en": `Selvmordstanker: "tænker på at tage livet af mig"`. Empty when
// nothing was heard.
func (a Assessment) Explain(lang string) string {
	var parts []string
	seen := map[string]bool{}
	for _, m := range a.Matches {
		label := string(m.Category)
		if l, ok := a.labels[m.Category][lang]; ok {
			label = l
		} else if l, ok := a.labels[m.Category]["en"]; ok {
			label = l
		}
		part := fmt.Sprintf("%s: %q", label, m.Context)
		if m.Rule == modelRule { // Context is already the quoted n-grams and the probability
			part = label + ": " + m.Context
		}
		if m.Negated {
			part += map[bool]string{true: " (med nægtelse)", false: " (negated)"}[lang == "da"]
		}
		if !seen[part] {
			seen[part] = true
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "; ")
}

// isNumber reports a word of digits only, such as a check-in answer.
func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// tokens reads consecutive messages into words: the text they are joined to, and each word with
// whether the detector knows it and whether a sentence opens there.
func (d *Detector) tokens(texts []string) (string, []token) {
	full := joinTexts(texts)
	toks := tokenizeAll(texts)
	for i := range toks {
		toks[i].known = d.vocabulary[toks[i].canon] > 0
	}
	toks = d.splitRunTogether(full, toks)
	for i := range toks {
		toks[i].opens = i == 0 || toks[i].msg != toks[i-1].msg || endsSentence(between(full, toks[i-1], toks[i])) ||
			(toks[i-1].opens && isNumber(toks[i-1].canon)) // a check-in answer first: "3 jeg kan ikke mere", "0 giver op"
	}
	return full, toks
}

// endsSentence reports whether the text between two words ends a sentence: a full stop, an
// exclamation or question mark, or an emoji, which in an SMS so often stands where the full stop
// would ("ses aldrig 💔 har givet katten til naboen": the "aldrig" is not about the cat).
func endsSentence(gap string) bool {
	for _, r := range gap {
		if r == '.' || r == '!' || r == '?' || unicode.Is(unicode.So, r) {
			return true
		}
	}
	return false
}
