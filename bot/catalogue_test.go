package bot_test

import (
	"strings"
	"testing"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/sms"
)

// sample fills placeholders with long realistic values, so segment counts are worst-case-ish.
var sample = map[string]string{"first": "Margrethe", "worker": "Christoffer", "phone": "33 12 34 56",
	"activity": "Strikkeklubben i Kulturhuset", "when": "i morgen", "time": "14:00", "place": "Kulturhuset, Islands Brygge 18",
	"code": "123456", "prompt": "I de sidste 2 uger har jeg været glad og i godt humør",
	"emergency": "112", "crisis_line": "Livslinien 70 201 201", "medical_line": "Akuttelefonen 1813"}

// TestCatalogue_BothLanguagesAndSegments fails when a text lacks a language, leaves a
// placeholder unfilled, is not GSM-7, or needs more than three segments; it logs every count.
func TestCatalogue_BothLanguagesAndSegments(t *testing.T) {
	c, err := bot.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range c.Keys() {
		for _, lang := range models.Langs() {
			raw := c.Raw(key, lang)
			if strings.TrimSpace(raw) == "" {
				t.Errorf("%s/%s is empty", key, lang)
			}
			text := c.Text(key, lang, sample)
			if strings.ContainsAny(text, "{}") {
				t.Errorf("%s/%s has an unknown placeholder: %q", key, lang, text)
			}
			seg := sms.CountSegments(text)
			t.Logf("%-20s %s %3d units %s %d segment(s)", key, lang, seg.Units, seg.Encoding, seg.Count)
			if seg.Encoding != sms.GSM7 {
				t.Errorf("%s/%s is not GSM-7 (one character makes every segment 70 long): %q", key, lang, text)
			}
			if seg.Count > 3 {
				t.Errorf("%s/%s needs %d segments", key, lang, seg.Count)
			}
		}
	}
}

func TestKeywords_FoldAndClassify(t *testing.T) {
	k, err := bot.LoadKeywords()
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bot.Keyword{
		"STOP": bot.KeywordOptOut, " stop ": bot.KeywordOptOut, "Stop!": bot.KeywordOptOut, "afmeld": bot.KeywordOptOut,
		"STOPALL": bot.KeywordOptOut, "unsubscribe": bot.KeywordOptOut, "Quit.": bot.KeywordOptOut,
		"start": bot.KeywordOptIn, "UNSTOP": bot.KeywordOptIn,
		"hjælp": bot.KeywordHelp, "HJÆLP": bot.KeywordHelp, "hjaelp": bot.KeywordHelp, "Info": bot.KeywordHelp,
		"ja": bot.KeywordYes, "Ja tak!": bot.KeywordYes, "yes": bot.KeywordYes,
		"nej": bot.KeywordNo, "nej  tak": bot.KeywordNo, "No thanks": bot.KeywordNo,
		"stop tak": bot.KeywordNone, "please stop it": bot.KeywordNone, "": bot.KeywordNone, "jamen": bot.KeywordNone,
	}
	for in, want := range cases {
		if got := k.Classify(in); got != want {
			t.Errorf("Classify(%q) = %v, want %v", in, got, want)
		}
	}
	// YES is on Twilio's opt-in list; JA answers a contact question and must not undo STOP.
	if !k.OptsInWhenOptedOut("yes") || k.OptsInWhenOptedOut("JA") || k.OptsInWhenOptedOut("ok") {
		t.Error("only YES (besides START, UNSTOP, TILMELD) opts an opted-out citizen back in")
	}
}
