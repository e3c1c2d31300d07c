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

var (
	inputID  = regexp.MustCompile(`<(?:input|select|textarea) id="([^"]+)"`)
	labelFor = regexp.MustCompile(`<label for="([^"]+)"`)
)

// everyInputHasALabel fails when a visible input, select or textarea with an id has no
// <label for>; checkboxes without an id sit inside their label.
func everyInputHasALabel(t *testing.T, page []byte) {
	t.Helper()
	labelled := map[string]bool{}
	for _, m := range labelFor.FindAllSubmatch(page, -1) {
		labelled[string(m[1])] = true
	}
	for _, m := range inputID.FindAllSubmatch(page, -1) {
		if !labelled[string(m[1])] {
			t.Errorf("input %s has no label", m[1])
		}
	}
}

// TestDashboard_ReferralForm: a form with mistakes comes back 422 with the words beside each
// field and what was typed kept, saving nothing; the right form queues the contact SMS as the
// JSON API does and the referral list shows it; a number already in use is said beside the phone.
func TestDashboard_ReferralForm(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		worker, _ := e.Staff("a@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		b.MustLogin("a@example.dk")
		form := b.Get("/dashboard/referrals/new")
		if form.Status != 200 || !strings.Contains(string(form.Body), "Ny henvisning") {
			t.Fatalf("form: %d %s", form.Status, form.Body)
		}
		everyInputHasALabel(t, form.Body)
		csrf := b.CSRF(form)

		bad := apitest.ReferralForm(csrf, "12")
		bad.Set("name", "  ")
		bad.Del("consent_data")
		bad.Set("reason", "Ensom <efter> flytning")
		res := b.Post("/dashboard/referrals", bad, true)
		body := string(res.Body)
		if res.Status != 422 {
			t.Fatalf("bad form: %d %s", res.Status, body)
		}
		for _, want := range []string{`id="e-name"`, "Skriv borgerens navn", `id="e-phone"`, "Skriv et gyldigt telefonnummer",
			`id="e-consent"`, "Borgeren skal have sagt ja", `value="12"`, "Ensom &lt;efter&gt; flytning", `name="consent_contact" value="true" checked`,
			"Henvisningen er ikke gemt"} {
			if !strings.Contains(body, want) {
				t.Errorf("the form with mistakes lacks %q", want)
			}
		}
		if strings.Contains(body, `id="e-language"`) || strings.Contains(body, `name="consent_data" value="true" checked`) {
			t.Error("a field without a mistake is marked, or an unticked box came back ticked")
		}
		everyInputHasALabel(t, res.Body)
		page, _ := e.Store.Caseload(context.Background(), models.CaseloadQuery{})
		out, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{})
		if len(page.Rows) != 0 || len(out) != 0 {
			t.Fatalf("a refused form saved %d citizens and %d SMS", len(page.Rows), len(out))
		}

		done := b.Post("/dashboard/referrals", apitest.ReferralForm(csrf, "+45 26 50 00 01"), true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/referrals?created=queued" {
			t.Fatalf("good form: %d %s", done.Status, done.Body)
		}
		page, _ = e.Store.Caseload(context.Background(), models.CaseloadQuery{})
		if len(page.Rows) != 1 || page.Rows[0].LinkWorkerID != worker.ID || page.Rows[0].Phone != "+4526500001" {
			t.Fatalf("after the form: %+v", page.Rows)
		}
		out, _ = e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: page.Rows[0].ID})
		if len(out) != 1 || out[0].Kind != models.KindContact {
			t.Fatalf("contact SMS: %+v", out)
		}
		list := b.Get("/dashboard/referrals?created=queued")
		if !strings.Contains(string(list.Body), "kontakt-SMS&#39;en er sat i kø") || !strings.Contains(string(list.Body), "Søren Ørsted") {
			t.Fatalf("list after the form: %s", list.Body)
		}

		taken := b.Post("/dashboard/referrals", apitest.ReferralForm(csrf, "26500001"), true)
		if taken.Status != 422 || !strings.Contains(string(taken.Body), "allerede i tjenesten") || !strings.Contains(string(taken.Body), `id="e-phone"`) {
			t.Fatalf("phone in use: %d %s", taken.Status, taken.Body)
		}
		if res := b.Post("/dashboard/referrals", apitest.ReferralForm("forged", "26500002"), true); res.Status != 403 {
			t.Fatalf("no CSRF: %d", res.Status)
		}
		b.Get("/dashboard/language?" + url.Values{"lang": {"en"}, "back": {"/dashboard/referrals/new"}}.Encode())
		english := b.Post("/dashboard/referrals", bad, true)
		if english.Status != 422 || !strings.Contains(string(english.Body), "Write the citizen&#39;s name") ||
			!strings.Contains(string(english.Body), "The referral was not saved") {
			t.Fatalf("the form in English: %d %s", english.Status, english.Body)
		}
	})
}

