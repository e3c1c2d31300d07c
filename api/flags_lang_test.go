package api_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"

	"brobygger/models"
)

// TestFlags_ReasonInTheReadersLanguage: a safety flag stores a code and facts; the review queue
// writes its reason in Danish by default and in English for Accept-Language: en, quoting the
// citizen and saying what was heard. The queue puts the emergency first.
func TestFlags_ReasonInTheReadersLanguage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Refer(lw.AccessToken, "26550001")
		e.Refer(lw.AccessToken, "26550002")
		apitest.SMS(e, "26550001", "JA")
		apitest.SMS(e, "26550001", "hvornår starter strikkeklubben?")
		apitest.SMS(e, "26550002", "Jeg tænker på at tage livet af mig")
		type queue struct {
			Items []struct{ Kind, Severity, Code, Reason string }
		}
		read := func(lang string) queue {
			req := apitest.NewJSONRequest("GET", "/v1/flags", nil, lw.AccessToken)
			if lang != "" {
				req.Header.Set("Accept-Language", lang)
			}
			res := e.Client.Do(req)
			var q queue
			res.JSON(t, &q)
			if res.Status != 200 || len(q.Items) < 2 {
				t.Fatalf("review queue: %d %s", res.Status, res.Body)
			}
			return q
		}
		da, en := read(""), read("en-GB,en;q=0.9,da;q=0.5")
		if first := da.Items[0]; first.Code != "emergency_answered" || first.Severity != "urgent" ||
			!strings.Contains(first.Reason, "Mulig nødsituation") || !strings.Contains(first.Reason, "tage livet af mig") ||
			!strings.Contains(first.Reason, "Selvmordstanker") {
			t.Errorf("first in the Danish queue: %+v", first)
		}
		if first := en.Items[0]; !strings.Contains(first.Reason, "Possible emergency") || !strings.Contains(first.Reason, "Suicidal thoughts") {
			t.Errorf("first in the English queue: %+v", first)
		}
		if second := da.Items[1]; second.Code != "free_text" || !strings.Contains(second.Reason, "venter på svar") {
			t.Errorf("second in the Danish queue: %+v", second)
		}
	})
}
