package distress

import (
	"fmt"
	"strings"
)

// The compositional layer hears meaning that no single phrase carries. Concepts (data/concepts.json)
// are small families of phrases that mean one thing — ENDING ("forsvinde", "ikke vågne", "sove
// ind"), FINALITY ("for altid", "kommer ikke tilbage"), MEANS ("*piller", "reb", "barberblad"),
// MANY ("alle", "hele glasset", "30") — and a combo raises its level when all of its concepts occur
// within a window of words ("hele glasset med sovepiller ved sengen": MEANS + MANY + READY). A
// combo does not fire when one of its guard concepts stands next to it (a pill question, a game,
// a trip) or, if it says so, when its sentence is a question.

// combo is a rule by meaning: every concept in all, within window words.
type combo struct {
	id          string
	category    category
	level       Level
	all         []string
	window      int
	unless      []string
	notQuestion bool
}

type comboData struct {
	ID          string   `json:"id"`
	Category    string   `json:"category"`
	Level       string   `json:"level"`
	All         []string `json:"all"`
	Window      int      `json:"window"`
	Unless      []string `json:"unless"`
	NotQuestion bool     `json:"not_question"`
}

// guardReach is how many words either side of a combo a guard concept may stand and still stop it.
const guardReach = 3

func (d *Detector) compileConcepts(f dataFile, macros map[string]string) error {
	for name, srcs := range f.Concepts {
		ps, err := d.compilePatterns(srcs, macros)
		if err != nil {
			return fmt.Errorf("concept %s: %w", name, err)
		}
		d.concepts[name] = append(d.concepts[name], ps...)
	}
	return nil
}

func (d *Detector) compileCombos(f dataFile) error {
	for _, c := range f.Combos {
		lvl, err := parseLevel(c.Level)
		if err != nil || lvl == None {
			return fmt.Errorf("combo %s: level %q", c.ID, c.Level)
		}
		if _, ok := d.labels[category(c.Category)]; !ok {
			return fmt.Errorf("combo %s: category %q has no labels", c.ID, c.Category)
		}
		if len(c.All) == 0 || c.Window <= 0 {
			return fmt.Errorf("combo %s: needs concepts and a window", c.ID)
		}
		for _, name := range append(append([]string{}, c.All...), c.Unless...) {
			if _, ok := d.concepts[name]; !ok {
				return fmt.Errorf("combo %s: unknown concept %s", c.ID, name)
			}
		}
		d.combos = append(d.combos, combo{id: c.ID, category: category(c.Category), level: lvl,
			all: c.All, window: c.Window, unless: c.Unless, notQuestion: c.NotQuestion})
	}
	return nil
}

// conceptHits finds every place each concept occurs: at each word where one of its patterns can
// start (st), the first of its patterns that matches there.
func (d *Detector) conceptHits(toks []token, st starts, gaps *[]int) map[string][]span {
	hits := map[string][]span{}
	var at []uint64
	for g, mine := range d.starts.byGroup(st, d.starts.concepts) {
		c := &d.conceptList[g]
		at = mine.byWord(at)
		// At each word the concept keeps its shortest match: a long pattern with a gap must not
		// swallow the words a combo's other part needs ("planen er klar og det bliver i nat":
		// DECIDED is "planen er klar", not a gapped pattern reaching into "det bliver").
		best, found := span{}, false
		for _, pair := range at {
			i, id := atWord(pair)
			if found && i != best.first {
				hits[c.name] = append(hits[c.name], best)
				found = false
			}
			if m, ok := c.patterns[id-c.ids.lo].matchAtBuf(toks, i, gaps); ok && (!found || m.last < best.last) {
				best, found = m, true
			}
		}
		if found {
			hits[c.name] = append(hits[c.name], best)
		}
	}
	return hits
}

