package api_test

import (
	"context"
	"testing"

	"brobygger/models"
)

// emailCitizen refers a citizen by e-mail alone and returns their id.
func (e *apiEnv) emailCitizen(staffToken, email string) string {
	e.t.Helper()
	res := e.client.Do(newJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Else Mail", "email": email,
		"consent_contact": true, "consent_data": true}, staffToken))
	if res.Status != 201 {
		e.t.Fatalf("referral: %d %s", res.Status, res.Body)
	}
	var out struct {
		CitizenID string `json:"citizen_id"`
	}
	res.JSON(e.t, &out)
	return out.CitizenID
}

// emailCode is the last sign-in code e-mailed to the citizen.
func (e *apiEnv) emailCode(citizenID string) string {
	e.t.Helper()
	rows, _ := e.store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: citizenID})
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind == models.KindLoginCode && rows[i].Channel == models.ChannelEmail {
			return codeInSMS.FindString(rows[i].Body)
		}
	}
	e.t.Fatalf("no login code e-mailed to %s", citizenID)
	return ""
}

// TestAuth_CitizenSignsInByEmail: a code asked for by e-mail goes by e-mail and is exchanged with
// the address (any case) for tokens that open /v1/me; an unknown address gets the same 202 and no
// code; phone and e-mail together are refused; a fourth code for one address is refused (429),
// as for a phone; the phone path is unchanged.
func TestAuth_CitizenSignsInByEmail(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, lw := e.staff("lw@example.dk", models.RoleLinkWorker)
		id := e.emailCitizen(lw.AccessToken, "else@example.dk")
		known := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "Else@Example.dk"}, ""))
		unknown := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "nobody@example.dk"}, ""))
		if known.Status != 202 || unknown.Status != 202 || string(known.Body) != string(unknown.Body) {
			t.Fatalf("known %d %s, unknown %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
		}
		code := e.emailCode(id)
		res := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"email": "ELSE@example.dk", "code": code}, ""))
		var tk tokens
		res.JSON(t, &tk)
		if res.Status != 200 || tk.AccessToken == "" {
			t.Fatalf("token: %d %s", res.Status, res.Body)
		}
		if me := e.client.Do(newJSONRequest("GET", "/v1/me", nil, tk.AccessToken)); me.Status != 200 {
			t.Fatalf("/v1/me: %d %s", me.Status, me.Body)
		}
		if both := e.client.DoInvalid(newJSONRequest("POST", "/v1/auth/citizen/code",
			map[string]string{"phone": "26554433", "email": "else@example.dk"}, "")); both.Status != 400 || both.ErrorCode(t) != "EINVALID" {
			t.Fatalf("phone and e-mail: %d %s", both.Status, both.Body)
		}
		if bad := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "not an address"}, "")); bad.Status != 400 {
			t.Fatalf("bad address: %d %s", bad.Status, bad.Body)
		}
		for range 2 {
			e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "else@example.dk"}, ""))
		}
		if res := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"email": "else@example.dk"}, "")); res.Status != 429 {
			t.Fatalf("fourth code for one address: %d %s", res.Status, res.Body)
		}
		e.refer(lw.AccessToken, "26554433")
		e.citizenLogin("26554433")
	})
}
