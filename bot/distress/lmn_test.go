package distress

import "testing"

// TestNormalize_KeepsWorseApart: "værre" (worse) and "være" (to be) are two words in every
// spelling, so "det bliver ikke værre her" is not "ikke være her".
func TestNormalize_KeepsWorseApart(t *testing.T) {
	for _, w := range []string{"værre", "vaerre", "VÆRRE", "verre"} {
		if got := tokenize(w)[0].canon; got != "verre" {
			t.Errorf("canonical(%q) = %q, want verre", w, got)
		}
	}
	for _, w := range []string{"være", "vaere", "vere", "vare"} {
		if got := tokenize(w)[0].canon; got == "verre" {
			t.Errorf("canonical(%q) = %q: 'være' must not fold to 'værre'", w, got)
		}
	}
}

// TestAssess_SMSForms: shorthand, a dropped subject where a sentence or a check-in answer opens,
// and the look-alikes that must stay quiet.
func TestAssess_SMSForms(t *testing.T) {
	d := load(t)
	for _, c := range []struct {
		texts []string
		want  Level
	}{
		{[]string{"i wnt to die"}, Emergency},
		{[]string{"u r all better off w/o me"}, Emergency},
		{[]string{"0. giver op"}, Distress},
		{[]string{"1", "ensom"}, Distress},
		{[]string{"han giver op"}, None},
		{[]string{"batteriet er dødt"}, None},
		{[]string{"min hund døde i går, jeg er ked af det"}, None},
		{[]string{"dying 2 see u on thursday"}, None},
		{[]string{"i cut my finger chopping onions, it's fine"}, None},
		{[]string{"standing on the bridge taking pics of the sunset"}, None},
	} {
		if got := d.AssessAll(c.texts).Level; got != c.want {
			t.Errorf("AssessAll(%q) = %s, want %s", c.texts, got, c.want)
		}
	}
}
