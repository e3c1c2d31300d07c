package distress

import (
	"sync"
	"testing"
)

// TestDetector_ConcurrentReadersGetTheSameAnswers: assessments reuse working memory (scratch.go)
// from a pool, so several goroutines reading at once must each get the answer a lone reader gets
// (run with -race to also check nothing is shared).
func TestDetector_ConcurrentReadersGetTheSameAnswers(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	cases := readCorpus(t, "testdata/corpus*.txt")
	if len(cases) > 600 {
		cases = cases[:600]
	}
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = renderAnswer(d.AssessAll(c.texts))
	}
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range cases {
				i := (k + w*len(cases)/4) % len(cases) // each reader starts elsewhere
				if got := renderAnswer(d.AssessAll(cases[i].texts)); got != want[i] {
					t.Errorf("%s:%d: read alongside others: %s, alone: %s", cases[i].file, cases[i].line, got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}
