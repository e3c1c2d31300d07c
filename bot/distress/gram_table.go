package distress

import (
	"hash/maphash"
	"math/bits"
)

// gramTable holds a loaded model's weights compactly: every n-gram in one string, where each
// ends, the weights side by side, and an open-addressing index from an n-gram's hash to its
// number. A map of 93,000 separately allocated strings and weight arrays held about 11 MB of an
// idle server's heap, all of it pointers the collector walks on every cycle; this holds about
// 4 MB and no pointers. It is read-only once built, so concurrent assessments share it.
type gramTable struct {
	seed    maphash.Seed
	text    string       // the n-grams, one after another
	ends    []uint32     // n-gram i is text[ends[i-1]:ends[i]] (from 0 for the first)
	weights [][3]float32 // n-gram i's weights (the file holds them as float32: no precision is lost)
	slots   []uint32     // by hash, linear probing: 0 is empty, otherwise n-gram number + 1
}

// gramTableBuilder collects n-grams and their weights in one buffer while a model file is read.
type gramTableBuilder struct {
	text    []byte
	ends    []uint32
	weights [][3]float32
}

func (b *gramTableBuilder) add(gram []byte, w [3]float64) {
	w32 := [3]float32{float32(w[0]), float32(w[1]), float32(w[2])}
	b.text = append(b.text, gram...)
	b.ends = append(b.ends, uint32(len(b.text)))
	b.weights = append(b.weights, w32)
}

// build indexes the n-grams; of a repeated n-gram the last is found, as a map keeps the last.
func (b *gramTableBuilder) build() *gramTable {
	t := &gramTable{seed: maphash.MakeSeed(), text: string(b.text), ends: clipped(b.ends), weights: clipped(b.weights)}
	// At most half full, so a miss (most of a message's n-grams) ends after a probe or two.
	t.slots = make([]uint32, 1<<bits.Len(uint(2*len(t.ends))))
	mask := uint64(len(t.slots) - 1)
	for i := range t.ends {
		gram := t.gram(i)
		at := maphash.String(t.seed, gram) & mask
		for t.slots[at] != 0 && t.gram(int(t.slots[at]-1)) != gram {
			at = (at + 1) & mask
		}
		t.slots[at] = uint32(i + 1)
	}
	return t
}

// clipped drops a slice's spare capacity, which would otherwise stay allocated for the life of
// the process.
func clipped[T any](s []T) []T { return append(make([]T, 0, len(s)), s...) }

func (t *gramTable) gram(i int) string {
	start := uint32(0)
	if i > 0 {
		start = t.ends[i-1]
	}
	return t.text[start:t.ends[i]]
}

func (t *gramTable) len() int { return len(t.ends) }

// lookup finds an n-gram's weights.
func (t *gramTable) lookup(gram string) ([3]float64, bool) {
	mask := uint64(len(t.slots) - 1)
	for at := maphash.String(t.seed, gram) & mask; t.slots[at] != 0; at = (at + 1) & mask {
		if i := int(t.slots[at] - 1); t.gram(i) == gram {
			return widen(t.weights[i]), true
		}
	}
	return [3]float64{}, false
}

// lookupBytes is lookup for an n-gram in a reused buffer, without copying it to a string.
func (t *gramTable) lookupBytes(gram []byte) ([3]float64, bool) {
	mask := uint64(len(t.slots) - 1)
	for at := maphash.Bytes(t.seed, gram) & mask; t.slots[at] != 0; at = (at + 1) & mask {
		if i := int(t.slots[at] - 1); t.gram(i) == string(gram) {
			return widen(t.weights[i]), true
		}
	}
	return [3]float64{}, false
}

// widen is an n-gram's stored weights as the scorer adds them.
func widen(w [3]float32) [3]float64 { return [3]float64{float64(w[0]), float64(w[1]), float64(w[2])} }
