package distress

import (
	"bytes"
	"io"
	"math"
	"sort"
	"strings"
	"testing"
)

// cvFolds is the number of folds of the cross-validation that chose the model's thresholds.
const cvFolds = 5

// outOfFold returns, for every training example, the posterior of a model trained on the other
// folds. An example's fold is its writer's (its corpus file's): fold[i] is the fold of example i.
// Folds by writer, not by line, because the thresholds are for writers the model has never seen;
// with a writer's lines spread over every fold the model has met each held-back line's style in
// training. (Until session 9 example i was in fold i % cvFolds.)
func outOfFold(t *testing.T, ex []example, fold []int) [][3]float64 {
	t.Helper()
	out := make([][3]float64, len(ex))
	for k := range cvFolds {
		var train []example
		for i, e := range ex {
			if fold[i] != k {
				train = append(train, e)
			}
		}
		m := trainModel(train)
		for i, e := range ex {
			if fold[i] == k {
				out[i], _, _ = m.posterior(tokenizeAll(e.texts))
			}
		}
	}
	return out
}

// writerFolds reads the corpus files data/training.tsv is copied from and gives every example
// the fold of its file (files in name order, dealt round the folds). It fails when the files and
// data/training.tsv no longer hold the same messages in the same order.
func writerFolds(t *testing.T, ex []example) []int {
	t.Helper()
	cases := readCorpus(t, "testdata/corpus*.txt")
	if len(cases) != len(ex) {
		t.Fatalf("testdata/corpus*.txt holds %d messages, data/training.tsv %d: regenerate it (the command is in its header)", len(cases), len(ex))
	}
	fileFold := map[string]int{}
	fold := make([]int, len(ex))
	for i, c := range cases {
		if strings.Join(c.texts, " || ") != strings.Join(ex[i].texts, " || ") || c.want != ex[i].level {
			t.Fatalf("%s:%d differs from data/training.tsv's message %d: regenerate it (the command is in its header)", c.file, c.line, i+1)
		}
		f, ok := fileFold[c.file]
		if !ok {
			f = len(fileFold) % cvFolds
			fileFold[c.file] = f
		}
		fold[i] = f
	}
	return fold
}

// lowestThreshold is the lowest threshold (to two decimals, rounded up) at which at most budget
// of the scores pass.
func lowestThreshold(scores []float64, budget float64) float64 {
	s := append([]float64(nil), scores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(s)))
	allowed := int(budget * float64(len(s)))
	if allowed >= len(s) {
		return 0
	}
	// s[allowed] must not pass: the threshold is just above it.
	return math.Ceil(s[allowed]*100+1e-9) / 100
}

// TestModel_CrossValidation chooses the model's thresholds by 5-fold cross-validation on the
// training data alone and reports the model's own figures on the held-back folds (the rules are
// tuned on all of the training data, so only the model can be cross-validated honestly).
func TestModel_CrossValidation(t *testing.T) {
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		t.Fatal(err)
	}
	post := outOfFold(t, ex, writerFolds(t, ex))
	var noneFlag, noneEmerg []float64
	for i, e := range ex {
		if e.level == None {
			noneFlag = append(noneFlag, post[i][Distress]+post[i][Emergency])
			noneEmerg = append(noneEmerg, post[i][Emergency])
		}
	}
	flagT, emergT := lowestThreshold(noneFlag, 0.02), lowestThreshold(noneEmerg, 0.01)
	t.Logf("chosen by cross-validation: flag at P(distress)+P(emergency) >= %.2f, emergency at P(emergency) >= %.2f", flagT, emergT)
	for _, th := range [][2]float64{{0.5, 0.5}, {flagT, emergT}, {modelFlagThreshold, modelEmergencyThreshold}} {
		tl := newTallies()
		for i, e := range ex {
			p := post[i]
			got := None
			switch {
			case p[Emergency] >= th[1]:
				got = Emergency
			case p[Distress]+p[Emergency] >= th[0]:
				got = Distress
			}
			tl[e.level].add(e.level, got)
		}
		em, di, no := tl[Emergency], tl[Distress], tl[None]
		t.Logf("model alone, flag %.2f emergency %.2f: emergency recall %d/%d = %.1f%% (flagged %.1f%%) | distress flagged %d/%d = %.1f%% | false alarms %d/%d = %.1f%% (as emergency %.1f%%)",
			th[0], th[1], em.exact, em.total, em.pct(em.exact), em.pct(em.flagged), di.flagged, di.total, di.pct(di.flagged),
			no.flagged, no.total, no.pct(no.flagged), no.pct(no.emergency))
	}
	if flagT != modelFlagThreshold || emergT != modelEmergencyThreshold {
		t.Errorf("thresholds in model.go (%.2f, %.2f) are not those cross-validation chooses (%.2f, %.2f)",
			modelFlagThreshold, modelEmergencyThreshold, flagT, emergT)
	}
}

