package distress

import (
	"math"
	"strings"
	"unicode/utf8"
)

// Run-together words. A message typed in a hurry, drunk or on a small screen loses its spaces
// ("iwanttodie", "hjælpmigjegkanikkekommeop"), and then no rule sees its words. A long word the
// detector does not know is read as the fewest known words that spell it exactly, when there are
// at least three of them, so a compound ("strikkeklubben", "sygeplejersken") is never taken apart:
// it is known, or it splits into two. The pieces keep the whole word's place in the text, so a
// match shows what the citizen wrote.

// segmentMinLen is the shortest word that is tried (in letters), segmentMinPieces the fewest
// pieces a split must have to be believed.
const segmentMinLen, segmentMinPieces = 9, 3

// splitRunTogether returns toks with each run-together word replaced by its pieces. The split is
// made in the word as written, not in its canonical form, which folds "tt" in "iwanttodie" to
// one letter; each piece is then folded as words are.
func (d *Detector) splitRunTogether(full string, toks []token) []token {
	var out []token
	for i, t := range toks {
		var pieces []string
		if !t.known && utf8.RuneCountInString(t.canon) >= segmentMinLen && !isNumber(t.canon) {
			pieces = d.segment(strings.ToLower(full[t.start:t.end]))
		}
		if !isRunOn(pieces) {
			pieces = d.gluedNegation(t)
		}
		if pieces == nil {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]token, 0, len(toks)+len(pieces)), toks[:i]...)
		}
		for _, p := range pieces {
			out = append(out, token{canon: p, start: t.start, end: t.end, msg: t.msg, known: true})
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// gluedNegation splits a negation typed together with the word after it ("ikkeleve",
// "kan ikkemere"): an unknown word that is "ikke" or "ik" followed by a known word of three letters
// or more is read as the two; otherwise nil.
func (d *Detector) gluedNegation(t token) []string {
	if t.known {
		return nil
	}
	for _, neg := range []string{"ike", "ik"} { // the folded forms of "ikke", "ik"
		rest := strings.TrimPrefix(t.canon, neg)
		if rest != t.canon && utf8.RuneCountInString(rest) >= 3 && d.vocabulary[rest] > 0 {
			return []string{neg, rest}
		}
	}
	return nil
}

// openers are the words a sentence typed without spaces opens with: its speaker, or a cry for
// help ("jegkanikkemere", "iwanttodie", "hjælpmigjegkanikkekommeop"). A long word that splits into
// known words but opens otherwise is a compound or a name ("pension i ster", "min de højtidelighed")
// and is never taken apart.
var openers = map[string]bool{"jeg": true, "jg": true, "i": true, "im": true, "hjelp": true, "help": true, "please": true, "pls": true}

// isRunOn reports whether a split reads as a sentence typed without spaces.
func isRunOn(pieces []string) bool { return len(pieces) >= segmentMinPieces && openers[pieces[0]] }

// opensWithOpener reports whether w could split into a run-on sentence at all: its first piece
// would be a prefix of it, so a word that starts with no opener need not be segmented.
func opensWithOpener(w string) bool {
	for o := range openers {
		if strings.HasPrefix(w, o) {
			return true
		}
	}
	return false
}

// segment splits w into the fewest vocabulary words that spell it exactly (one-letter pieces only
// "i", the English "I"), or returns nil. Between splits of as many pieces it takes the one of more
// common words (the larger sum of log corpus counts): "jeg vil ikke leve mere", not
// "jeg vi likke leve mere".
func (d *Detector) segment(w string) []string { return segmentWith(d.vocabulary, w) }

// segmentWith is segment over a given vocabulary; the whole word is never its own piece.
func segmentWith(vocabulary map[string]uint16, w string) []string {
	n := len(w)
	best := make([]int, n+1) // fewest pieces for w[:i], 0 = not reachable (except at 0)
	weight := make([]float64, n+1)
	from := make([]int, n+1)
	for i := 1; i <= n; i++ {
		for j := 0; j < i; j++ {
			if (j > 0 && best[j] == 0) || !utf8.RuneStart(w[j]) || (i < n && !utf8.RuneStart(w[i])) {
				continue
			}
			piece := w[j:i]
			if (len(piece) == 1 && piece != "i") || (j == 0 && i == n) {
				continue
			}
			count := vocabulary[canonWord(piece)]
			if count == 0 {
				continue
			}
			c, wt := best[j]+1, weight[j]+math.Log(float64(count))
			if best[i] == 0 || c < best[i] || (c == best[i] && wt > weight[i]) {
				best[i], weight[i], from[i] = c, wt, j
			}
		}
	}
	if best[n] == 0 {
		return nil
	}
	pieces := make([]string, best[n])
	for i, k := n, best[n]-1; i > 0; i, k = from[i], k-1 {
		pieces[k] = canonWord(w[from[i]:i])
	}
	return pieces
}

// between is the text between two words: empty for the pieces of one run-together word.
func between(full string, a, b token) string {
	if a.end >= b.start {
		return ""
	}
	return full[a.end:b.start]
}
