package distress

import (
	"strings"
	"testing"
	"unicode"
)

// TestASCIIFold_SameAsFoldRune: tokenize's shortcut for ASCII gives what foldRune gives.
func TestASCIIFold_SameAsFoldRune(t *testing.T) {
	for c := range 128 {
		want := foldRune(rune(c))
		got := ""
		if f := asciiFold(byte(c)); f != 0 {
			got = string(rune(f))
		}
		if got != want {
			t.Errorf("%q: asciiFold %q, foldRune %q", rune(c), got, want)
		}
	}
}

// TestCollapseRepeats_ShortcutChangesNothing: a word collapseRepeats returns untouched (no
// repeat found) is the word the rune-by-rune collapse gives, for every training word and for
// letters outside ASCII.
func TestCollapseRepeats_ShortcutChangesNothing(t *testing.T) {
	collapse := func(w string) string { // collapseRepeats without its shortcut
		var b strings.Builder
		var prev rune = -1
		for _, r := range w {
			if r != prev || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
			prev = r
		}
		return b.String()
	}
	words := strings.Fields("жж ßß ёё ٣٣ 11 aa ab neeej ikke 2000 selvmord")
	for _, line := range strings.Split(trainingTSV, "\n") {
		for _, tok := range tokenize(line) {
			words = append(words, tok.canon)
		}
		var cur strings.Builder
		for _, r := range line { // the folded words before canonical
			if f := foldRune(r); f != "" {
				cur.WriteString(f)
			} else {
				words = append(words, cur.String())
				cur.Reset()
			}
		}
	}
	for _, w := range words {
		if got, want := collapseRepeats(w), collapse(w); got != want {
			t.Errorf("collapseRepeats(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestNormalize_KeepsApartAcrossLanguages: an everyday word of one language never folds into a
// word of the other that an alarm is written with.
func TestNormalize_KeepsApartAcrossLanguages(t *testing.T) {
	for _, pair := range [][2]string{{"feel", "fell"}, {"hope", "hoppe"}, {"been", "ben"}, {"door", "dør"},
		{"need", "ned"}, {"tree", "tre"}, {"træ", "tre"}, {"bill", "bil"}, {"deer", "der"}, {"ladder", "lader"}, {"noose", "nose"}, {"åen", "en"}, {"aen", "en"}, {"øm", "om"}, {"ænder", "ender"}, {"tåget", "taget"}} {
		if a, b := canonWord(pair[0]), canonWord(pair[1]); a == b {
			t.Errorf("%q and %q both read as %q", pair[0], pair[1], a)
		}
	}
	d := load(t)
	// Read alone, these raised an emergency until the words were kept apart.
	for _, text := range []string{"I feel stuck at home and cold",
		"hope to see you at the bridge club", "jeg er vred på min bror", "jeg ligger på gulvet og leger med barnebarnet"} {
		if got := d.Assess(text).Level; got == Emergency {
			t.Errorf("%q = %s (%s)", text, got, d.Assess(text).Explain("en"))
		}
	}
	// The other spellings of a word kept apart still read as it; an alarm word spelt without æ/å
	// is still heard.
	for _, text := range []string{"jeg ligger på gulvet og kan ikke rejse mig, ring til en læge",
		"jeg vil legge mig på skinnerne", "jeg går ud i aen og bliver der"} {
		if got := d.Assess(text).Level; got != Emergency {
			t.Errorf("%q = %s, want emergency", text, got)
		}
	}
}