// TestModel_Explain: the model hears what the rules miss, only raises the level, and the
// explanation says what it heard, in the citizen's words.
func TestModel_Explain(t *testing.T) {
	d := load(t)
	msg := "nu er det nok, jeg vil ikke mere"
	rulesOnly := *d
	rulesOnly.model = nil
	if got := rulesOnly.Assess(msg).Level; got != None {
		t.Fatalf("rules alone hear %s; pick a message only the model hears", got)
	}
	a := d.Assess(msg)
	if a.Level == None || len(a.Matches) != 1 || a.Matches[0].Rule != modelRule || a.Matches[0].Category != statistical {
		t.Fatalf("Assess(%q) = %s %+v", msg, a.Level, a.Matches)
	}
	got := a.Explain("da")
	for _, want := range []string{"Den statistiske model hørte: ", `"det nok"`, "(p=0."} {
		if !strings.Contains(got, want) {
			t.Errorf("Explain(da) = %s, want it to contain %s", got, want)
		}
	}
	// Every word or word pair it names is in the message, as the citizen wrote it.
	heard := strings.Split(got, `"`)
	if len(heard) < 3 {
		t.Fatalf("Explain(da) = %s, names no words", got)
	}
	for i := 1; i < len(heard)-1; i += 2 {
		if !strings.Contains(msg, heard[i]) {
			t.Errorf("Explain(da) = %s names %q, which is not in %q", got, heard[i], msg)
		}
	}
	if got := a.Explain("en"); !strings.HasPrefix(got, "The statistical model heard: ") {
		t.Errorf("Explain(en) = %s", got)
	}
	// Where the rules read a negation, the model does not overrule them.
	if got := d.Assess("jeg har aldrig haft selvmordstanker").Level; got != Distress {
		t.Errorf("negated: %s, want distress", got)
	}
}

// TestModel_ShippedWeightsAreTheTrainedOnes retrains the statistical layer from data/training.tsv
// and compares it with the weights the package ships (data/model.txt.gz): the same n-grams, and
// every weight equal to float32 precision (the file's). A change to the training data or the
// training constants without UPDATE_DISTRESS_MODEL=1 fails here.
func TestModel_ShippedWeightsAreTheTrainedOnes(t *testing.T) {
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		t.Fatal(err)
	}
	trained := trainModel(ex)
	if rewroteShipped(t, "data/model.txt.gz", func(w io.Writer) error { return writeModel(w, trained) }) {
		return
	}
	shipped, err := loadModel(modelGz)
	if err != nil {
		t.Fatal(err)
	}
	if shipped.size() != len(trained.weights) {
		t.Fatalf("data/model.txt.gz has %d n-grams, training gives %d: run UPDATE_DISTRESS_MODEL=1 go test ./bot/distress -run TestModel_ShippedWeights", shipped.size(), len(trained.weights))
	}
	// float32 text keeps 7 significant digits; the arithmetic of another CPU (fused multiply-add)
	// may move the last bits of a trained weight, so the comparison allows 1e-5.
	near := func(a, b [3]float64) bool {
		for i := range a {
			if math.Abs(a[i]-b[i]) > 1e-5*max(1, math.Abs(b[i])) {
				return false
			}
		}
		return true
	}
	if !near(shipped.bias, trained.bias) {
		t.Errorf("bias: shipped %v, trained %v", shipped.bias, trained.bias)
	}
	off := 0
	for g, w := range trained.weights {
		s, ok := shipped.weight(g)
		if !ok || !near(s, *w) {
			off++
			if off <= 5 {
				t.Errorf("n-gram %q: shipped %v, trained %v", g, s, *w)
			}
		}
	}
	if off > 0 {
		t.Fatalf("%d weights differ: run UPDATE_DISTRESS_MODEL=1 go test ./bot/distress -run TestModel_ShippedWeights", off)
	}
}

// TestModel_FileRoundTrips: a written model reads back as the same model.
func TestModel_FileRoundTrips(t *testing.T) {
	m := &ngramModel{bias: [3]float64{0.5, -0.25, -0.25}, weights: map[string]*[3]float64{
		"l_ikke_le": {-1, 0.5, 0.5}, "orker ikke": {-0.1, 0.2, -0.1}}}
	var buf bytes.Buffer
	if err := writeModel(&buf, m); err != nil {
		t.Fatal(err)
	}
	back, err := loadModel(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if w, ok := back.weight("l_ikke_le"); back.bias != m.bias || back.size() != 2 || !ok || w != *m.weights["l_ikke_le"] {
		t.Errorf("round trip: %+v", back)
	}
	if _, err := loadModel([]byte("not gzip")); err == nil {
		t.Error("a file that is not the model loaded")
	}
	if err := writeModel(io.Discard, &ngramModel{weights: map[string]*[3]float64{"a\tb": {}}}); err == nil {
		t.Error("an n-gram with a tab was written")
	}
}

// TestModel_ReadsPastALoweredSentence: a sentence the rules lowered (a negation, an idiom) keeps
// the model out of that sentence only, not out of the next one, which may hold the plan.
func TestModel_ReadsPastALoweredSentence(t *testing.T) {
	d := load(t)
	for _, tc := range []struct {
		text string
		want Level
	}{
		{"Jeg har gemt mine piller i tre uger. Jeg har ikke taget dem. Jeg har tænkt mig at tage dem alle sammen på én gang når jeg er klar.", Emergency},
		// The lowered sentence itself stays the rules' to read.
		{"jeg har aldrig haft selvmordstanker", Distress},
		{"jeg døde af grin i går. vi ses på torsdag", None},
	} {
		if got := d.Assess(tc.text).Level; got != tc.want {
			t.Errorf("%q: %s, want %s (%s)", tc.text, got, tc.want, d.Assess(tc.text).Explain("en"))
		}
	}
}
