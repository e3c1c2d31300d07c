package dashboard

import (
	"encoding/json"
	"strings"
	"testing"

	"brobygger/models"
)

// TestDashboardTexts_EveryKeyInBothLanguages: every word of the dashboard exists in Danish and
// English, and no key is written twice (encoding/json would silently keep the last one).
func TestDashboardTexts_EveryKeyInBothLanguages(t *testing.T) {
	texts, err := LoadTexts()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range texts.keys() {
		for lang, s := range texts.words[key] {
			if !lang.Valid() {
				t.Errorf("%s: unknown language %q", key, lang)
			}
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: blank in %s", key, lang)
			}
		}
		for _, lang := range models.Langs() {
			if _, ok := texts.Lookup(key, lang); !ok {
				t.Errorf("%s: missing in %s", key, lang)
			}
		}
	}
	raw, _ := Files.ReadFile("texts.json")
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	seen := map[string]bool{}
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch v := tok.(type) {
		case json.Delim:
			if v == '{' {
				depth++
			} else if v == '}' {
				depth--
			}
		case string:
			if depth == 1 && dec.More() {
				if seen[v] {
					t.Errorf("key %q is written twice", v)
				}
				seen[v] = true
				var skip json.RawMessage
				_ = dec.Decode(&skip)
			}
		}
	}
	if len(seen) != len(texts.words) {
		t.Errorf("scanned %d keys, loaded %d", len(seen), len(texts.words))
	}
}
