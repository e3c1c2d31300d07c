package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

// emailCitizen refers a citizen by e-mail alone and returns their id.
func emailCitizen(e *apitest.Env, staffToken, email string) string {
	e.T.Helper()
	return e.ReferWith(staffToken, map[string]any{"name": "Else Mail", "email": email, "consent_contact": true, "consent_data": true})
}

// emailCode is the last sign-in code e-mailed to the citizen.
func emailCode(e *apitest.Env, citizenID string) string {
	e.T.Helper()
	rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: citizenID})
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind == models.KindLoginCode && rows[i].Channel == models.ChannelEmail {
			return apitest.CodeInSMS.FindString(rows[i].Body)
		}
	}
	e.T.Fatalf("no login code e-mailed to %s", citizenID)
	return ""
}

// TestAuth_CitizenSignsInByEmail: a code asked for by e-mail goes by e-mail and is exchanged with
// the address (any case) for tokens that open /v1/me; an unknown address gets the same 202 and no
// code; phone and e-mail together are refused; a fourth code for one address is refused (429),
// as for a phone; the phone path is unchanged.
func TestAuth_CitizenSignsInByEmail(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := emailCitizen(e, lw.AccessToken, "else@example.dk")
		known := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "Else@Example.dk"}, ""))
		unknown := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "nobody@example.dk"}, ""))
		if known.Status != 202 || unknown.Status != 202 || string(known.Body) != string(unknown.Body) {
			t.Fatalf("known %d %s, unknown %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
		}
		code := emailCode(e, id)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"email": "ELSE@example.dk", "code": code}, ""))
		var tk apitest.Tokens
		res.JSON(t, &tk)
		if res.Status != 200 || tk.AccessToken == "" {
			t.Fatalf("token: %d %s", res.Status, res.Body)
		}
		if me := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me", nil, tk.AccessToken)); me.Status != 200 {
			t.Fatalf("/v1/me: %d %s", me.Status, me.Body)
		}
		if both := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code",
			map[string]string{"phone": "26554433", "email": "else@example.dk"}, "")); both.Status != 400 || both.ErrorCode(t) != "EINVALID" {
			t.Fatalf("phone and e-mail: %d %s", both.Status, both.Body)
		}
		if bad := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "not an address"}, "")); bad.Status != 400 {
			t.Fatalf("bad address: %d %s", bad.Status, bad.Body)
		}
		for range 2 {
			e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "else@example.dk"}, ""))
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "else@example.dk"}, "")); res.Status != 429 {
			t.Fatalf("fourth code for one address: %d %s", res.Status, res.Body)
		}
		e.Refer(lw.AccessToken, "26554433")
		e.CitizenLogin("26554433")
	})
}

// TestEmail_CitizenAndLinkWorkerSetIt: the citizen sets and changes their own address (then signs
// in with it), cannot remove the only way to reach them, and is told only that a taken address is
// taken; their link worker changes it (audited), another link worker cannot see the citizen; the
// dashboard form saves it and says a refused one beside the form.
func TestEmail_CitizenAndLinkWorkerSetIt(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		worker, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		_, other := e.Staff("other@example.dk", models.RoleLinkWorker)
		phoneCitizen := e.Refer(lw.AccessToken, "26554433")
		mailCitizen := emailCitizen(e, lw.AccessToken, "else@example.dk")
		tk := e.CitizenLogin("26554433")

		set := func(email any) apitest.Response {
			return e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/me/email", map[string]any{"email": email}, tk.AccessToken))
		}
		res := set("Anna@Example.dk")
		var me struct {
			Email *string `json:"email"`
		}
		res.JSON(t, &me)
		if res.Status != 200 || me.Email == nil || *me.Email != "anna@example.dk" {
			t.Fatalf("set own address: %d %s", res.Status, res.Body)
		}
		if taken := set("else@example.dk"); taken.Status != 409 || taken.ErrorCode(t) != "ECONFLICT" || strings.Contains(string(taken.Body), "else@") {
			t.Fatalf("taken: %d %s", taken.Status, taken.Body)
		}
		if cleared := set(nil); cleared.Status != 200 {
			t.Fatalf("a citizen with a phone removes the address: %d %s", cleared.Status, cleared.Body)
		}

		staffSet := func(token, id string, email any) apitest.Response {
			return e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/citizens/"+id+"/email", map[string]any{"email": email}, token))
		}
		if res := staffSet(other.AccessToken, mailCitizen, "x@example.dk"); res.Status != 404 {
			t.Fatalf("another link worker: %d %s", res.Status, res.Body)
		}
		if res := staffSet(lw.AccessToken, mailCitizen, nil); res.Status != 400 || !strings.Contains(string(res.Body), `"field":"email"`) {
			t.Fatalf("removing the only way to reach: %d %s", res.Status, res.Body)
		}
		res = staffSet(lw.AccessToken, mailCitizen, "Else.Ny@example.dk")
		var detail struct {
			Email *string `json:"email"`
			Phone string  `json:"phone"`
		}
		res.JSON(t, &detail)
		if res.Status != 200 || detail.Email == nil || *detail.Email != "else.ny@example.dk" || detail.Phone != "" {
			t.Fatalf("link worker sets it: %d %s", res.Status, res.Body)
		}
		entries, err := e.Store.AuditLog(ctx, models.AuditQuery{CitizenID: mailCitizen, Action: "set_citizen_email", ActorID: worker.ID})
		if err != nil || len(entries.Rows) != 1 {
			t.Fatalf("set_citizen_email entries: %+v %v", entries.Rows, err)
		}

		b := apitest.Browser(e)
		b.MustLogin("lw@example.dk")
		page := b.Get("/dashboard/citizens/" + phoneCitizen)
		csrf := b.CSRF(page)
		done := b.Post("/dashboard/citizens/"+phoneCitizen+"/email", url.Values{"csrf": {csrf}, "email": {"anna@example.dk"}}, true)
		if done.Status != 303 || !strings.Contains(done.Header.Get("Location"), "done=email") {
			t.Fatalf("form: %d %s", done.Status, done.Body)
		}
		if c, _ := e.Store.CitizenByID(ctx, phoneCitizen); c.Email == nil || *c.Email != "anna@example.dk" {
			t.Fatalf("after the form: %+v", c.Email)
		}
		taken := b.Post("/dashboard/citizens/"+phoneCitizen+"/email", url.Values{"csrf": {csrf}, "email": {"else.ny@example.dk"}}, true)
		if taken.Status != 409 || !strings.Contains(string(taken.Body), `id="email-error"`) ||
			!strings.Contains(string(taken.Body), "E-mailadressen er allerede i tjenesten") {
			t.Fatalf("taken in the form: %d %s", taken.Status, taken.Body)
		}
	})
}
