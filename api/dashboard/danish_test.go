package dashboard_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// englishUIWords are words of an English interface that have no business on a Danish page: a
// button, a label or a heading left untranslated. Capitalised ones are matched as labels begin;
// the small ones are English grammar that no Danish sentence has. Words Danish shares with
// English ("Status", "Send", "Pause", "for", "handled", "flag", "medium", "score") are left
// out: Danish pages rightly use them.
var englishUIWords = []string{"Save", "Cancel", "Search", "Submit", "Name", "Delete", "Edit", "Back", "Next", "Previous",
	"Sign in", "Sign out", "Log in", "Log out", "Password", "Reason", "Notes", "Inbox", "Review", "Caseload", "Referral",
	"Referrals", "Citizen", "Citizens", "Settings", "Language", "Phone", "Email address", "Yes", "Loading", "Error",
	"Required", "Optional", "Choose", "Select", "Acknowledge", "Acknowledged", "Paused", "Resume", "Staff", "Audit",
	"Offers", "Why", "Because", "Open", "Close", "Closed", "Received", "Accepted", "Declined", "Today", "Yesterday",
	"Never", "None", "Unknown", "Week", "Month", "Overdue", "Urgent", "High", "Low", "Answer", "Answered", "Waiting",
	"the", "and", "with", "your", "has", "was", "this", "that", "reply", "replied", "said", "wrote", "scored",
	"message", "days", "citizen", "staff"}

var englishUIPattern = func() *regexp.Regexp {
	quoted := make([]string, len(englishUIWords))
	for i, w := range englishUIWords {
		quoted[i] = regexp.QuoteMeta(w)
	}
	// Whole words only: "Name" does not match inside "Navneændring", nor "has" inside "hash".
	return regexp.MustCompile(`(?:^|[^\p{L}])(` + strings.Join(quoted, "|") + `)(?:$|[^\p{L}])`)
}()

// englishWordsIn returns the English interface words found in a Danish text.
func englishWordsIn(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, m := range englishUIPattern.FindAllStringSubmatch(line, -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// TestDashboardTexts_DanishHasNoEnglish: no Danish word of the dashboard's catalogue is an
// English interface word left untranslated (the browser's whole-day test checks the pages).
func TestDashboardTexts_DanishHasNoEnglish(t *testing.T) {
	raw, err := os.ReadFile("texts.json")
	if err != nil {
		t.Fatal(err)
	}
	var texts map[string]map[string]string
	if err := json.Unmarshal(raw, &texts); err != nil {
		t.Fatal(err)
	}
	for key, langs := range texts {
		if words := englishWordsIn(langs["da"]); len(words) > 0 {
			t.Errorf("%s: the Danish text has English words %v: %q", key, words, langs["da"])
		}
	}
	if words := englishWordsIn("Gem henvisning · Annullér · Search · Ingen borgere"); len(words) != 1 || words[0] != "Search" {
		t.Errorf("the check itself finds %v", words)
	}
}
