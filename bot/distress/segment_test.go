package distress

import (
	"strings"
	"testing"
)

// TestSegment_RunTogetherWordsAreRead: a message typed without spaces is read as its words, and a
// long word of its own (a compound, a name) is never taken apart.
func TestSegment_RunTogetherWordsAreRead(t *testing.T) {
	d, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"iwanttodie", "JEGVILIKKELEVEMERE", "jegvilikkeleve mere", "i want to die. iwanttodie"} {
		if a := d.Assess(text); a.Level != Emergency {
			t.Errorf("%q heard as %s", text, a.Level)
		}
	}
	for _, w := range []string{"afleverer", "strikkeklubben", "sygeplejersken", "genbrugspladsen", "Nørreport"} {
		_, toks := d.tokens([]string{w})
		if len(toks) != 1 {
			var got []string
			for _, tk := range toks {
				got = append(got, tk.canon)
			}
			t.Errorf("%q taken apart into %s", w, strings.Join(got, " "))
		}
	}
	full, toks := d.tokens([]string{"hjælpmigjegkanikkekommeop"})
	if len(toks) < 5 {
		t.Fatalf("not split: %d words", len(toks))
	}
	a := d.Assess(full)
	if len(a.Matches) == 0 || a.Matches[0].Text != "hjælpmigjegkanikkekommeop" {
		t.Errorf("the match should show the word as written, got %+v", a.Matches)
	}
}