// comboMatch finds the first place where all of a combo's concepts occur within its window and no
// guard stands by. The level is lowered by a negation before one of its parts and by idiom
// exceptions, as for phrase rules.
//
// guarded holds the places where every concept stood within the window but a guard stopped the
// combo: the model does not read those sentences either (model_silence.go).
func (d *Detector) comboMatch(c combo, full string, toks []token, hits map[string][]span, caps map[int][]capMark) (s scored, ok bool, guarded []span) {
	for _, anchor := range hits[c.all[0]] {
		parts, ok := []span{anchor}, true
		for _, name := range c.all[1:] {
			var h span
			if h, ok = nearest(hits[name], parts, c.window); !ok {
				break
			}
			parts = append(parts, h)
		}
		if !ok {
			continue
		}
		first, last := bounds(parts)
		if d.guarded(c, toks, hits, first, last) {
			guarded = append(guarded, span{first: first, last: last})
			continue
		}
		if c.notQuestion && isQuestion(full, toks, last) {
			continue
		}
		s := scored{span: span{first: first, last: last}, level: c.level}
		if d.partsNegated(toks, parts) {
			s.negated, s.level = true, s.level-1
		}
		for _, p := range parts {
			for t := p.first; t <= p.last; t++ {
				for _, m := range caps[t] {
					if m.appliesTo(c.id) && m.cap < s.level {
						s.level, s.capped = m.cap, m.id
					}
				}
			}
		}
		if s.level > None {
			return s, true, guarded
		}
	}
	return scored{}, false, guarded
}

// nearest picks the hit that keeps the parts tightest, overlapping none of them, within window words.
func nearest(cands, parts []span, window int) (span, bool) {
	best, found, bestLen := span{}, false, window+1
	for _, h := range cands {
		if overlapsAny(h, parts) {
			continue
		}
		first, last := bounds(append([]span{h}, parts...))
		if n := last - first + 1; n < bestLen {
			best, found, bestLen = h, true, n
		}
	}
	return best, found
}

func overlapsAny(h span, parts []span) bool {
	for _, p := range parts {
		if h.first <= p.last && p.first <= h.last {
			return true
		}
	}
	return false
}

func bounds(parts []span) (int, int) {
	first, last := parts[0].first, parts[0].last
	for _, p := range parts[1:] {
		first, last = min(first, p.first), max(last, p.last)
	}
	return first, last
}

// guarded reports a guard concept within guardReach words of the combo. A guard denied as the
// purpose guards nothing: "reb … det er ikke til flagstangen".
func (d *Detector) guarded(c combo, toks []token, hits map[string][]span, first, last int) bool {
	for _, name := range c.unless {
		for _, h := range hits[name] {
			if h.first <= last+guardReach && h.last >= first-guardReach && !d.negatedBefore(toks, h.first) && sameSentence(toks, h, first, last) {
				return true
			}
		}
	}
	return false
}

// sameSentence reports whether a guard stands in the sentence of the combo's nearest word: a guard
// in the sentence before guards nothing ("Jeg kan ikke komme på torsdag. Jeg har besluttet at det
// ikke skal være mere": the Thursday is not a plan with friends).
func sameSentence(toks []token, h span, first, last int) bool {
	from, to := h.last+1, first // guard before the combo: no sentence opens after it
	if h.first > last {
		from, to = last+1, h.first // guard after the combo
	}
	for i := from; i <= to && i < len(toks); i++ {
		if toks[i].opens {
			return false
		}
	}
	return true
}

// negatedBefore reports "not for" just before toks[i] ("ikke til flagstangen", "not for the
// garden"): the guard is named to be denied.
func (d *Detector) negatedBefore(toks []token, i int) bool {
	if i < 2 || toks[i].opens || toks[i-1].opens {
		return false
	}
	switch toks[i-1].canon {
	case "til", "for", "the":
		return d.negators[toks[i-2].canon] || (i >= 3 && !toks[i-2].opens && d.negators[toks[i-3].canon])
	}
	return false
}

// partsNegated reports a negation just before one of the parts (looking back past small words,
// never into another part or an earlier sentence): "jeg vil ikke forsvinde for altid" is not a wish to disappear.
func (d *Detector) partsNegated(toks []token, parts []span) bool {
	for _, p := range parts {
		for i, looked := p.first-1, 0; i >= 0 && looked < 4 && !toks[i+1].opens && !overlapsAny(span{first: i, last: i}, parts); i, looked = i-1, looked+1 {
			if d.negators[toks[i].canon] {
				return true
			}
			if !d.fillers[toks[i].canon] {
				break
			}
		}
	}
	return false
}

// isQuestion reports whether the sentence the word toks[last] ends ends with a question mark.
func isQuestion(full string, toks []token, last int) bool {
	rest := full[toks[last].end:]
	if i := strings.IndexAny(rest, ".!\n"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Contains(rest, "?")
}
