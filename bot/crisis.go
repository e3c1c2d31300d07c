package bot

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// CrisisDetector recognises wording that signals a risk to life.
type CrisisDetector struct {
	phrases []string
}

// LoadCrisisDetector reads the embedded phrase list.
func LoadCrisisDetector() (*CrisisDetector, error) {
	raw, err := dataFiles.ReadFile("data/crisis.json")
	if err != nil {
		return nil, fmt.Errorf("load crisis phrases: %w", err)
	}
	var file struct{ Phrases []string }
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("load crisis phrases: %w", err)
	}
	d := &CrisisDetector{}
	for _, p := range file.Phrases {
		d.phrases = append(d.phrases, " "+normalizeForMatch(p)+" ")
	}
	return d, nil
}

// Matches reports whether text contains a crisis phrase as whole words.
func (d *CrisisDetector) Matches(text string) bool {
	norm := " " + normalizeForMatch(text) + " "
	for _, p := range d.phrases {
		if strings.Contains(norm, p) {
			return true
		}
	}
	return false
}

// normalizeForMatch lower-cases, folds æ/ø/å, drops apostrophes (so "don't" = "dont") and turns
// other punctuation into spaces, collapsing runs of space.
func normalizeForMatch(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa", "'", "", "’", "").Replace(s)
	var b strings.Builder
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}
