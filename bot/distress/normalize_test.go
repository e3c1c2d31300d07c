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