// TestDashboard_ReferralFormForAnAdmin: an admin must choose the link worker (said beside the
// field, with the other mistakes), and the referral goes to the one chosen.
func TestDashboard_ReferralFormForAnAdmin(t *testing.T) {
	e := apitest.NewEnv(t, models.SQLite)
	worker, _ := e.Staff("a@example.dk", models.RoleLinkWorker)
	e.Staff("admin@example.dk", models.RoleAdmin)
	b := apitest.Browser(e)
	b.MustLogin("admin@example.dk")
	form := b.Get("/dashboard/referrals/new")
	if !strings.Contains(string(form.Body), `<option value="`+worker.ID+`">`) {
		t.Fatalf("the admin's form does not offer the link worker: %s", form.Body)
	}
	everyInputHasALabel(t, form.Body)
	bad := apitest.ReferralForm(b.CSRF(form), "xx")
	res := b.Post("/dashboard/referrals", bad, true)
	if res.Status != 422 || !strings.Contains(string(res.Body), "Vælg den brobygger") || !strings.Contains(string(res.Body), `id="e-phone"`) {
		t.Fatalf("admin without a worker: %d %s", res.Status, res.Body)
	}
	good := apitest.ReferralForm(b.CSRF(form), "26500011")
	good.Set("link_worker_id", worker.ID)
	if res := b.Post("/dashboard/referrals", good, true); res.Status != 303 {
		t.Fatalf("admin referral: %d %s", res.Status, res.Body)
	}
	page, _ := e.Store.Caseload(context.Background(), models.CaseloadQuery{WorkerID: worker.ID})
	if len(page.Rows) != 1 {
		t.Fatalf("the referral did not go to the chosen worker: %+v", page.Rows)
	}
}

