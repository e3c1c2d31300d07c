package api_test

import (
	"brobygger/api/apitest"
	"net/http"
	"testing"

	"brobygger/models"
)

// field returns a string at path in a JSON body ("error", "message").
func field(r apitest.Response, t *testing.T, path ...string) string {
	t.Helper()
	var body map[string]any
	r.JSON(t, &body)
	var v any = body
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
	}
	s, _ := v.(string)
	return s
}

func withLanguage(req *http.Request, accept string) *http.Request {
	if accept != "" {
		req.Header.Set("Accept-Language", accept)
	}
	return req
}

// Before login the citizen API answers in Accept-Language's language (Danish by default), errors
// and texts alike; staff routes stay in English.
func TestCitizenAPI_AnswersInAcceptLanguage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		badCode := map[string]string{"phone": "26100031", "code": "12"}
		for accept, want := range map[string]string{"": "Koden er 6 cifre.", "da-DK,da;q=0.9,en;q=0.8": "Koden er 6 cifre.",
			"en-GB,en;q=0.9,da;q=0.5": "The code is 6 digits.", "de-DE": "Koden er 6 cifre."} {
			res := e.Client.DoInvalid(withLanguage(apitest.NewJSONRequest("POST", "/v1/auth/citizen/token", badCode, ""), accept))
			if got := field(res, t, "error", "message"); res.Status != 400 || got != want {
				t.Errorf("Accept-Language %q: %d %q, want %q", accept, res.Status, got, want)
			}
		}
		res := e.Client.Do(withLanguage(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "26100031"}, ""), "da"))
		if got := field(res, t, "status"); got != "Hvis nummeret er kendt, får du en kode på SMS om lidt." {
			t.Errorf("202 in Danish: %q", got)
		}
		res = e.Client.Do(withLanguage(apitest.NewJSONRequest("GET", "/v1/me", nil, ""), "da"))
		if got := field(res, t, "error", "message"); res.Status != 401 || got != "Du skal være logget ind." {
			t.Errorf("401 in Danish: %d %q", res.Status, got)
		}
		res = e.Client.Do(withLanguage(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": "x@example.dk", "password": "wrong password here"}, ""), "da"))
		if got := field(res, t, "error", "message"); res.Status != 401 || got == "" || got == "Du skal logge ind igen." {
			t.Errorf("staff login answered %d %q; staff routes are not translated", res.Status, got)
		}
	})
}

// A signed-in citizen is answered in their stored language, whatever the phone's settings say,
// including the deletion confirmation.
func TestCitizenAPI_AnswersInTheCitizensLanguage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Refer(lw.AccessToken, "26100041")
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "John Smith", "phone": "26100042", "language": "en",
			"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset", "reason": "Lonely", "consent_contact": true, "consent_data": true}, lw.AccessToken))
		if res.Status != 201 {
			t.Fatalf("referral: %d %s", res.Status, res.Body)
		}
		da, en := e.CitizenLogin("26100041"), e.CitizenLogin("26100042")
		for _, c := range []struct {
			tok, accept, deletion, badPrefs string
		}{
			{da.AccessToken, "en", "Vi har modtaget dit ønske. Din brobygger tager sig af det. Helbredsoplysninger skal gemmes efter reglerne om journalføring.",
				"Sproget skal være da eller en."},
			{en.AccessToken, "da", "Your request is recorded. Your link worker will handle it; health records have retention rules.",
				"The language must be da or en."},
		} {
			res := e.Client.DoInvalid(withLanguage(apitest.NewJSONRequest("PUT", "/v1/me/preferences", map[string]any{"language": "xx"}, c.tok), c.accept))
			if got := field(res, t, "error", "message"); res.Status != 400 || got != c.badPrefs {
				t.Errorf("bad preferences: %d %q, want %q", res.Status, got, c.badPrefs)
			}
			res = e.Client.Do(withLanguage(apitest.NewJSONRequest("POST", "/v1/me/deletion-request", nil, c.tok), c.accept))
			if got := field(res, t, "message"); res.Status != 202 || got != c.deletion {
				t.Errorf("deletion request: %d %q, want %q", res.Status, got, c.deletion)
			}
		}
	})
}
