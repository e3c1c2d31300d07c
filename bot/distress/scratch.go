package distress

// scratch is one assessment's working memory, reused from one assessment to the next (the start
// index's pool) so that reading a message allocates little beyond its answer.
type scratch struct {
	// The start index (start_index.go): by pattern, 1 + the last word that listed it; the
	// (pattern, word) pairs found.
	listed []int32
	pairs  []uint64
	gaps   []int // the words a pattern's gaps skip while a match is tried (matchAtBuf)
	// The statistical layer (model_score.go): the text of canonical words, where each word
	// starts in it, the distinct n-grams seen, a weight's key, the weights found.
	text  []byte
	at    []int
	seen  [len(featureKinds)]map[string]struct{}
	key   []byte
	known [][3]float64
}

func newScratch(patterns int) *scratch {
	sc := &scratch{listed: make([]int32, patterns)}
	for k := range sc.seen {
		sc.seen[k] = map[string]struct{}{}
	}
	return sc
}
