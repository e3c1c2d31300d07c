package distress

import "testing"

// TestPattern_FirstByteIndexNeverTurnsAwayAMatch: the first-byte bound in front of matchAt is only
// a shortcut. For every element of every rule, exception and concept pattern, and every word of the
// training corpus (typos, æøå spellings and all), a word the element matches is a word mayStart lets
// through, so the index changes no answer, only the time.
func TestPattern_FirstByteIndexNeverTurnsAwayAMatch(t *testing.T) {
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
		for _, tok := range tokenizeAll(e.texts) {
			words[tok.canon+"|"+map[bool]string{true: "k", false: "u"}[tok.known]] = tok
		}
	}
	var pats []pattern
	for _, r := range d.rules {
		pats = append(pats, r.patterns...)
	}
	for _, x := range d.exceptions {
		pats = append(pats, x.patterns...)
	}
	for _, ps := range d.concepts {
		pats = append(pats, ps...)
	}
	checked := 0
	for _, p := range pats {
		for i := range p.elems {
			el := &p.elems[i]
			if el.gap > 0 {
				continue
			}
			for _, tok := range words {
				if el.matches(tok) {
					checked++
					if !el.mayStart(tok.canon) {
						t.Fatalf("pattern %q: element %d matches %q but the index turns it away", p.source, i, tok.canon)
					}
				}
			}
		}
	}
	if len(pats) < 500 || checked < 1000 {
		t.Fatalf("checked %d matches over %d patterns; is the data loaded?", checked, len(pats))
	}
}
