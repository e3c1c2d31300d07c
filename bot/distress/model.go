package distress

import (
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
)

// The statistical layer: a multinomial logistic regression over the normalised words (unigrams,
// bigrams and trigrams) and the character 3–6-grams of the text, across word boundaries, three
// classes, trained from data/training.tsv (the written corpus) and shipped as its weights (model_file.go). It only ever raises a level: the
// assessment's level is the rules' level or the model's, whichever is higher, and the model
// speaks only when its probability passes a threshold chosen by cross-validation on the training
// data (TestModel_CrossValidation). When it raises the level, a Match says what it heard: the
// n-grams that pushed it most towards that level.

// Thresholds on the model's posterior, chosen by 5-fold cross-validation on data/training.tsv
// alone, with each writer's messages in one fold (TestModel_CrossValidation prints the figures):
// the lowest thresholds at which at most 2 % of the everyday messages in the held-back folds are
// flagged by the model, and at most 1 % raised to an emergency. Until session 9 the folds were
// dealt line by line, so every held-back message's writer was also in training; by writer, the
// thresholds are those for a writer the model has never seen.
const (
	modelFlagThreshold      = 0.61 // P(distress) + P(emergency): the model flags
	modelEmergencyThreshold = 0.51 // P(emergency): the model hears an emergency
)

// featureMinCount is how many training messages must share an n-gram for it to get a weight: the
// rest name one message only, and dropping them makes training several times faster.
const featureMinCount = 2

// modelMinWords is the shortest text the model may raise: two or three words ("ved ikke", "nej
// tak", "ok") are too little evidence for n-gram weights, and the rules read the short alarms
// ("hjælp", "vil dø", "orker ikke mere").
const modelMinWords = 4

// modelRule is the Rule of a Match the statistical layer made.
const modelRule = "model.ngram_logreg"

// statistical is the Category of a Match the statistical layer made.
const statistical category = "statistical"

// Training of the logistic regression: epochs of stochastic gradient descent over the examples in
// a fixed shuffled order (so every load trains the same model), its step and L2 penalty.
// The penalty is strong on purpose: leave-one-writer-out measured 1e-2 well above the 1e-5 that
// fits the training writers best (a model that memorises a writer's phrasing hears less of the
// next writer's).
const (
	lrEpochs = 60
	lrStep   = 1.0
	lrL2     = 1e-2
)

// ngramModel is a multinomial logistic regression: a weight per n-gram and class; a message's
// features are its distinct n-grams, each of value 1/sqrt(count) (the vector has length 1).
type ngramModel struct {
	bias [3]float64
	// weights are a trained model's (trainModel); a model read from its file has table instead
	// (loadModel), which holds the same weights in a fraction of the memory.
	weights map[string]*[3]float64
	table   *gramTable
}

// weight is an n-gram's weights, if the model knows it.
func (m *ngramModel) weight(gram string) ([3]float64, bool) {
	if m.table != nil {
		return m.table.lookup(gram)
	}
	if w, ok := m.weights[gram]; ok {
		return *w, true
	}
	return [3]float64{}, false
}

// weightOf is weight for an n-gram in a reused buffer.
func (m *ngramModel) weightOf(gram []byte) ([3]float64, bool) {
	if m.table != nil {
		return m.table.lookupBytes(gram)
	}
	if w, ok := m.weights[string(gram)]; ok {
		return *w, true
	}
	return [3]float64{}, false
}

// size is how many n-grams the model knows.
func (m *ngramModel) size() int {
	if m.table != nil {
		return m.table.len()
	}
	return len(m.weights)
}

type example struct {
	level Level
	texts []string
}

// shippedModel is the model trained from data/training.tsv, read once from data/model.txt.gz
// (model_file.go says why it is not trained at start-up).
var shippedModel = sync.OnceValues(func() (*ngramModel, error) { return loadModel(modelGz) })

