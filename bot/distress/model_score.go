package distress

import (
	"math"
	"strings"
)

// score returns P(class | text) for none, distress and emergency: the same sums, in the same
// order, as posterior, without building a string per feature. Every n-gram features lists is a
// piece of the one text it builds (" jeg kan ikke mere |" …), so the distinct n-grams are kept as
// pieces of it, and a weight is looked up through a reused buffer. posterior is still what
// explains a raised level (addModel); TestModelScore_SameAsPosterior checks the two agree exactly.
func (m *ngramModel) score(toks []token, sc *scratch) [3]float64 {
	text, at := sc.text[:0], sc.at[:0]
	for i, t := range toks {
		if i > 0 && toks[i-1].msg != t.msg {
			text = append(text, " |"...)
		}
		text = append(text, ' ')
		at = append(at, len(text))
		text = append(text, t.canon...)
	}
	text = append(text, ' ')
	sc.text, sc.at = text, at
	s := string(text)
	f := featureSum{m: m, seen: &sc.seen, key: sc.key, known: sc.known[:0]}
	for _, seen := range sc.seen {
		clear(seen)
	}
	for i, t := range toks {
		f.add('w', t.canon)
		end := at[i] + len(t.canon)
		if i > 0 && toks[i-1].msg == t.msg {
			f.add('b', s[at[i-1]:end])
		}
		if i > 1 && toks[i-2].msg == t.msg {
			f.add('t', s[at[i-2]:end])
		}
	}
	for n := charGramMin; n <= charGramMax; n++ {
		for j := 0; j+n <= len(s); j++ {
			f.add('c', s[j:j+n])
		}
	}
	sc.key, sc.known = f.key, f.known
	x := 1 / math.Sqrt(float64(max(f.distinct, 1)))
	sum := m.bias
	for _, w := range f.known {
		for c := range 3 {
			sum[c] += w[c] * x
		}
	}
	return softmax(sum)
}

// featureKinds are the n-grams' kinds, in the order of featureSum.seen.
const featureKinds = "wbtc"

// featureSum gathers a text's distinct n-grams in the order features lists them: how many, and
// the weights of those the model knows.
type featureSum struct {
	m        *ngramModel
	seen     *[len(featureKinds)]map[string]struct{} // by kind, the n-grams' words or letters
	key      []byte
	known    [][3]float64
	distinct int
}

func (f *featureSum) add(kind byte, text string) {
	seen := f.seen[strings.IndexByte(featureKinds, kind)]
	if _, ok := seen[text]; ok {
		return
	}
	seen[text] = struct{}{}
	f.distinct++
	f.key = append(append(append(f.key[:0], kind), ':'), text...)
	if w, ok := f.m.weightOf(f.key); ok {
		f.known = append(f.known, w)
	}
}
