package distress

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The vocabulary decides which words may be read as a typo. Fuzzy matching (one typo in a word of
// six letters or more) is meant for "selvmrod" and "lngere", not for real words that happen to be
// one letter from an alarm word: "cooking" is not "choking", "kalder" is not "falder". A word is
// known when it occurs at least twice in the training corpus (data/training.tsv: a typo rarely
// repeats, a word does) or stands in data/common_words.txt (everyday Danish and English words
// the corpus may lack); a known word matches a pattern only as itself.
//
// The corpus counts ship precomputed in data/vocabulary.txt.gz, written beside the model's
// weights: counting them meant tokenising the whole training corpus (16,682 texts after session 9) at every start (about 80 ms and a
// few MB of garbage the idle server kept), and the training file itself need not be in the binary.
// TestVocabulary_ShippedIsTheCounted recounts and fails when the file is stale;
// UPDATE_DISTRESS_MODEL=1 rewrites it.

//go:embed data/common_words.txt
var commonWordsTxt string

//go:embed data/vocabulary.txt.gz
var vocabularyGz []byte

// vocabularyMinCount is how often a corpus word must occur to be known.
const vocabularyMinCount = 2

// vocabularyFileHeader opens data/vocabulary.txt.gz: then one line per word, "word<TAB>count", sorted.
const vocabularyFileHeader = "# brobygger distress vocabulary v1: corpus words seen at least twice, with their counts"

// loadVocabulary returns each known word with how often the corpus has it (capped; a word only in
// common_words.txt counts vocabularyMinCount): the count also ranks the ways a run-together word
// can be split (segment.go).
func loadVocabulary() (map[string]uint16, error) {
	vocab, err := readVocabulary(vocabularyGz)
	if err != nil {
		return nil, err
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

// countVocabulary counts the corpus words of the training examples that occur at least
// vocabularyMinCount times. It runs where the file is written and checked, not at start-up.
func countVocabulary(ex []example) map[string]uint16 {
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
	var runOn []string // decided on the whole vocabulary, then removed: deleting while segmenting would make the answer depend on map order
	for w := range vocab {
		if utf8.RuneCountInString(w) >= segmentMinLen && opensWithOpener(w) && isRunOn(segmentWith(vocab, w)) {
			runOn = append(runOn, w)
		}
	}
	for _, w := range runOn {
		delete(vocab, w)
	}
	return vocab
}

// writeVocabulary writes counts in the shipped format, compressed; the same counts give the same bytes.
func writeVocabulary(w io.Writer, counts map[string]uint16) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	fmt.Fprintln(bw, vocabularyFileHeader)
	words := make([]string, 0, len(counts))
	for word := range counts {
		words = append(words, word)
	}
	slices.Sort(words)
	for _, word := range words {
		if strings.ContainsAny(word, "\t\n") {
			return fmt.Errorf("distress vocabulary: word %q holds a tab or newline", word)
		}
		fmt.Fprintf(bw, "%s\t%d\n", word, counts[word])
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// readVocabulary reads a file written by writeVocabulary.
func readVocabulary(gz []byte) (map[string]uint16, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("distress vocabulary: %w", err)
	}
	sc := bufio.NewScanner(zr)
	if !sc.Scan() || sc.Text() != vocabularyFileHeader {
		return nil, fmt.Errorf("distress vocabulary: not a %q file", vocabularyFileHeader)
	}
	vocab := map[string]uint16{}
	for line := 2; sc.Scan(); line++ {
		word, count, ok := strings.Cut(sc.Text(), "\t")
		n, err := strconv.ParseUint(count, 10, 16)
		if !ok || word == "" || err != nil || n < vocabularyMinCount {
			return nil, fmt.Errorf("distress vocabulary: line %d: want a word and a count of at least %d", line, vocabularyMinCount)
		}
		vocab[word] = uint16(n)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("distress vocabulary: %w", err)
	}
	return vocab, nil
}
