package distress

import (
	"fmt"
	"reflect"
	"slices"
	"testing"
)

// allPatterns lists every pattern of rules, exceptions and concepts.
func allPatterns(d *Detector) []*pattern {
	var pats []*pattern
	for i := range d.rules {
		for j := range d.rules[i].patterns {
			pats = append(pats, &d.rules[i].patterns[j])
		}
	}
	for i := range d.exceptions {
		for j := range d.exceptions[i].patterns {
			pats = append(pats, &d.exceptions[i].patterns[j])
		}
	}
	for _, c := range d.conceptList {
		for j := range c.patterns {
			pats = append(pats, &c.patterns[j])
		}
	}
	return pats
}

// TestStartIndex_NeverTurnsAwayAMatch: the start index is only a shortcut. For every pattern and
// every word of the training corpus (typos, æøå spellings and all; known and unknown), a word the
// pattern's first element matches is a word the index lists the pattern at, so the index changes
// no answer, only the time.
func TestStartIndex_NeverTurnsAwayAMatch(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]token{}
	for _, e := range ex {
		_, toks := d.tokens(e.texts)
		for _, tok := range toks {
			tok.opens = true // where a sentence opens every pattern may start
			words[fmt.Sprint(tok.canon, tok.known)] = tok
			tok.known = !tok.known // and as the other kind of word, for the typo-tolerant alternatives
			words[fmt.Sprint(tok.canon, tok.known)] = tok
		}
	}
	pats := allPatterns(d)
	if len(pats) != d.starts.count {
		t.Fatalf("%d patterns, the index numbers %d", len(pats), d.starts.count)
	}
	checked := 0
	for _, tok := range words {
		st, sc := d.starts.find([]token{tok})
		listed := map[patternID]bool{}
		for _, pair := range st {
			listed[patternID(pair>>32)] = true
		}
		d.starts.release(sc)
		for _, p := range pats {
			e0 := &p.elems[0]
			if e0.gap == 0 && !e0.matches(tok) {
				continue
			}
			checked++
			if !listed[p.id] {
				t.Fatalf("pattern %q (%d) starts at %q (known %v) but the index does not list it", p.source, p.id, tok.canon, tok.known)
			}
		}
	}
	if len(pats) < 2000 || checked < 10000 {
		t.Fatalf("checked %d starts over %d patterns; is the data loaded?", checked, len(pats))
	}
}

// TestStartIndex_SameAsTryingEverywhere reads corpus and held-out texts with the index and by
// trying every pattern at every word, and wants the same rule matches, concept hits and exception
// marks. Trying everything costs a few milliseconds a text, so it reads every third text (the test
// above checks every word); held-out texts are named by file and line only.
func TestStartIndex_SameAsTryingEverywhere(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	all := append(readCorpus(t, "testdata/corpus*.txt"), readCorpus(t, "testdata/heldout/*.txt")...)
	var cases []corpusCase
	for i := 0; i < len(all); i += 3 {
		cases = append(cases, all[i])
	}
	for _, c := range cases {
		_, toks := d.tokens(c.texts)
		st, sc := d.starts.find(toks)
		caps := d.exceptionCaps(toks, st, nil)
		hits := d.conceptHits(toks, st, nil)
		var rules [][]scored
		for i := range d.rules {
			rules = append(rules, d.ruleMatches(&d.rules[i], toks, caps, st, nil))
		}
		d.starts.release(sc)
		wantCaps, wantHits, wantRules := d.everywhere(toks)
		if !reflect.DeepEqual(caps, wantCaps) || !reflect.DeepEqual(hits, wantHits) || !reflect.DeepEqual(rules, wantRules) {
			t.Errorf("%s:%d: the index changes the matches", c.file, c.line)
		}
	}
	if len(cases) < 1500 {
		t.Fatalf("only %d texts", len(cases))
	}
}

// everywhere is the matcher without the index: every pattern tried at every word.
func (d *Detector) everywhere(toks []token) (map[int][]capMark, map[string][]span, [][]scored) {
	pats := allPatterns(d)
	all := make(starts, 0, len(pats)*len(toks)) // in pattern order, then word order: sorted as find sorts
	for _, p := range pats {
		for i := range toks {
			all = append(all, startPair(p.id, i))
		}
	}
	if !slices.IsSorted(all) {
		panic("patterns are not numbered in order")
	}
	caps := d.exceptionCaps(toks, all, nil)
	hits := d.conceptHits(toks, all, nil)
	var rules [][]scored
	for i := range d.rules {
		rules = append(rules, d.ruleMatches(&d.rules[i], toks, caps, all, nil))
	}
	return caps, hits, rules
}
