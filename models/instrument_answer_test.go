package models_test

import (
	"testing"

	"brobygger/models"
)

func TestInstrumentParseAnswer(t *testing.T) {
	tests := []struct {
		key   string
		text  string
		lang  models.Lang
		want  int
		valid bool
	}{
		{"who5", "3", models.LangDA, 3, true},
		{"who5", " 3 ", models.LangDA, 3, true},
		{"who5", "3.", models.LangDA, 3, true},
		{"who5", "3!", models.LangEN, 3, true},
		{"who5", "3 .", models.LangEN, 3, true},
		{"who5", "3\n", models.LangEN, 3, true},
		{"who5", "0", models.LangDA, 0, true},
		{"who5", "03", models.LangDA, 3, true},
		{"who5", "5", models.LangDA, 5, true},
		{"who5", "tre", models.LangDA, 3, true},
		{"who5", "Tre!", models.LangDA, 3, true},
		{"who5", "NUL", models.LangDA, 0, true},
		{"who5", "three", models.LangEN, 3, true},
		{"who5", "Three.", models.LangEN, 3, true},
		{"who5", "one", models.LangEN, 1, true},
		// Words count only in the citizen's language.
		{"who5", "three", models.LangDA, 0, false},
		{"who5", "tre", models.LangEN, 0, false},
		// Danish "en" is also the article "a", so it is not a number word.
		{"who5", "en", models.LangDA, 0, false},
		{"who5", "6", models.LangDA, 0, false},
		{"who5", "-1", models.LangDA, 0, false},
		{"who5", "+3", models.LangDA, 0, false},
		{"who5", "3 4", models.LangDA, 0, false},
		{"who5", "34", models.LangDA, 0, false},
		{"who5", "3,4", models.LangDA, 0, false},
		{"who5", "", models.LangDA, 0, false},
		{"who5", "  ", models.LangDA, 0, false},
		{"who5", "?", models.LangDA, 0, false},
		{"who5", "abc", models.LangDA, 0, false},
		{"who5", "3a", models.LangDA, 0, false},
		{"who5", "tre fire", models.LangDA, 0, false},
		{"ucla3", "0", models.LangDA, 0, false},
		{"ucla3", "1", models.LangEN, 1, true},
		{"ucla3", "ofte", models.LangDA, 0, false},
		{"ons4", "10", models.LangDA, 10, true},
		{"ons4", "10!", models.LangEN, 10, true},
		{"ons4", "ti", models.LangDA, 10, true},
		{"ons4", "ten", models.LangEN, 10, true},
		{"ons4", "11", models.LangDA, 0, false},
		{"ons4", "1 0", models.LangDA, 0, false},
		{"participation", "5", models.LangDA, 5, true},
		{"pulse", "fem", models.LangDA, 5, true},
		{"pulse", "0", models.LangDA, 0, false},
	}
	for _, tc := range tests {
		got, ok := shipped(t, tc.key).ParseAnswer(tc.text, tc.lang)
		if ok != tc.valid || got != tc.want {
			t.Errorf("%s ParseAnswer(%q, %s) = %d, %v; want %d, %v", tc.key, tc.text, tc.lang, got, ok, tc.want, tc.valid)
		}
	}
}
