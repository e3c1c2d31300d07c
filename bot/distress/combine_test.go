package distress

import (
	"strings"
	"testing"
)

// TestCombos: meanings no single phrase rule carries are heard when their parts meet within a
// window; guards, questions and negation keep everyday messages quiet.
func TestCombos(t *testing.T) {
	d := load(t)
	for _, c := range []struct {
		text string
		want Level
		rule string // the combo that must have matched ("" for none)
	}{
		{"jeg længes efter at sove ind", Emergency, "mix.wish_end"},
		{"så forsvinder jeg for altid", Emergency, "mix.end_final"},
		{"i have counted out all my tablets", Emergency, "mix.pills_ready_many"},
		{"har slugt hele bøtten med pamol", Emergency, "mix.pills_taken_many"},
		{"rebet hænger fra bjælken i kælderen", Emergency, "mix.rope_place"},
		{"han vred min arm om og truede mig", Emergency, "mix.person_harm"},
		{"venstre hånd er helt følelsesløs", Emergency, "mix.limb"},
		{"jeg føler mig glemt og overset af alle", Distress, "mix.feel_ghost"},
		{"jeg vil ikke forsvinde for altid", Distress, "mix.end_final"},  // negation lowers one level
		{"må jeg tage to panodil med et glas rødvin?", None, ""},         // a question: pills and wine, yet asked
		{"hvor mange af de hvide tabletter må jeg tage i dag", None, ""}, // pill routine guard
		{"rebet til tørresnoren er gået i stykker", None, ""},
		{"jeg vil gerne forsvinde ind i en god bog", None, ""},
		{"vi skal på kirkegården og være hos mor igen", None, ""},
		{"jeg har tænkt mig at sove længe nu i ferien", None, ""},                      // domestic guard
		{"mit barnebarn vred sig ud af min arm og løb", None, ""},                      // no harm to me
		{"barnebarnet slog mig i kalaha og skubbede mig til at spille igen", None, ""}, // game guard
	} {
		a := d.Assess(c.text)
		if a.Level != c.want {
			t.Errorf("Assess(%q) = %s (%s), want %s", c.text, a.Level, a.Explain("en"), c.want)
			continue
		}
		if c.rule != "" && !hasRule(a, c.rule) {
			t.Errorf("Assess(%q): %s not among %s", c.text, c.rule, a.Explain("en"))
		}
	}
}

func hasRule(a Assessment, id string) bool {
	for _, m := range a.Matches {
		if m.Rule == id {
			return true
		}
	}
	return false
}

// TestCombos_AcrossMessages: a combo's parts may sit in consecutive SMS, and the explanation shows
// the words across them.
func TestCombos_AcrossMessages(t *testing.T) {
	d := load(t)
	a := d.AssessAll([]string{"har talt pillerne", "det er nok nu"})
	if a.Level != Emergency || !strings.Contains(a.Explain("da"), "pillerne / det er nok") {
		t.Errorf("got %s %q", a.Level, a.Explain("da"))
	}
}

func TestPattern_Suffix(t *testing.T) {
	p, err := parsePattern("*piller", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]bool{"hjertepiller": true, "nervepillerne": false, "piller": true, "pilot": false} {
		if _, got := p.matchAt(tokenize(text), 0); got != want {
			t.Errorf("*piller on %q = %v", text, got)
		}
	}
}

func TestCompileCombos_Errors(t *testing.T) {
	d := load(t)
	for _, c := range []comboData{
		{ID: "x", Category: "despair", Level: "distress", All: []string{"NO_SUCH"}, Window: 5},
		{ID: "x", Category: "despair", Level: "none", All: []string{"ALONE"}, Window: 5},
		{ID: "x", Category: "nope", Level: "distress", All: []string{"ALONE"}, Window: 5},
		{ID: "x", Category: "despair", Level: "distress", All: []string{"ALONE"}},
		{ID: "x", Category: "despair", Level: "distress", All: []string{"ALONE"}, Window: 5, Unless: []string{"NO_SUCH"}},
	} {
		if err := d.compileCombos(dataFile{Combos: []comboData{c}}); err == nil {
			t.Errorf("compileCombos(%+v) accepted", c)
		}
	}
}

// "a|b c" silently means "(a or b) then c": a list followed directly by a word is refused at load
// unless its words are forms of one word or it is written in brackets.
func TestPatternAlternationTrap(t *testing.T) {
	macros := map[string]string{"mig": "mig|mg"}
	for _, src := range []string{"my time has come|is up", "see|make it to", "fade|slip away", "@mig|me laughing", "bedst … sådan|så|that way"} {
		if _, err := parsePattern(src, macros, nil); err == nil {
			t.Errorf("%q: want the multi-word alternative refused", src)
		}
	}
	for _, src := range []string{"sove|sover ind", "[slutter|stopper] her", "for altid|evigt", "ud … vandet|havet", "very [dark|black]? thoughts", "ende|ender det"} {
		if _, err := parsePattern(src, macros, nil); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
	p, err := parsePattern("[dark|black] thoughts", macros, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.matchAt(tokenize("black thoughts"), 0); !ok {
		t.Error("[dark|black] thoughts does not match black thoughts")
	}
}
