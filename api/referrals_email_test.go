package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/models"
)

// TestReferrals_EmailOnly: a citizen referred with an e-mail and no phone gets the contact
// message queued by e-mail (asking them to use the link, not to reply JA); an address already in
// the service is a 409 that names only the field; neither phone nor e-mail is a 400 on phone.
func TestReferrals_EmailOnly(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Else Mail", "email": "Else@Example.dk",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		var out struct {
			CitizenID  string `json:"citizen_id"`
			ContactSMS string `json:"contact_sms"`
		}
		res.JSON(t, &out)
		if res.Status != 201 || out.ContactSMS != "queued_email" {
			t.Fatalf("referral by e-mail: %d %s", res.Status, res.Body)
		}
		c, err := e.Store.CitizenByID(context.Background(), out.CitizenID)
		if err != nil || c.Phone != "" || c.Email == nil || *c.Email != "else@example.dk" {
			t.Fatalf("citizen: %+v %v", c, err)
		}
		rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: out.CitizenID})
		if len(rows) != 1 || rows[0].Kind != models.KindContact || rows[0].Channel != models.ChannelEmail ||
			strings.Contains(rows[0].Body, "JA") || !strings.Contains(rows[0].Body, "linket") {
			t.Fatalf("contact row: %+v", rows)
		}
		dup := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anden", "phone": "26554490",
			"email": "else@example.dk", "consent_contact": true, "consent_data": true}, lw.AccessToken))
		if dup.Status != 409 || dup.ErrorCode(t) != "ECONFLICT" || strings.Contains(string(dup.Body), "else@") ||
			!strings.Contains(string(dup.Body), `"field":"email"`) {
			t.Fatalf("taken address: %d %s", dup.Status, dup.Body)
		}
		none := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Ingen",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		if none.Status != 400 || none.ErrorCode(t) != "EINVALID" || !strings.Contains(string(none.Body), `"field":"phone"`) ||
			!strings.Contains(string(none.Body), "e-mail") {
			t.Fatalf("neither phone nor e-mail: %d %s", none.Status, none.Body)
		}
		bad := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Forkert", "email": "not an address",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		if bad.Status != 400 || !strings.Contains(string(bad.Body), `"field":"email"`) {
			t.Fatalf("bad address: %d %s", bad.Status, bad.Body)
		}
	})
}

// TestDashboard_ReferralFormByEmail: the form takes an e-mail instead of a phone; with neither it
// asks for one of them beside the phone; a taken address is said beside the e-mail; the
// citizen's page shows the address and that no phone was given.
func TestDashboard_ReferralFormByEmail(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("a@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		b.MustLogin("a@example.dk")
		csrf := b.CSRF(b.Get("/dashboard/referrals/new"))

		neither := apitest.ReferralForm(csrf, "")
		res := b.Post("/dashboard/referrals", neither, true)
		if res.Status != 422 || !strings.Contains(string(res.Body), `id="e-phone"`) ||
			!strings.Contains(string(res.Body), "Skriv et mobilnummer eller en e-mailadresse") {
			t.Fatalf("neither phone nor e-mail: %d %s", res.Status, res.Body)
		}
		byMail := apitest.ReferralForm(csrf, "")
		byMail.Set("email", "soren@example.dk")
		done := b.Post("/dashboard/referrals", byMail, true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/referrals?created=queued_email" {
			t.Fatalf("by e-mail: %d %s", done.Status, done.Body)
		}
		list := b.Get("/dashboard/referrals?created=queued_email")
		if !strings.Contains(string(list.Body), "sat i kø til e-mail") || !strings.Contains(string(list.Body), "soren@example.dk") {
			t.Fatalf("list: %s", list.Body)
		}
		taken := b.Post("/dashboard/referrals", byMail, true)
		if taken.Status != 422 || !strings.Contains(string(taken.Body), `id="e-email"`) ||
			!strings.Contains(string(taken.Body), "E-mailadressen er allerede i tjenesten") {
			t.Fatalf("taken address: %d %s", taken.Status, taken.Body)
		}
		page, _ := e.Store.Caseload(context.Background(), models.CaseloadQuery{})
		if len(page.Rows) != 1 {
			t.Fatalf("caseload: %+v", page.Rows)
		}
		citizen := b.Get("/dashboard/citizens/" + page.Rows[0].ID)
		if citizen.Status != 200 || !strings.Contains(string(citizen.Body), "soren@example.dk") || !strings.Contains(string(citizen.Body), "Ikke oplyst") {
			t.Fatalf("citizen page: %d %s", citizen.Status, citizen.Body)
		}
		caseload := b.Get("/dashboard/caseload")
		if caseload.Status != 200 || !strings.Contains(string(caseload.Body), "Søren Ørsted") {
			t.Fatalf("caseload page: %d", caseload.Status)
		}
	})
}