func parseTraining(src string) ([]example, error) {
	var out []example
	for n, line := range strings.Split(src, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lvl, msg, ok := strings.Cut(line, "\t")
		want, err := parseLevel(lvl)
		if !ok || err != nil || strings.TrimSpace(msg) == "" {
			return nil, fmt.Errorf("training.tsv:%d: want \"<level>\\t<message>\", got %q", n+1, line)
		}
		out = append(out, example{level: want, texts: strings.Split(msg, " || ")})
	}
	return out, nil
}

// features are the distinct n-grams of the texts: "w:word", "b:word word" and "t:word word word"
// (within one message), and "c:gram", the character 3–6-grams of the canonical words written
// with a space around each ("_" stands for it here: "_vil_", "l_ikk", "_ikke_le"), so a gram may
// run across a word boundary. Those grams carry stems and endings ("selvmord" in
// "selvmordstanker"), a typo's neighbours and short phrases ("e_mer_" in "ikke mere") without a
// stemmer, and leave-one-writer-out measured them the best of the features tried (README.md).
func features(toks []token) []string {
	seen := make(map[string]bool, 24*len(toks))
	out := make([]string, 0, 24*len(toks))
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	var text strings.Builder
	for i, t := range toks {
		add("w:" + t.canon)
		if i > 0 && toks[i-1].msg == t.msg {
			add("b:" + toks[i-1].canon + " " + t.canon)
		}
		if i > 1 && toks[i-2].msg == t.msg {
			add("t:" + toks[i-2].canon + " " + toks[i-1].canon + " " + t.canon)
		}
		if i > 0 && toks[i-1].msg != t.msg {
			text.WriteString(" |") // a gram does not join two messages
		}
		text.WriteString(" ")
		text.WriteString(t.canon)
	}
	text.WriteString(" ")
	s := text.String()
	for n := charGramMin; n <= charGramMax; n++ {
		for j := 0; j+n <= len(s); j++ {
			add("c:" + s[j:j+n])
		}
	}
	return out
}

// The character grams' lengths.
const charGramMin, charGramMax = 3, 6

func trainModel(ex []example) *ngramModel {
	m := &ngramModel{weights: map[string]*[3]float64{}}
	type vec struct {
		level Level
		ws    []*[3]float64
		x     float64
	}
	all := make([][]string, len(ex))
	count := map[string]int{}
	for i, e := range ex {
		all[i] = features(tokenizeAll(e.texts))
		for _, f := range all[i] {
			count[f]++
		}
	}
	kept := 0
	for _, n := range count {
		if n >= featureMinCount {
			kept++
		}
	}
	// The weights lie side by side in one slice, in the order the examples first use them: the same
	// arithmetic as one allocation per weight, but the training loop reads memory in order. The
	// capacity is exact, so appending never moves a weight a pointer already holds.
	store := make([][3]float64, 0, kept)
	vs := make([]vec, len(ex))
	for i, e := range ex {
		fs := all[i]
		v := vec{level: e.level, x: 1 / math.Sqrt(float64(max(len(fs), 1)))}
		for _, f := range fs {
			if count[f] < featureMinCount {
				continue // a gram of one message says nothing of the next writer's
			}
			w := m.weights[f]
			if w == nil {
				store = append(store, [3]float64{})
				w = &store[len(store)-1]
				m.weights[f] = w
			}
			v.ws = append(v.ws, w)
		}
		vs[i] = v
	}
	order := rand.New(rand.NewPCG(1, 2)).Perm(len(vs))
	for epoch := range lrEpochs {
		step := lrStep / (1 + float64(epoch)/5)
		for _, i := range order {
			v := vs[i]
			s := m.bias
			for _, w := range v.ws {
				for c := range 3 {
					s[c] += w[c] * v.x
				}
			}
			p := softmax(s)
			for c := range 3 {
				g := p[c]
				if Level(c) == v.level {
					g--
				}
				m.bias[c] -= step * g
				for _, w := range v.ws {
					w[c] -= step * (g*v.x + lrL2*w[c])
				}
			}
		}
	}
	return m
}

