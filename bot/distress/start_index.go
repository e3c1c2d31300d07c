package distress

import (
	"iter"
	"slices"
	"sort"
	"sync"
)

// The start index answers, for each word of a text, which patterns can start there: the patterns
// whose first element matches the word. It is built once at Load from every rule, exception and
// concept pattern, so an assessment tries a pattern only at the words it can start at instead of
// every pattern at every word (most words of an everyday SMS start no pattern at all).
//
// A first element matches a word by one of its alternatives: the word itself, a stem the word
// starts with, an ending it ends with, or (words of six letters or more, only for a word the
// detector does not know) one typo away with the first letter right. The first three are map
// lookups of the word, each of its prefixes and each of its suffixes; the typo-tolerant
// alternatives are kept by first letter and tried in full (alt.matches) for unknown words only.
// The index may list a pattern that then fails (matchAt decides), but it never leaves out one
// whose first element matches: TestStartIndex_NeverTurnsAwayAMatch checks it on every corpus word
// and against brute-force matching of whole texts.

// patternID numbers every pattern of the detector; each rule's, exception's and concept's
// patterns have consecutive numbers, in their order.
type patternID = int32

type startIndex struct {
	exact  map[string][]patternID // alternatives matched as the whole word
	prefix map[string][]patternID // stems ("selvmord*"): looked up by each prefix of a word
	suffix map[string][]patternID // endings ("*piller"): looked up by each suffix of a word
	fuzzy  [256][]fuzzyAlt        // typo-tolerant alternatives by first byte, for unknown words
	gapped []patternID            // patterns opening with a gap (a dropped "jeg"): tried at every word
	atOpen []bool                 // by pattern: starts only where a sentence or message opens
	group  []int32                // by pattern: its rule's, exception's or concept's place in its list
	// The patterns of the rules, of the exceptions and of the concepts.
	rules, exceptions, concepts patternIDRange
	count                       int        // patterns numbered
	pool                        *sync.Pool // *scratch, reused across assessments
}

type fuzzyAlt struct {
	alt alt
	ids []patternID
}

// starts are the (pattern, word) pairs where a pattern's first element may match, sorted by pattern
// then word.
type starts []uint64

func startPair(id patternID, tok int) uint64 { return uint64(id)<<32 | uint64(uint32(tok)) }

// patternIDRange is a group's patterns: numbers lo up to, not including, hi.
type patternIDRange struct{ lo, hi patternID }

// buildStartIndex numbers the patterns (rules, exceptions, concepts in name order) and indexes
// their first elements.
func (d *Detector) buildStartIndex() {
	ix := &startIndex{exact: map[string][]patternID{}, prefix: map[string][]patternID{}, suffix: map[string][]patternID{}}
	fuzzy := map[alt]patternID{} // an alternative's place in ix.fuzzy[its first byte]
	number := func(pats []pattern, group int) patternIDRange {
		r := patternIDRange{lo: patternID(ix.count)}
		for i := range pats {
			pats[i].id = patternID(ix.count)
			ix.count++
			ix.group = append(ix.group, int32(group))
			ix.add(&pats[i], fuzzy)
		}
		r.hi = patternID(ix.count)
		return r
	}
	for i := range d.rules {
		d.rules[i].ids = number(d.rules[i].patterns, i)
	}
	ix.rules = patternIDRange{0, patternID(ix.count)}
	for i := range d.exceptions {
		d.exceptions[i].ids = number(d.exceptions[i].patterns, i)
	}
	ix.exceptions = patternIDRange{ix.rules.hi, patternID(ix.count)}
	names := make([]string, 0, len(d.concepts))
	for name := range d.concepts {
		names = append(names, name)
	}
	sort.Strings(names)
	d.conceptList = make([]conceptEntry, 0, len(names))
	for i, name := range names {
		pats := d.concepts[name]
		d.conceptList = append(d.conceptList, conceptEntry{name: name, patterns: pats, ids: number(pats, i)})
	}
	ix.concepts = patternIDRange{ix.exceptions.hi, patternID(ix.count)}
	ix.pool = &sync.Pool{New: func() any { return newScratch(ix.count) }}
	d.starts = ix
}

// conceptEntry is a concept with its patterns, in the order starts are looked up.
type conceptEntry struct {
	name     string
	patterns []pattern
	ids      patternIDRange
}

