package distress

import (
	"fmt"
	"strings"
)

// Assess reads one message.
func (d *Detector) Assess(text string) Assessment {
	return d.AssessAll([]string{text})
}

// AssessAll reads consecutive messages from one person as one text, because people split a
// sentence over several SMS ("jeg kan ikke mere" / "vil bare sove og ikke vågne"). Offsets in the
// matches refer to the texts joined by "\n".
func (d *Detector) AssessAll(texts []string) Assessment {
	full := joinTexts(texts)
	toks := tokenize(full)
	a := Assessment{labels: d.labels}
	caps := d.exceptionCaps(toks)
	for _, r := range d.rules {
		for _, m := range d.ruleMatches(r, toks) {
			lvl := r.level
			match := Match{Rule: r.id, Category: r.category, Start: toks[m.first].start, End: toks[m.last].end}
			match.Text = strings.ReplaceAll(full[match.Start:match.End], "\n", " / ")
			if !m.ownNegation && d.negated(toks, m) {
				match.Negated = true
				lvl--
			}
			for _, t := range m.words() {
				if c, ok := caps[t]; ok && c.cap < lvl {
					lvl, match.Capped = c.cap, c.id
				}
			}
			if lvl <= None {
				continue
			}
			match.Level = lvl
			a.Matches = append(a.Matches, match)
			if lvl > a.Level {
				a.Level = lvl
			}
		}
	}
	return a
}

// ruleMatches finds where a rule matches, at most once per starting word and never twice over
// the same words.
func (d *Detector) ruleMatches(r rule, toks []token) []span {
	var out []span
	next := 0
	for i := range toks {
		if i < next {
			continue
		}
		for _, p := range r.patterns {
			if m, ok := p.matchAt(toks, i); ok {
				m.ownNegation = p.negative // "vil ikke leve": the negation is the meaning
				out = append(out, m)
				next = m.last + 1
				break
			}
		}
	}
	return out
}

type capMark struct {
	id  string
	cap Level
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
// over them may keep ("ved at dø af grin": none).
func (d *Detector) exceptionCaps(toks []token) map[int]capMark {
	caps := map[int]capMark{}
	for _, x := range d.exceptions {
		for i := range toks {
			for _, p := range x.patterns {
				m, ok := p.matchAt(toks, i)
				if !ok {
					continue
				}
				for t := m.first; t <= m.last; t++ {
					if c, seen := caps[t]; !seen || x.cap < c.cap {
						caps[t] = capMark{id: x.id, cap: x.cap}
					}
				}
			}
		}
	}
	return caps
}

// negated reports a negation inside the match's gaps ("tænker ikke på selvmord") or just before
// it, looking back past a few small words ("jeg har ikke haft selvmordstanker").
func (d *Detector) negated(toks []token, m span) bool {
	for _, g := range m.gapped {
		if d.negators[toks[g].canon] {
			return true
		}
	}
	for i, looked := m.first-1, 0; i >= 0 && looked < 4; i, looked = i-1, looked+1 {
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
		part := fmt.Sprintf("%s: %q", label, m.Text)
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
