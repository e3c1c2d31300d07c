package distress

import "testing"

// TestModelScore_SameAsPosterior: score, the model's fast path, gives bit for bit the
// probabilities posterior gives (same n-grams, same sums in the same order) on every training
// and corpus text, read as a run of messages and one message at a time, with one scratch reused
// throughout as assessments reuse it.
func TestModelScore_SameAsPosterior(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		t.Fatal(err)
	}
	var runs [][]string
	for _, e := range ex {
		runs = append(runs, e.texts)
		if len(e.texts) > 1 {
			for _, text := range e.texts {
				runs = append(runs, []string{text})
			}
		}
	}
	for _, c := range readCorpus(t, "testdata/corpus*.txt") {
		runs = append(runs, c.texts)
	}
	sc := newScratch(d.starts.count)
	for _, texts := range runs {
		_, toks := d.tokens(texts)
		want, _, _ := d.model.posterior(toks)
		if got := d.model.score(toks, sc); got != want {
			t.Fatalf("%q: score %v, posterior %v", texts, got, want)
		}
	}
}