// add indexes one pattern's first element.
func (ix *startIndex) add(p *pattern, fuzzy map[alt]patternID) {
	ix.atOpen = append(ix.atOpen, p.atOpen)
	e0 := &p.elems[0]
	if e0.gap > 0 {
		ix.gapped = append(ix.gapped, p.id)
		return
	}
	for _, a := range e0.alts {
		switch {
		case a.canon == "": // matches by nothing the maps can look up: try the pattern everywhere
			ix.gapped = append(ix.gapped, p.id)
			return
		case a.suffix:
			ix.suffix[a.canon] = appendID(ix.suffix[a.canon], p.id)
			continue
		case a.prefix:
			ix.prefix[a.canon] = appendID(ix.prefix[a.canon], p.id)
		default:
			ix.exact[a.canon] = appendID(ix.exact[a.canon], p.id)
		}
		if a.exact || len(a.canon) < fuzzyMin {
			continue
		}
		b := a.canon[0]
		k, ok := fuzzy[a]
		if !ok {
			ix.fuzzy[b] = append(ix.fuzzy[b], fuzzyAlt{alt: a})
			k = patternID(len(ix.fuzzy[b]) - 1)
			fuzzy[a] = k
		}
		ix.fuzzy[b][k].ids = appendID(ix.fuzzy[b][k].ids, p.id)
	}
}

func appendID(ids []patternID, id patternID) []patternID {
	if len(ids) > 0 && ids[len(ids)-1] == id {
		return ids
	}
	return append(ids, id)
}

// find lists the (pattern, word) pairs of the text where a pattern may start, sorted. The scratch
// goes back to the pool with release.
func (ix *startIndex) find(toks []token) (starts, *scratch) {
	sc := ix.pool.Get().(*scratch)
	sc.pairs = sc.pairs[:0]
	for i := range toks {
		ix.wordStarts(sc, toks, i)
	}
	slices.Sort(sc.pairs)
	return starts(sc.pairs), sc
}

func (ix *startIndex) release(sc *scratch) {
	clear(sc.listed)
	ix.pool.Put(sc)
}

// wordStarts adds the patterns that may start at toks[i].
func (ix *startIndex) wordStarts(sc *scratch, toks []token, i int) {
	t := &toks[i]
	w := t.canon
	sc.list(ix, ix.gapped, i, t.opens)
	sc.list(ix, ix.exact[w], i, t.opens)
	for k := 1; k <= len(w); k++ {
		sc.list(ix, ix.prefix[w[:k]], i, t.opens)
	}
	for k := 0; k < len(w); k++ {
		sc.list(ix, ix.suffix[w[k:]], i, t.opens)
	}
	if t.known || w == "" { // a known word is never read as a typo of another
		return
	}
	for _, f := range ix.fuzzy[w[0]] {
		if f.alt.matches(w, false) {
			sc.list(ix, f.ids, i, t.opens)
		}
	}
}

// list adds the pairs of the patterns at word i, once each; a pattern that starts only where a
// sentence opens is left out elsewhere.
func (sc *scratch) list(ix *startIndex, ids []patternID, i int, opens bool) {
	for _, id := range ids {
		if sc.listed[id] == int32(i+1) || (ix.atOpen[id] && !opens) {
			continue
		}
		sc.listed[id] = int32(i + 1)
		sc.pairs = append(sc.pairs, startPair(id, i))
	}
}

// in returns the pairs of the patterns numbered r.lo up to r.hi.
func (s starts) in(r patternIDRange) starts {
	lo, _ := slices.BinarySearch(s, startPair(r.lo, 0))
	hi, _ := slices.BinarySearch(s, startPair(r.hi, 0))
	return s[lo:hi]
}

// byGroup yields, in order, each rule, exception or concept (its place in its list) that has
// patterns in r with a pair in s, and those pairs.
func (ix *startIndex) byGroup(s starts, r patternIDRange) iter.Seq2[int, starts] {
	return func(yield func(int, starts) bool) {
		s = s.in(r)
		for len(s) > 0 {
			g := ix.group[s[0]>>32]
			n := 1
			for n < len(s) && ix.group[s[n]>>32] == g {
				n++
			}
			if !yield(int(g), s[:n]) {
				return
			}
			s = s[n:]
		}
	}
}

// words returns, in order, the words where pattern id may start, and the pairs after them.
func (s starts) words(id patternID) (starts, starts) {
	lo := 0
	for lo < len(s) && patternID(s[lo]>>32) < id {
		lo++
	}
	hi := lo
	for hi < len(s) && patternID(s[hi]>>32) == id {
		hi++
	}
	return s[lo:hi], s[hi:]
}

// word is the word of a pair.
func word(pair uint64) int { return int(uint32(pair)) }

// byWord copies the pairs into buf ordered by word, then pattern: the order in which a concept or
// an exception tries its patterns (each word in turn, its patterns in their order). Read them
// with atWord.
func (s starts) byWord(buf []uint64) []uint64 {
	buf = buf[:0]
	for _, p := range s {
		buf = append(buf, p<<32|p>>32)
	}
	slices.Sort(buf)
	return buf
}

// atWord returns the word and pattern of a pair ordered by byWord.
func atWord(pair uint64) (int, patternID) { return int(pair >> 32), patternID(uint32(pair)) }