// TestDashboard_ReferralSteps: accept is one click; decline and close need their reason and the
// ticked "Ja, jeg er sikker", and without them nothing changes (422, the words beside the field,
// what was typed kept); another worker's referral is not found.
func TestDashboard_ReferralSteps(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		toAccept, toDecline, toClose := e.Refer(at.AccessToken, "26500101"), e.Refer(at.AccessToken, "26500102"), e.Refer(at.AccessToken, "26500103")
		a, b := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")
		list := a.Get("/dashboard/referrals")
		if list.Status != 200 || strings.Count(string(list.Body), `class="card referral"`) != 3 {
			t.Fatalf("list: %d %s", list.Status, list.Body)
		}
		everyInputHasALabel(t, list.Body)
		csrf := a.CSRF(list)
		path := func(citizen, step string) string {
			return "/dashboard/referrals/" + apitest.ReferralOf(e, citizen).ID + "/" + step
		}

		if res := b.Post(path(toAccept, "accept"), url.Values{"csrf": {b.CSRF(b.Get("/dashboard/referrals"))}}, true); res.Status != 404 {
			t.Fatalf("B accepted A's referral: %d", res.Status)
		}
		if res := a.Post(path(toAccept, "accept"), url.Values{"csrf": {csrf}}, true); res.Status != 303 || res.Header.Get("Location") != "/dashboard/referrals?done=accepted" {
			t.Fatalf("accept: %d %s", res.Status, res.Body)
		}
		if got := apitest.ReferralOf(e, toAccept).Status; got != models.ReferralAccepted {
			t.Fatalf("after accept: %s", got)
		}

		unsure := a.Post(path(toDecline, "decline"), url.Values{"csrf": {csrf}, "reason": {"Flyttet til Aarhus"}}, true)
		if unsure.Status != 422 || !strings.Contains(string(unsure.Body), "Sæt flueben i") || !strings.Contains(string(unsure.Body), ">Flyttet til Aarhus</textarea>") {
			t.Fatalf("decline without confirmation: %d %s", unsure.Status, unsure.Body)
		}
		noReason := a.Post(path(toDecline, "decline"), url.Values{"csrf": {csrf}, "confirm": {"yes"}}, true)
		if noReason.Status != 422 || !strings.Contains(string(noReason.Body), "Skriv, hvorfor henvisningen afvises") {
			t.Fatalf("decline without a reason: %d %s", noReason.Status, noReason.Body)
		}
		if got := apitest.ReferralOf(e, toDecline).Status; got != models.ReferralReceived {
			t.Fatalf("a refused decline changed the referral: %s", got)
		}
		declined := a.Post(path(toDecline, "decline"), url.Values{"csrf": {csrf}, "reason": {"Flyttet til Aarhus"}, "confirm": {"yes"}}, true)
		if declined.Status != 303 || declined.Header.Get("Location") != "/dashboard/referrals?done=declined" {
			t.Fatalf("decline: %d %s", declined.Status, declined.Body)
		}
		if r := apitest.ReferralOf(e, toDecline); r.Status != models.ReferralDeclined || r.StatusNote != "Flyttet til Aarhus" {
			t.Fatalf("after decline: %+v", r)
		}

		badOutcome := a.Post(path(toClose, "close"), url.Values{"csrf": {csrf}, "reason": {"bored"}, "note": {"x"}, "confirm": {"yes"}}, true)
		if badOutcome.Status != 422 || !strings.Contains(string(badOutcome.Body), "Vælg, hvordan forløbet sluttede") {
			t.Fatalf("close with an unknown outcome: %d %s", badOutcome.Status, badOutcome.Body)
		}
		closed := a.Post(path(toClose, "close"), url.Values{"csrf": {csrf}, "reason": {"unreachable"}, "note": {"Tre opkald uden svar"}, "confirm": {"yes"}}, true)
		if closed.Status != 303 || closed.Header.Get("Location") != "/dashboard/referrals?done=closed" {
			t.Fatalf("close: %d %s", closed.Status, closed.Body)
		}
		if r := apitest.ReferralOf(e, toClose); r.Status != models.ReferralClosed || r.CloseReason != models.CloseUnreachable {
			t.Fatalf("after close: %+v", r)
		}
		after := a.Get("/dashboard/referrals?done=closed")
		if !strings.Contains(string(after.Body), "Forløbet er afsluttet.") || strings.Count(string(after.Body), `class="card referral"`) != 1 {
			t.Fatalf("open list after the steps: %s", after.Body)
		}
		all := a.Get("/dashboard/referrals?show=all")
		if !strings.Contains(string(all.Body), "Afsluttet · Kunne ikke kontaktes") || !strings.Contains(string(all.Body), "Afvist") {
			t.Fatalf("the whole list: %s", all.Body)
		}
		if res := a.Post(path(toDecline, "decline"), url.Values{"csrf": {csrf}, "reason": {"igen"}, "confirm": {"yes"}}, true); res.Status != 409 {
			t.Fatalf("declining twice: %d", res.Status)
		}
	})
}
