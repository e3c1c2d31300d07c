package distress

import (
	"os"
	"sort"
	"testing"
)

// TestModel_LeaveOneWriterOut estimates how the detector does on a writer it has never seen: for
// each corpus file (one writer, or one round of writing), the statistical layer is trained on all
// the other files and measured on the one left out, alone and together with the rules. The
// model-alone figures are honest (the file was not in its training data); the rules+model figures
// flatter, because the rules were tuned on every file. Cross-validation by random folds
// (TestModel_CrossValidation) mixes a writer's messages into training and test and overstates
// what the model hears in new words; this is the figure to compare rounds by. It is slow, so it
// runs only when asked: DISTRESS_LOWO=1 go test ./bot/distress -run LeaveOneWriterOut -v.
func TestModel_LeaveOneWriterOut(t *testing.T) {
	if os.Getenv("DISTRESS_LOWO") == "" {
		t.Skip("trains one model per corpus file (a minute or more): run with DISTRESS_LOWO=1")
	}
	d := load(t)
	cases := readCorpus(t, "testdata/corpus*.txt")
	byFile := map[string][]corpusCase{}
	for _, c := range cases {
		byFile[c.file] = append(byFile[c.file], c)
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	modelAll, systemAll := newTallies(), newTallies()
	for _, f := range files {
		var train []example
		for _, c := range cases {
			if c.file != f {
				train = append(train, example{level: c.want, texts: c.texts})
			}
		}
		held := *d
		held.model = trainModel(train)
		mt, st := newTallies(), newTallies()
		for _, c := range byFile[f] {
			p, _, _ := held.model.posterior(tokenizeAll(c.texts))
			got := modelLevel(p)
			mt[c.want].add(c.want, got)
			modelAll[c.want].add(c.want, got)
			sys := held.AssessAll(c.texts).Level
			st[c.want].add(c.want, sys)
			systemAll[c.want].add(c.want, sys)
		}
		logTallies(t, f+" model", mt)
		logTallies(t, f+" rules+model", st)
	}
	logTallies(t, "all model", modelAll)
	logTallies(t, "all rules+model", systemAll)
}

func logTallies(t *testing.T, name string, m map[Level]*tally) {
	e, s, n := m[Emergency], m[Distress], m[None]
	t.Logf("%-34s emergency %d/%d = %5.1f%% (flagged %5.1f%%) | distress %d/%d = %5.1f%% | false alarms %d/%d = %4.1f%% (as emergency %4.1f%%)",
		name, e.exact, e.total, e.pct(e.exact), e.pct(e.flagged), s.flagged, s.total, s.pct(s.flagged), n.flagged, n.total, n.pct(n.flagged), n.pct(n.emergency))
}
