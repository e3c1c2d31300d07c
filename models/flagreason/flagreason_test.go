package flagreason_test

import (
	"strings"
	"testing"

	"brobygger/models/flagreason"
)

// TestRender_EveryCodeInBothLanguages: each code has its own Danish and English text with every
// fact it names filled in, and the two differ (an untranslated English copy would not).
func TestRender_EveryCodeInBothLanguages(t *testing.T) {
	codes := flagreason.Codes()
	if len(codes) < 5 {
		t.Fatalf("only %d reason codes", len(codes))
	}
	facts := flagreason.Facts{}
	for _, name := range []string{"excerpt", "phone", "count", "code", "source", "date", "staff", "attempts",
		"level", "matched", "score", "instrument", "band", "latest"} {
		facts[name] = "<" + name + ">"
	}
	for _, code := range codes {
		if strings.HasPrefix(code, "_") {
			continue
		}
		da, okDA := flagreason.Render(code, facts, "da")
		en, okEN := flagreason.Render(code, facts, "en")
		if !okDA || !okEN || da == "" || en == "" || da == en {
			t.Errorf("%s: da %q, en %q", code, da, en)
		}
	}
	if _, ok := flagreason.Render("no_such_code", facts, "da"); ok {
		t.Error("an unknown code renders")
	}
}
