package api_test

import (
	"brobygger/api/apitest"
	"net/http/httptest"
	"strings"
	"testing"

	"brobygger/models"
)

// TestAPI_NULAndBadUTF8Refused: PostgreSQL cannot store or compare text holding a NUL, so these
// requests answered 500 there. A NUL (raw or escaped) or bytes that are not UTF-8 in a JSON body,
// a query parameter, a form field or a spreadsheet are 400 with a clear message on both
// databases, and nothing is written.
func TestAPI_NULAndBadUTF8Refused(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, tk := e.Staff("lw@example.dk", models.RoleLinkWorker)
		referral := `{"name":"Anna%sJensen","phone":"20304050","language":"da","referrer_name":"Dr. Berg",
			"referrer_clinic":"Lægehuset","reason":"Ensom","consent_contact":true,"consent_data":true}`
		offer := `{"organisation":"Frivilligcenter","title":"Strik%sklub","schedules":[]}`
		csvReq := func(path, csv string) apitest.Response {
			req := httptest.NewRequest("POST", apitest.Base+path, strings.NewReader(csv))
			req.Header.Set("Content-Type", "text/csv")
			req.Header.Set("Authorization", "Bearer "+tk.AccessToken)
			return e.Client.DoInvalid(req)
		}
		cases := map[string]func() apitest.Response{
			"login, escaped NUL": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":"lw\u0000@example.dk","password":"correct horse battery"}`, ""))
			},
			"login, bad UTF-8": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", "{\"email\":\"lw\xff@example.dk\",\"password\":\"x\"}", ""))
			},
			"referral, escaped NUL": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/referrals", strings.Replace(referral, "%s", `\u0000`, 1), tk.AccessToken))
			},
			"referral, bad UTF-8": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/referrals", strings.Replace(referral, "%s", "\xc3", 1), tk.AccessToken))
			},
			"offer, escaped NUL": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/offers", strings.Replace(offer, "%s", `\u0000`, 1), tk.AccessToken))
			},
			"offer search, NUL": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/offers?q=strik%00", nil, tk.AccessToken))
			},
			"caseload, bad UTF-8 in a query": func() apitest.Response {
				return e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/caseload?status=%FF", nil, tk.AccessToken))
			},
			"CSV import, NUL": func() apitest.Response {
				return csvReq("/v1/offers/import", "Navn;Forening\nStrik\x00klub;Frivilligcenter\n")
			},
		}
		for name, do := range cases {
			res := do()
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
				continue
			}
			if msg := string(res.Body); !strings.Contains(msg, "NUL") && !strings.Contains(msg, "UTF-8") {
				t.Errorf("%s: the message does not say what is wrong: %s", name, msg)
			}
		}
		// A backslash followed by "u0000" is ordinary text, not a NUL: the login just fails.
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":"lw\\u0000@example.dk","password":"correct horse battery"}`, ""))
		if res.Status != 401 {
			t.Errorf(`an escaped backslash before "u0000" was taken for a NUL: %d %s`, res.Status, res.Body)
		}
		page := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, tk.AccessToken))
		var caseload struct{ Items []any }
		page.JSON(t, &caseload)
		offers := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers", nil, tk.AccessToken))
		var list offerPage
		offers.JSON(t, &list)
		if len(caseload.Items) != 0 || len(list.Items) != 0 {
			t.Fatalf("a refused request wrote something: %d citizens, %d offers", len(caseload.Items), len(list.Items))
		}
	})
}

// TestDashboard_NULRefused: the dashboard's forms and uploads refuse a NUL with a 400 page.
func TestDashboard_NULRefused(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		br := apitest.Browser(e)
		form := br.Get("/dashboard/login")
		res := br.Post("/dashboard/login", map[string][]string{"csrf": {br.CSRF(form)}, "email": {"lw\x00@example.dk"}, "password": {"x"}}, false)
		if res.Status != 400 {
			t.Fatalf("login form with a NUL: %d %s", res.Status, res.Body)
		}
		br.MustLogin("lw@example.dk")
		page := br.Get("/dashboard/offers")
		res = br.Upload("/dashboard/offers/import", br.CSRF(page), "Navn;Forening\nStrik\x00klub;Frivilligcenter\n")
		if res.Status != 400 || !strings.Contains(string(res.Body), "NUL") {
			t.Fatalf("upload with a NUL: %d %s", res.Status, res.Body)
		}
		if res := br.Get("/dashboard/caseload?q=%00"); res.Status != 400 {
			t.Fatalf("caseload search with a NUL: %d", res.Status)
		}
	})
}
