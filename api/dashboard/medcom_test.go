package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"brobygger/models"
)

var tagPattern = regexp.MustCompile(`<[^>]+>`)

// TestDashMedCom_ReferralCPRDraftAndClinics: the MedCom page shows a received referral with the
// clinic and the CPR number masked; the reveal link shows it whole and is audited; registering
// takes the referral to the citizen, whose timeline shows the GP's message; a declined referral's
// drafted reply is edited in its box and sent; the admin page lists messages and saves a clinic.
// The Danish pages hold no English interface words.
func TestDashMedCom_ReferralCPRDraftAndClinics(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Staff("admin@example.dk", models.RoleAdmin)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_a_absolute.json"), apitest.GatewayToken, true)
		apitest.Deliver(e, apitest.MedComFile(t, "vendor_b_urnuuid.json"), apitest.GatewayToken, true)
		b := apitest.Browser(e)
		b.MustLogin("lw@example.dk")
		page := b.Get("/dashboard/medcom")
		body := string(page.Body)
		if page.Status != 200 || !strings.Contains(body, "010170-xxxx") || strings.Contains(body, "0101701234") || strings.Contains(body, "010170-1234") ||
			!strings.Contains(body, "Lægerne på Torvet") || !strings.Contains(body, "Mangler mobilnummer") {
			t.Fatalf("%d %s", page.Status, body)
		}
		if words := englishWordsIn(tagPattern.ReplaceAllString(body, " ")); len(words) > 0 {
			t.Fatalf("English on the Danish page: %v", words)
		}
		rows, _, _ := e.Store.MedComReferrals(context.Background(), models.MedComReferralQuery{Status: models.MedComWaiting})
		a := rows[0].ID
		if rev := b.Get("/dashboard/medcom?cpr=" + a); !strings.Contains(string(rev.Body), "010170-1234") {
			t.Fatal("the reveal link must show the whole number")
		}
		audit, _ := e.Store.AuditLog(context.Background(), models.AuditQuery{Action: "reveal_cpr", Limit: 10})
		if len(audit.Rows) != 1 {
			t.Fatalf("reveal audited %d times", len(audit.Rows))
		}
		csrf := b.CSRF(page)
		res := b.Post("/dashboard/medcom/referrals/"+a+"/register", url.Values{"csrf": {csrf}, "language": {"da"}}, true)
		if res.Status != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/dashboard/citizens/") {
			t.Fatalf("register %d %s", res.Status, res.Body)
		}
		citizenPage := b.Get(res.Header.Get("Location"))
		if !strings.Contains(string(citizenPage.Body), "Fra lægen (MedCom)") {
			t.Fatal("the citizen's timeline shows the GP's message")
		}
		// The GP writes again about the same patient: a follow-up, which waits in the worker's inbox.
		again := strings.ReplaceAll(apitest.MedComFile(t, "vendor_a_absolute.json"), "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11", "11111111-2222-4333-8444-555555555555")
		apitest.Deliver(e, again, apitest.GatewayToken, true)
		inbox := string(b.Get("/dashboard/inbox").Body)
		if !strings.Contains(inbox, `id="from-gps"`) || !strings.Contains(inbox, "Lægerne på Torvet") || !strings.Contains(inbox, "#followup-") {
			t.Fatalf("the GP's follow-up is not in the link worker's inbox: %s", inbox)
		}
		if words := englishWordsIn(tagPattern.ReplaceAllString(inbox, " ")); len(words) > 0 {
			t.Fatalf("English on the Danish inbox: %v", words)
		}
		missing, _, _ := e.Store.MedComReferrals(context.Background(), models.MedComReferralQuery{Status: models.MedComMissingPhone})
		res = b.Post("/dashboard/medcom/referrals/"+missing[0].ID+"/decline", url.Values{"csrf": {csrf}, "reason": {"Bor uden for kommunen."}}, true)
		if res.Status != 303 {
			t.Fatalf("decline %d %s", res.Status, res.Body)
		}
		drafts, _ := e.Store.MedComDrafts(context.Background(), "", true, 10)
		if len(drafts) != 1 || !strings.Contains(string(b.Get("/dashboard/medcom").Body), "Bor uden for kommunen.") {
			t.Fatalf("drafts %+v", drafts)
		}
		res = b.Post("/dashboard/medcom/messages/"+drafts[0].ID+"/send", url.Values{"csrf": {csrf}, "body": {"Desværre: Jens bor uden for kommunen."}}, true)
		if res.Status != 303 {
			t.Fatalf("send %d %s", res.Status, res.Body)
		}
		sent, _ := e.Store.MedComMessageForStaff(context.Background(), drafts[0].ID, "", true)
		if sent.Status != models.MedComQueued || sent.Body != "Desværre: Jens bor uden for kommunen." {
			t.Fatalf("%+v", sent)
		}
		admin := apitest.Browser(e)
		admin.MustLogin("admin@example.dk")
		ap := admin.Get("/dashboard/admin/medcom")
		if ap.Status != 200 || !strings.Contains(string(ap.Body), "Lægerne på Torvet") {
			t.Fatalf("%d", ap.Status)
		}
		if words := englishWordsIn(tagPattern.ReplaceAllString(string(ap.Body), " ")); len(words) > 0 {
			t.Fatalf("English on the Danish admin page: %v", words)
		}
		clinics, _ := e.Store.Clinics(context.Background())
		res = admin.Post("/dashboard/admin/clinics/"+clinics[0].ID, url.Values{"csrf": {admin.CSRF(ap)}, "name": {"Lægerne på Torvet I/S"},
			"sor": {clinics[0].SOR}, "gln": {clinics[0].GLN}, "practitioners": {"Ole Lægesen\nEva Holm"}}, true)
		if res.Status != 303 {
			t.Fatalf("clinic %d %s", res.Status, res.Body)
		}
		cl, _ := e.Store.ClinicByID(context.Background(), clinics[0].ID)
		if cl.Name != "Lægerne på Torvet I/S" || len(cl.PractitionerNames()) != 2 {
			t.Fatalf("%+v", cl)
		}
		if res := b.Get("/dashboard/admin/medcom"); res.Status != 403 {
			t.Fatalf("a link worker on the admin page: %d", res.Status)
		}
	})
}
