package distress

import (
	"strings"
	"testing"
)

func load(t *testing.T) *Detector {
	t.Helper()
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestAssess_Issue14 holds the cases issue 14 quotes: each must be heard at its level.
func TestAssess_Issue14(t *testing.T) {
	d := load(t)
	for _, c := range []struct {
		text string
		want Level
	}{
		{"Jeg tænker på at tage livet af mig", Emergency},
		{"Jeg kan ikke mere … bedre for alle hvis jeg ikke var her længere", Emergency},
		{"jeg har samlet piller", Emergency},
		{"jeg har købt et reb", Emergency},
		{"jeg har taget alle mine piller", Emergency},
		{"farvel til jer alle", Emergency},
		{"tak for alt, I skal ikke lede efter mig", Emergency},
		{"jeg er faldet og kan ikke komme op", Emergency},
		{"han slår mig", Emergency},
		{"jeg er bange for min søn", Emergency},
		{"ingen ville savne mig", Emergency},
		{"jeg er bare til besvær", Distress},
		{"orker ikke mere", Distress},
		{"kan ikke mere", Distress},
		{"jeg er så ensom", Distress},
		{"this is killing me", Distress},
		{"jeg døde af grin", None},
		{"dræbende kedeligt", None},
		{"jeg er dødtræt", None},
		{"jeg er ved at dø af sult", None},
		{"ved at dø af kedsomhed", None},
		{"det er dødsens alvorligt", None},
		{"jeg kunne dø af skam", None},
		{"til døden skiller os ad", None},
		{"vi rydder dødsboet", None},
		{"min mand døde i marts", None},
		{"skal jeg tage mine piller før maden", None},
		{"I could kill for a coffee", None},
		{"dead tired", None},
		{"I'm dying to see you", None},
	} {
		if got := d.Assess(c.text); got.Level != c.want {
			t.Errorf("Assess(%q) = %s (%s), want %s", c.text, got.Level, got.Explain("en"), c.want)
		}
	}
}

// TestAssess_SpellingVariants: one meaning, written the ways SMS writers write it.
func TestAssess_SpellingVariants(t *testing.T) {
	d := load(t)
	for _, text := range []string{
		"jeg vil ikke leve længere",
		"JEG VIL IKKE LEVE LÆNGERE",
		"jeg vil ikke leve laengere",
		"jeg vil ikke leve lengere",
		"jeg vil ikke leve lngere",
		"jeg vil ikke leve langere",
		"jeg vil ikkke leeeve længere",
		"jeg vil ik leve længere",
		"jeg vil ikke\u200b leve læn\u200bgere",
		"ｊｅｇ ｖｉｌ ｉｋｋｅ ｌｅｖｅ ｌæｎｇｅｒｅ",
		"jeg vil ikke leve længere 😢😢",
		"jeg vil ikke leve længere!!!",
		"jeg vil ikke || leve længere",
	} {
		if got := d.AssessAll(strings.Split(text, " || ")); got.Level != Emergency {
			t.Errorf("%q = %s, want emergency", text, got.Level)
		}
	}
	for _, text := range []string{"jeg vil dø", "jeg vil doe", "jeg vil dö", "JEG VIL DØØØ", "jeg vil do"} {
		if got := d.Assess(text); got.Level != Emergency {
			t.Errorf("%q = %s, want emergency", text, got.Level)
		}
	}
}

// TestAssess_Negation: a denied emergency is still heard, as distress; a denied distress word is
// nothing ("jeg er ikke ensom"); a negation that is the meaning ("vil ikke leve") stays emergency.
func TestAssess_Negation(t *testing.T) {
	d := load(t)
	for _, c := range []struct {
		text    string
		want    Level
		negated bool
	}{
		{"jeg har ikke tænkt på at dø", Distress, true},
		{"jeg har aldrig haft selvmordstanker", Distress, true},
		{"i dont want to die", Distress, true},
		{"jeg vil ikke leve", Emergency, false},
		{"I don't want to live", Emergency, false},
		{"jeg er ikke ensom", None, false},
		{"jeg kan ikke mere || jeg vil bare dø", Emergency, false},
	} {
		got := d.AssessAll(strings.Split(c.text, " || "))
		if got.Level != c.want {
			t.Errorf("%q = %s (%s), want %s", c.text, got.Level, got.Explain("en"), c.want)
			continue
		}
		if c.negated && (len(got.Matches) == 0 || !got.Matches[0].Negated) {
			t.Errorf("%q: top match not marked negated: %+v", c.text, got.Matches)
		}
	}
}

// TestAssessAll_SplitMessages: a sentence split over several SMS is heard as one, and the match
// says where it is in the joined text.
func TestAssessAll_SplitMessages(t *testing.T) {
	d := load(t)
	texts := []string{"jeg kan ikke", "mere", "bedre for alle hvis jeg", "ikke var her længere"}
	a := d.AssessAll(texts)
	if a.Level != Emergency {
		t.Fatalf("level %s, want emergency", a.Level)
	}
	joined := strings.Join(texts, "\n")
	for _, m := range a.Matches {
		if got := strings.ReplaceAll(joined[m.Start:m.End], "\n", " / "); got != m.Text {
			t.Errorf("match %s: offsets give %q, Text is %q", m.Rule, got, m.Text)
		}
	}
	if !strings.Contains(a.Explain("da"), "hvis jeg / ikke var her længere") {
		t.Errorf("explanation does not show the words across messages: %s", a.Explain("da"))
	}
	if d.Assess("mere").Flagged() || d.Assess("jeg kan ikke").Flagged() {
		t.Error("the pieces alone must not be flagged")
	}
}

// TestExplain renders what matched in the reader's language, with the words around it.
func TestExplain(t *testing.T) {
	d := load(t)
	a := d.Assess("Hej. Jeg tænker på at tage livet af mig. Undskyld.")
	if got, want := a.Explain("da"), `Selvmordstanker: "tænker på at tage livet af mig"`; !strings.HasPrefix(got, want) {
		t.Errorf("Explain(da) = %s, want prefix %s", got, want)
	}
	if got := a.Explain("en"); !strings.HasPrefix(got, `Suicidal thoughts: "`) {
		t.Errorf("Explain(en) = %s", got)
	}
	if a.Matches[0].Category != suicidalIdeation || a.Matches[0].Level != Emergency || a.Matches[0].Rule == "" {
		t.Errorf("match = %+v", a.Matches[0])
	}
	if got := d.Assess("godt vejr i dag").Explain("da"); got != "" {
		t.Errorf("nothing heard, yet Explain = %q", got)
	}
}

// TestLoad_EveryCategoryHasLabels and every rule's category is one of the documented codes.
func TestLoad_Categories(t *testing.T) {
	d := load(t)
	known := map[category]bool{suicidalIdeation: true, suicidePlan: true, suicideAttempt: true, farewell: true, selfHarm: true,
		medicalEmergency: true, violence: true, hopelessness: true, burden: true, exhaustion: true, loneliness: true,
		despair: true, anxiety: true, helpRequest: true}
	for _, c := range d.categories() {
		if !known[c] {
			t.Errorf("category %q has no Go constant", c)
		}
		for _, lang := range []string{"da", "en"} {
			if d.label(c, lang) == string(c) {
				t.Errorf("category %q has no %s label", c, lang)
			}
		}
	}
}

func TestParsePattern_Errors(t *testing.T) {
	for _, src := range []string{"… ord", "ord …", "@nosuch", "ord? …", "ord? andet", "ord …x andet"} {
		if _, err := parsePattern(src, map[string]string{}, map[string]bool{}); err == nil {
			t.Errorf("parsePattern(%q) accepted", src)
		}
	}
}

func TestEditDistance1(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"lengere", "lngere", true}, {"lengere", "lenegre", true}, {"lengere", "langere", true},
		{"lengere", "lengeree", true}, {"lengere", "lngre", false}, {"selvmord", "selvmord", true}, {"abc", "cab", false},
	} {
		if got := editDistance1(c.a, c.b); got != c.want {
			t.Errorf("editDistance1(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func BenchmarkAssess(b *testing.B) {
	d, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	text := "hej det er Inge, jeg har været til lægen i dag og det gik fint, men jeg er lidt træt og kan ikke komme på torsdag, vi ses næste uge"
	rulesOnly := *d
	rulesOnly.model = nil
	b.Run("rules+model", func(b *testing.B) {
		for b.Loop() {
			d.Assess(text)
		}
	})
	b.Run("rules_only", func(b *testing.B) { // as before the statistical layer
		for b.Loop() {
			rulesOnly.Assess(text)
		}
	})
}

// BenchmarkAssessAll reads a new SMS together with a citizen's three earlier ones, as bot's hear
// does for free text (joined with the earlier messages, then those alone when it matters).
func BenchmarkAssessAll(b *testing.B) {
	d, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	texts := []string{"Tak for i dag, det var dejligt at komme ud", "Hvornår er næste gang?",
		"jeg kan ikke komme på torsdag fordi min datter har fødselsdag", "men vi ses i næste uge, hilsen Inge"}
	for b.Loop() {
		d.AssessAll(texts)
	}
}

// BenchmarkAssessShort reads the short SMS of the inbound benchmark (bench/inbound.go), one
// assessment each: there a message's fixed cost counts more than its words.
func BenchmarkAssessShort(b *testing.B) {
	d, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	bodies := []string{"hjælp", "4", "Tak for i dag, det var dejligt at komme ud", "ja", "Hvornår er næste gang?"}
	for b.Loop() {
		for _, text := range bodies {
			d.Assess(text)
		}
	}
}

// BenchmarkLoad measures the detector's share of start-up: compiling the rules and reading the
// shipped weights and vocabulary, which every process does once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTrain measures training the statistical layer from data/training.tsv, which only
// UPDATE_DISTRESS_MODEL=1 does (processes read the shipped weights).
func BenchmarkTrain(b *testing.B) {
	ex, err := parseTraining(trainingTSV)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		trainModel(ex)
	}
}
