package distress

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// The vocabulary decides which words may be read as a typo. Fuzzy matching (one typo in a word of
// six letters or more) is meant for "selvmrod" and "lngere", not for real words that happen to be
// one letter from an alarm word: "cooking" is not "choking", "kalder" is not "falder". A word is
// known when it occurs at least twice in the training corpus (data/training.tsv: a typo rarely
// repeats, a word does) or stands in data/common_words.txt (everyday Danish and English words
// the corpus may lack); a known word matches a pattern only as itself.

//go:embed data/common_words.txt
var commonWordsTxt string

// vocabularyMinCount is how often a corpus word must occur to be known.
const vocabularyMinCount = 2

// loadVocabulary returns each known word with how often the corpus has it (capped; a word only in
// common_words.txt counts vocabularyMinCount): the count also ranks the ways a run-together word
// can be split (segment.go).
func loadVocabulary() (map[string]uint16, error) {
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, e := range ex {
		for _, t := range tokenizeAll(e.texts) {
			counts[t.canon]++
		}
	}
	vocab := map[string]uint16{}
	for w, n := range counts {
		if n >= vocabularyMinCount {
			vocab[w] = uint16(min(n, 1<<16-1))
		}
	}
	// A sentence typed without spaces that a writer repeated ("iwanttodie iwanttodie") is not a
	// word: it stays unknown, so segment.go reads it as its words.
	for w := range vocab {
		if utf8.RuneCountInString(w) >= segmentMinLen && opensWithOpener(w) && isRunOn(segmentWith(vocab, w)) {
			delete(vocab, w)
		}
	}
	for _, line := range strings.Split(commonWordsTxt, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, t := range tokenize(line) {
			vocab[t.canon] = max(vocab[t.canon], vocabularyMinCount)
		}
	}
	return vocab, nil
}
