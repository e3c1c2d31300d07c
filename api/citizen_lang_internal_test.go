package api

import (
	"net/http"
	"testing"

	"brobygger/models"
)

// Every citizen text has both languages, and every error code the API can answer has a Danish
// sentence, so no citizen error falls through to English.
func TestCitizenCatalogue_Complete(t *testing.T) {
	cat, err := loadCitizenCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	for key, byLang := range cat.Texts {
		if byLang[models.LangDA] == "" || byLang[models.LangEN] == "" {
			t.Errorf("text %q lacks da or en: %v", key, byLang)
		}
	}
	codes := []string{string(models.EINTERNAL)}
	for code := range statusOf {
		codes = append(codes, string(code))
	}
	for _, d := range fiberCodes {
		codes = append(codes, d.Code)
	}
	for _, code := range codes {
		if cat.ErrorsByCode[code] == "" {
			t.Errorf("no Danish sentence for error code %s", code)
		}
	}
	_, internal := classify(http.ErrAbortHandler)
	if got := cat.localise(internal, models.LangDA).Message; got != cat.ErrorsByCode["EINTERNAL"] {
		t.Errorf("a 500 for a Danish citizen says %q", got)
	}
}

func TestAcceptLanguage(t *testing.T) {
	for header, want := range map[string]models.Lang{"": models.LangDA, "en": models.LangEN, "en-US,en;q=0.9": models.LangEN,
		"da;q=0.4, en;q=0.8": models.LangEN, "en;q=0.5,da": models.LangDA, "sv-SE,de": models.LangDA, "EN-gb": models.LangEN} {
		if got := acceptLanguage(header); got != want {
			t.Errorf("acceptLanguage(%q) = %s, want %s", header, got, want)
		}
	}
}