// TestContactLink_ShowsThenConfirmsOnce: the contact e-mail's link shows a page on GET and
// changes nothing (mail scanners follow links); the button's POST confirms contact as JA does;
// the link is then dead, as is a forged one. A citizen with a phone as well gets the thank-you SMS.
func TestContactLink_ShowsThenConfirmsOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		for _, phone := range []string{"", "26554491"} {
			res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Else Mail", "phone": phone,
				"email": "else" + phone + "@example.dk", "consent_contact": true, "consent_data": true}, lw.AccessToken))
			var out struct {
				CitizenID string `json:"citizen_id"`
			}
			res.JSON(t, &out)
			conv, err := e.Store.OpenConversation(ctx, out.CitizenID)
			if err != nil || conv == nil {
				t.Fatalf("no contact question: %v", err)
			}
			token, err := e.Store.ContactLinkToken(ctx, conv.ID)
			if err != nil {
				t.Fatal(err)
			}
			path := "/app/contact/" + token
			page := e.Client.Do(apitest.NewJSONRequest("GET", path, nil, ""))
			if page.Status != 200 || !strings.Contains(string(page.Body), `<form method="post" action="`+path+`"`) ||
				!strings.Contains(string(page.Body), "Ja, I må kontakte mig") {
				t.Fatalf("page: %d %s", page.Status, page.Body)
			}
			if c, _ := e.Store.CitizenByID(ctx, out.CitizenID); c.ContactConfirmedAt != nil {
				t.Fatal("GET confirmed contact")
			}
			done := e.Client.Do(apitest.NewJSONRequest("POST", path, nil, ""))
			if done.Status != 200 || !strings.Contains(string(done.Body), "Tak!") {
				t.Fatalf("confirm: %d %s", done.Status, done.Body)
			}
			c, _ := e.Store.CitizenByID(ctx, out.CitizenID)
			if c.ContactConfirmedAt == nil || c.Status != models.StatusConfirmed {
				t.Fatalf("after the button: %+v", c)
			}
			rows, _ := e.Store.ListOutbox(ctx, models.OutboxFilter{CitizenID: out.CitizenID})
			thanked := 0
			for _, r := range rows {
				if r.Kind == models.KindReply && r.Channel == models.ChannelSMS && strings.HasPrefix(r.Body, "Tak, Else!") {
					thanked++
				}
			}
			if want := map[bool]int{true: 0, false: 1}[phone == ""]; thanked != want {
				t.Fatalf("phone %q: %d thank-you SMS, want %d", phone, thanked, want)
			}
			for _, method := range []string{"POST", "GET"} {
				if again := e.Client.Do(apitest.NewJSONRequest(method, path, nil, "")); again.Status != 404 ||
					!strings.Contains(string(again.Body), "Linket virker ikke længere") {
					t.Fatalf("%s after use: %d %s", method, again.Status, again.Body)
				}
			}
		}
		if forged := e.Client.Do(apitest.NewJSONRequest("POST", "/app/contact/"+models.NewID()+".99999999999.AAAA", nil, "")); forged.Status != 404 {
			t.Fatalf("forged: %d", forged.Status)
		}
	})
}
