package instrument

import (
	"testing"
)

func TestInstrumentParseAnswer(t *testing.T) {
	tests := []struct {
		key   string
		text  string
		lang  Lang
		want  int
		valid bool
	}{
		{"who5", "3", LangDA, 3, true},
		{"who5", " 3 ", LangDA, 3, true},
		{"who5", "3.", LangDA, 3, true},
		{"who5", "3!", LangEN, 3, true},
		{"who5", "3 .", LangEN, 3, true},
		{"who5", "3\n", LangEN, 3, true},
		{"who5", "0", LangDA, 0, true},
		{"who5", "03", LangDA, 3, true},
		{"who5", "5", LangDA, 5, true},
		{"who5", "tre", LangDA, 3, true},
		{"who5", "Tre!", LangDA, 3, true},
		{"who5", "NUL", LangDA, 0, true},
		{"who5", "three", LangEN, 3, true},
		{"who5", "Three.", LangEN, 3, true},
		{"who5", "one", LangEN, 1, true},
		// Words count only in the citizen's language.
		{"who5", "three", LangDA, 0, false},
		{"who5", "tre", LangEN, 0, false},
		// Danish "en" is also the article "a", so it is not a number word.
		{"who5", "en", LangDA, 0, false},
		{"who5", "6", LangDA, 0, false},
		{"who5", "-1", LangDA, 0, false},
		{"who5", "+3", LangDA, 0, false},
		{"who5", "3 4", LangDA, 0, false},
		{"who5", "34", LangDA, 0, false},
		{"who5", "3,4", LangDA, 0, false},
		{"who5", "", LangDA, 0, false},
		{"who5", "  ", LangDA, 0, false},
		{"who5", "?", LangDA, 0, false},
		{"who5", "abc", LangDA, 0, false},
		{"who5", "3a", LangDA, 0, false},
		{"who5", "tre fire", LangDA, 0, false},
		{"ucla3", "0", LangDA, 0, false},
		{"ucla3", "1", LangEN, 1, true},
		{"ucla3", "ofte", LangDA, 0, false},
		{"ons4", "10", LangDA, 10, true},
		{"ons4", "10!", LangEN, 10, true},
		{"ons4", "ti", LangDA, 10, true},
		{"ons4", "ten", LangEN, 10, true},
		{"ons4", "11", LangDA, 0, false},
		{"ons4", "1 0", LangDA, 0, false},
		{"participation", "5", LangDA, 5, true},
		{"pulse", "fem", LangDA, 5, true},
		{"pulse", "0", LangDA, 0, false},
	}
	for _, tc := range tests {
		got, ok := shipped(t, tc.key).ParseAnswer(tc.text, tc.lang)
		if ok != tc.valid || got != tc.want {
			t.Errorf("%s ParseAnswer(%q, %s) = %d, %v; want %d, %v", tc.key, tc.text, tc.lang, got, ok, tc.want, tc.valid)
		}
	}
}
