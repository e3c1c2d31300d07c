package distress

import (
	"bytes"
	_ "embed"
	"io"
	"maps"
	"os"
	"testing"
)

// trainingTSV is the written corpus the model's weights and the vocabulary's counts are made
// from. Only the tests read it: a process reads what they shipped.
//
//go:embed data/training.tsv
var trainingTSV string

// rewroteShipped writes a shipped data file with write when UPDATE_DISTRESS_MODEL=1 and reports
// whether it did; otherwise the caller compares the file with what it computed.
func rewroteShipped(t *testing.T, path string, write func(io.Writer) error) bool {
	t.Helper()
	if os.Getenv("UPDATE_DISTRESS_MODEL") != "1" {
		return false
	}
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s: %d bytes", path, buf.Len())
	return true
}

// TestVocabulary_ShippedIsTheCounted recounts the corpus words of data/training.tsv and compares
// them with data/vocabulary.txt.gz. A change to the training data, the tokeniser or the
// segmenter without UPDATE_DISTRESS_MODEL=1 fails here.
func TestVocabulary_ShippedIsTheCounted(t *testing.T) {
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		t.Fatal(err)
	}
	counted := countVocabulary(ex)
	if rewroteShipped(t, "data/vocabulary.txt.gz", func(w io.Writer) error { return writeVocabulary(w, counted) }) {
		return
	}
	shipped, err := readVocabulary(vocabularyGz)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(shipped, counted) {
		off := 0
		for w, n := range counted {
			if shipped[w] != n && off < 5 {
				t.Errorf("word %q: shipped %d, counted %d", w, shipped[w], n)
				off++
			}
		}
		t.Fatalf("data/vocabulary.txt.gz has %d words, the corpus %d: run UPDATE_DISTRESS_MODEL=1 go test ./bot/distress -run 'TestModel_ShippedWeights|TestVocabulary_Shipped'", len(shipped), len(counted))
	}
}

// TestVocabulary_FileRoundTrips: written counts read back the same, and a damaged file is refused.
func TestVocabulary_FileRoundTrips(t *testing.T) {
	in := map[string]uint16{"choking": 7, "cooking": 2, "ældre": 65535}
	var buf bytes.Buffer
	if err := writeVocabulary(&buf, in); err != nil {
		t.Fatal(err)
	}
	back, err := readVocabulary(buf.Bytes())
	if err != nil || !maps.Equal(back, in) {
		t.Fatalf("read back %v, %v; want %v", back, err, in)
	}
	for _, bad := range []map[string]uint16{{"one": 1}} {
		buf.Reset()
		if err := writeVocabulary(&buf, bad); err != nil {
			t.Fatal(err)
		}
		if _, err := readVocabulary(buf.Bytes()); err == nil {
			t.Errorf("%v read back without an error", bad)
		}
	}
	if _, err := readVocabulary([]byte("not gzip")); err == nil {
		t.Error("a file that is not gzip read without an error")
	}
}
