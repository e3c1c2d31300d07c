package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

// TestDashMedCom_RefusedFormsShowThePageAgain: a MedCom form with input the service cannot use
// shows the MedCom page again (not the error page), with the reason in Danish beside that form
// and what was typed kept, and saves nothing; a referral someone handled meanwhile says so at
// the top; the corrected form then answers 303.
func TestDashMedCom_RefusedFormsShowThePageAgain(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		lw, _ := e.Staff("lw@example.dk", models.RoleLinkWorker)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_a_absolute.json"), apitest.GatewayToken, true)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_b_urnuuid.json"), apitest.GatewayToken, true)
		b := apitest.Browser(e)
		b.MustLogin("lw@example.dk")
		csrf := b.CSRF(b.Get("/dashboard/medcom"))
		missing, _, _ := e.Store.MedComReferrals(ctx, models.MedComReferralQuery{Status: models.MedComMissingPhone})
		id := missing[0].ID

		res := b.Post("/dashboard/medcom/referrals/"+id+"/register", url.Values{"csrf": {csrf}, "phone": {"12 34"}, "language": {"en"}}, true)
		body := string(res.Body)
		if res.Status != 400 || !strings.Contains(body, `id="register-error-`+id+`"`) || !strings.Contains(body, "Skriv et gyldigt telefonnummer") ||
			!strings.Contains(body, `value="12 34"`) || !strings.Contains(body, `<option value="en" selected>`) {
			t.Fatalf("register with a bad number: %d %s", res.Status, body)
		}
		if words := englishWordsIn(tagPattern.ReplaceAllString(body, " ")); len(words) > 0 {
			t.Fatalf("English on the Danish page: %v", words)
		}
		if r, _ := e.Store.MedComReferralByID(ctx, id); r.Status != models.MedComMissingPhone {
			t.Fatalf("the refused form changed the referral: %s", r.Status)
		}
		if cs, _ := e.Store.CitizensOfWorker(ctx, lw.ID); len(cs) != 0 {
			t.Fatalf("the refused form made %d citizens", len(cs))
		}

		res = b.Post("/dashboard/medcom/referrals/"+id+"/decline", url.Values{"csrf": {csrf}, "reason": {"   "}}, true)
		if res.Status != 400 || !strings.Contains(string(res.Body), `id="decline-error-`+id+`"`) || !strings.Contains(string(res.Body), "hvorfor henvisningen afvises") {
			t.Fatalf("decline without a reason: %d %s", res.Status, res.Body)
		}
		long := strings.Repeat("x", 1001)
		res = b.Post("/dashboard/medcom/referrals/"+id+"/decline", url.Values{"csrf": {csrf}, "reason": {long}}, true)
		if res.Status != 400 || !strings.Contains(string(res.Body), ">"+long+"</textarea>") {
			t.Fatalf("a too long reason is kept in its box: %d", res.Status)
		}

		res = b.Post("/dashboard/medcom/referrals/"+id+"/decline", url.Values{"csrf": {csrf}, "reason": {"Bor uden for kommunen."}}, true)
		if res.Status != 303 {
			t.Fatalf("decline %d %s", res.Status, res.Body)
		}
		drafts, _ := e.Store.MedComDrafts(ctx, "", true, 10)
		draft := drafts[0]
		res = b.Post("/dashboard/medcom/messages/"+draft.ID+"/send", url.Values{"csrf": {csrf}, "body": {"  "}}, true)
		if res.Status != 400 || !strings.Contains(string(res.Body), `id="send-error-`+draft.ID+`"`) || !strings.Contains(string(res.Body), "Skriv svaret til lægen") {
			t.Fatalf("send an empty reply: %d %s", res.Status, res.Body)
		}
		if m, _ := e.Store.MedComMessageForStaff(ctx, draft.ID, "", true); m.Status != models.MedComDraft || m.Body != draft.Body {
			t.Fatalf("the refused send changed the draft: %+v", m)
		}

		// Declined meanwhile (by a colleague, say): the referral is no longer listed, so the
		// reason stands at the top of the page.
		res = b.Post("/dashboard/medcom/referrals/"+id+"/register", url.Values{"csrf": {csrf}, "phone": {"20 12 34 56"}, "language": {"da"}}, true)
		if res.Status != 409 || !strings.Contains(string(res.Body), `id="medcom-error"`) || !strings.Contains(string(res.Body), "allerede blevet behandlet") {
			t.Fatalf("register a declined referral: %d %s", res.Status, res.Body)
		}
	})
}

// TestDashMedCom_RefusedClinicFormsShowThePageAgain: the admin's clinic forms refused for a bad
// SOR code or one already registered show the admin page again with the reason beside the form
// and the typed values kept; nothing is saved.
func TestDashMedCom_RefusedClinicFormsShowThePageAgain(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		e.Staff("admin@example.dk", models.RoleAdmin)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_a_absolute.json"), apitest.GatewayToken, true)
		a := apitest.Browser(e)
		a.MustLogin("admin@example.dk")
		csrf := a.CSRF(a.Get("/dashboard/admin/medcom"))
		clinics, _ := e.Store.Clinics(ctx)
		res := a.Post("/dashboard/admin/clinics", url.Values{"csrf": {csrf}, "name": {"Lægehuset Syd"}, "sor": {"12a"}, "practitioners": {"Eva Holm"}}, true)
		body := string(res.Body)
		if res.Status != 400 || !strings.Contains(body, `id="new-clinic-error"`) || !strings.Contains(body, "SOR-koden med 6 til 20 cifre") ||
			!strings.Contains(body, `value="Lægehuset Syd"`) || !strings.Contains(body, ">Eva Holm</textarea>") || !strings.Contains(body, `id="new-clinic" open`) {
			t.Fatalf("add a clinic with a bad SOR: %d %s", res.Status, body)
		}
		res = a.Post("/dashboard/admin/clinics", url.Values{"csrf": {csrf}, "name": {"Lægehuset Syd"}, "sor": {clinics[0].SOR}}, true)
		if res.Status != 409 || !strings.Contains(string(res.Body), "allerede en lægepraksis med denne SOR-kode") {
			t.Fatalf("add a clinic with a SOR already registered: %d %s", res.Status, res.Body)
		}
		res = a.Post("/dashboard/admin/clinics/"+clinics[0].ID, url.Values{"csrf": {csrf}, "name": {"Nyt navn"}, "sor": {clinics[0].SOR}, "gln": {"123"}}, true)
		if res.Status != 400 || !strings.Contains(string(res.Body), `id="clinic-error-`+clinics[0].ID+`"`) || !strings.Contains(string(res.Body), `value="Nyt navn"`) {
			t.Fatalf("save a clinic with a bad GLN: %d %s", res.Status, res.Body)
		}
		after, _ := e.Store.Clinics(ctx)
		if len(after) != 1 || after[0].Name != clinics[0].Name {
			t.Fatalf("a refused clinic form saved something: %+v", after)
		}
	})
}
