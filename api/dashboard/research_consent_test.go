package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

// TestDashboard_WithdrawResearchConsent: the link worker records a withdrawal the citizen told
// them. Without the ticked confirmation nothing is written and the page says why in Danish;
// with it the page shows the withdrawal, and another worker gets 404.
func TestDashboard_WithdrawResearchConsent(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anna Jensen", "phone": "26530001",
			"consent_contact": true, "consent_data": true, "consent_research": true}, at.AccessToken))
		var ref struct {
			CitizenID string `json:"citizen_id"`
		}
		res.JSON(t, &ref)
		a, b := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")
		page, body := citizenPage(t, a, ref.CitizenID, "")
		if !strings.Contains(body, `id="research-withdraw"`) || !strings.Contains(body, "Borgeren sagde ja til forskning") {
			t.Fatalf("the page offers no withdrawal: %s", body)
		}
		path := "/dashboard/citizens/" + ref.CitizenID + "/research-consent/withdraw"
		unsure := a.Post(path, url.Values{"csrf": {a.CSRF(page)}}, true)
		if unsure.Status != 400 || !strings.Contains(string(unsure.Body), "Sæt flueben for at bekræfte") {
			t.Fatalf("without the tick: %d %s", unsure.Status, unsure.Body)
		}
		if _, err := e.Store.ResearchWithdrawalOf(context.Background(), ref.CitizenID); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("an unconfirmed withdrawal was written: %v", err)
		}
		if other := b.Post(path, url.Values{"csrf": {b.CSRF(b.Get("/dashboard/caseload"))}, "confirm": {"true"}}, true); other.Status != 404 {
			t.Errorf("another worker withdrew: %d", other.Status)
		}
		wantRedirect(t, a.Post(path, url.Values{"csrf": {a.CSRF(page)}, "confirm": {"true"}}, true),
			"/dashboard/citizens/"+ref.CitizenID+"?done=research_withdrawn#research")
		w, err := e.Store.ResearchWithdrawalOf(context.Background(), ref.CitizenID)
		if err != nil || w.Source != models.WithdrawnByLinkWorker {
			t.Fatalf("withdrawal %+v %v", w, err)
		}
		_, body = citizenPage(t, a, ref.CitizenID, "?done=research_withdrawn")
		if !strings.Contains(body, "Borgeren trak samtykket tilbage") || strings.Contains(body, `id="research-withdraw"`) {
			t.Errorf("after withdrawing the page shows: %s", body)
		}
	})
}

// TestDashboard_ReferralFormEvaluationFields: the form takes the optional evaluation facts under
// the JSON body's names; a wrong one is named beside its field with what was typed kept, and
// nothing is saved.
func TestDashboard_ReferralFormEvaluationFields(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("a@example.dk", models.RoleLinkWorker)
		a := apitest.Browser(e)
		a.MustLogin("a@example.dk")
		form := a.Get("/dashboard/referrals/new")
		for _, name := range []string{"birth_year", "sex", "municipality", "email", "reason_category"} {
			if !strings.Contains(string(form.Body), `name="`+name+`"`) {
				t.Errorf("the form lacks %s", name)
			}
		}
		fields := url.Values{"csrf": {a.CSRF(form)}, "name": {"Søren Ørsted"}, "phone": {"26530002"}, "language": {"da"},
			"consent_contact": {"true"}, "consent_data": {"true"}, "birth_year": {"nitten"}, "sex": {"female"},
			"municipality": {"Aarhus"}, "email": {"Søren <s@example.dk>"}, "reason_category": {"loneliness"}}
		bad := a.Post("/dashboard/referrals", fields, true)
		body := string(bad.Body)
		if bad.Status != 422 || !strings.Contains(body, `id="e-birth_year"`) || !strings.Contains(body, `id="e-email"`) ||
			!strings.Contains(body, `value="nitten"`) || !strings.Contains(body, `value="Aarhus"`) {
			t.Fatalf("a wrong year and e-mail: %d %s", bad.Status, body)
		}
		if rows, _ := e.Store.Referrals(context.Background(), models.ReferralListQuery{Admin: true}); len(rows) != 0 {
			t.Fatalf("%d referrals saved from a refused form", len(rows))
		}
		fields.Set("birth_year", "1956")
		fields.Set("email", "s@example.dk")
		if res := a.Post("/dashboard/referrals", fields, true); res.Status != 303 {
			t.Fatalf("the corrected form: %d %s", res.Status, res.Body)
		}
		rows, err := e.Store.Referrals(context.Background(), models.ReferralListQuery{Admin: true})
		if err != nil || len(rows) != 1 {
			t.Fatalf("referrals after the form: %d %v", len(rows), err)
		}
		p := rows[0].ReferralProfile
		if p.BirthYear == nil || *p.BirthYear != 1956 || p.Sex == nil || *p.Sex != "female" || p.Email == nil || *p.Email != "s@example.dk" ||
			p.ReasonCategory == nil || *p.ReasonCategory != "loneliness" || p.Municipality == nil || *p.Municipality != "Aarhus" {
			t.Fatalf("the referral's profile: %+v", p)
		}
	})
}
