package distress

import (
	_ "embed"
	"strings"
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

func loadVocabulary() (map[string]bool, error) {
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
	vocab := map[string]bool{}
	for w, n := range counts {
		if n >= vocabularyMinCount {
			vocab[w] = true
		}
	}
	for _, line := range strings.Split(commonWordsTxt, "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		for _, t := range tokenize(line) {
			vocab[t.canon] = true
		}
	}
	return vocab, nil
}