func softmax(s [3]float64) [3]float64 {
	top := max(s[0], s[1], s[2])
	var p [3]float64
	var sum float64
	for c := range 3 {
		p[c] = math.Exp(s[c] - top)
		sum += p[c]
	}
	for c := range 3 {
		p[c] /= sum
	}
	return p
}

// posterior returns P(class | text) for none, distress and emergency, and the features it knew
// with their value.
func (m *ngramModel) posterior(toks []token) ([3]float64, []string, float64) {
	fs := features(toks)
	x := 1 / math.Sqrt(float64(max(len(fs), 1)))
	s := m.bias
	var known []string
	for _, f := range fs {
		w, ok := m.weight(f)
		if !ok {
			continue
		}
		known = append(known, f)
		for c := range 3 {
			s[c] += w[c] * x
		}
	}
	return softmax(s), known, x
}

// level is what the model hears at the thresholds.
func modelLevel(p [3]float64) Level {
	switch {
	case p[Emergency] >= modelEmergencyThreshold:
		return Emergency
	case p[Distress]+p[Emergency] >= modelFlagThreshold:
		return Distress
	}
	return None
}

// topNGrams are the word bigrams and words of four letters or more that pushed the model most towards lvl rather than
// none (character n-grams are left out of the explanation: they do not read), at most n.
func (m *ngramModel) topNGrams(known []string, lvl Level, n int) []string {
	type contrib struct {
		f string
		v float64
	}
	var cs []contrib
	for _, f := range known {
		if !strings.HasPrefix(f, "b:") && (!strings.HasPrefix(f, "w:") || len(f) < 2+4) {
			continue // short words ("jeg", "at") say little to a reader
		}
		w, _ := m.weight(f) // known: the model knows it
		if v := w[lvl] - w[None]; v > 0 {
			cs = append(cs, contrib{f[2:], v})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].v > cs[j].v })
	var out []string
	for _, c := range cs {
		if len(out) == n {
			break
		}
		dup := false
		for _, o := range out { // a bigram already says its words
			if strings.Contains(" "+o+" ", " "+c.f+" ") || strings.Contains(" "+c.f+" ", " "+o+" ") {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, c.f)
		}
	}
	return out
}

// addModel lets the model raise the assessment's level, with a Match that says what it heard.
func (a *Assessment) addModel(m *ngramModel, full string, toks []token, sc *scratch) {
	if m == nil || len(toks) < modelMinWords || a.Level == Emergency { // nothing above an emergency to raise to
		return
	}
	if modelLevel(m.score(toks, sc)) <= a.Level { // most texts: no need to name the n-grams
		return
	}
	p, known, _ := m.posterior(toks)
	lvl := modelLevel(p)
	grams := m.topNGrams(known, lvl, 4)
	written := map[string]string{} // the n-grams as the citizen wrote them
	for i, t := range toks {
		if _, ok := written[t.canon]; !ok {
			written[t.canon] = strings.ToLower(full[t.start:t.end])
		}
		if bi := i > 0 && toks[i-1].msg == t.msg; bi {
			k := toks[i-1].canon + " " + t.canon
			if _, ok := written[k]; !ok {
				written[k] = strings.ToLower(full[toks[i-1].start:t.end])
			}
		}
	}
	quoted := make([]string, len(grams))
	for i, g := range grams {
		quoted[i] = fmt.Sprintf("%q", written[g])
	}
	a.Matches = append(a.Matches, match{Rule: modelRule, Category: statistical, Level: lvl,
		Text: strings.Join(quoted, ", "), Context: fmt.Sprintf("%s (p=%.2f)", strings.Join(quoted, ", "), pOf(p, lvl)),
		Start: 0, End: len(full)})
	a.Level = lvl
}

func pOf(p [3]float64, lvl Level) float64 {
	if lvl == Distress {
		return p[Distress] + p[Emergency]
	}
	return p[lvl]
}

// allPresent reports whether every concept has a hit somewhere in the text.
func allPresent(concepts []string, hits map[string][]span) bool {
	for _, name := range concepts {
		if len(hits[name]) == 0 {
			return false
		}
	}
	return true
}
