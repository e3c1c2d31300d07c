package dashboard_test

import (
	"brobygger/api/apitest"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/models"
)

// TestDashboard_LoginSetsStrictHttpOnlyCookies: the form signs in with the API's tokens kept in
// HttpOnly, SameSite=Strict cookies on /dashboard; a wrong password shows the form again with 401.
func TestDashboard_LoginSetsStrictHttpOnlyCookies(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		if res := b.Get("/dashboard/caseload"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/login" {
			t.Fatalf("caseload without a session: %d %s", res.Status, res.Header.Get("Location"))
		}
		form := b.Get("/dashboard/login")
		for h, want := range map[string]string{"Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'",
			"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "Content-Type": "text/html"} {
			if got := form.Header.Get(h); !strings.Contains(got, want) {
				t.Errorf("%s = %q, want %q", h, got, want)
			}
		}
		wrong := b.Login("lw@example.dk", "not the password")
		if wrong.Status != 401 || !strings.Contains(string(wrong.Body), "passer ikke") || !strings.Contains(string(wrong.Body), `value="lw@example.dk"`) {
			t.Fatalf("wrong password: %d %s", wrong.Status, wrong.Body)
		}
		ok := b.Login("LW@example.dk", "correct horse battery")
		if ok.Status != 303 || ok.Header.Get("Location") != "/dashboard/caseload" {
			t.Fatalf("login: %d %s", ok.Status, ok.Body)
		}
		for _, name := range []string{"bb_access", "bb_refresh", "bb_csrf"} {
			ck := b.Cookies[name]
			if ck == nil || !ck.HttpOnly || ck.SameSite != 3 /* http.SameSiteStrictMode */ || ck.Path != "/dashboard" || ck.Secure {
				t.Errorf("cookie %s: %+v", name, ck)
			}
		}
		if b.Cookies["bb_access"].MaxAge != 900 {
			t.Errorf("access cookie lives %d s, want 900", b.Cookies["bb_access"].MaxAge)
		}
		if res := b.Get("/dashboard/caseload"); res.Status != 200 || res.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("caseload after login: %d %v", res.Status, res.Header)
		}
		if res := b.Get("/dashboard"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/caseload" {
			t.Fatalf("/dashboard: %d", res.Status)
		}
	})
}

// TestDashboard_SecureCookiesOverHTTPS: with an https PUBLIC_BASE_URL the cookies are Secure.
func TestDashboard_SecureCookiesOverHTTPS(t *testing.T) {
	e := apitest.NewEnv(t, models.SQLite)
	deps := apitest.Deps(t, e.Store)
	deps.Bot, deps.JWTSecret, deps.Now = e.Bot, apitest.JWTSecret, e.Clock.Now
	deps.PublicBaseURL, _ = url.Parse("https://brobygger.example.dk")
	e.Client = apitest.NewClient(t, api.New(deps))
	e.Staff("lw@example.dk", models.RoleLinkWorker)
	b := apitest.Browser(e)
	b.MustLogin("lw@example.dk")
	for _, name := range []string{"bb_access", "bb_refresh", "bb_csrf"} {
		if ck := b.Cookies[name]; ck == nil || !ck.Secure || !ck.HttpOnly {
			t.Errorf("cookie %s over https: %+v", name, ck)
		}
	}
}

// TestDashboard_SessionRenewsAndLogoutEndsIt: after 15 minutes the access cookie is renewed from
// the refresh cookie without a new sign-in; signing out revokes the refresh token.
func TestDashboard_SessionRenewsAndLogoutEndsIt(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		b.MustLogin("lw@example.dk")
		firstRefresh := b.Cookies["bb_refresh"].Value
		e.Clock.Advance(20 * time.Minute)
		page := b.Get("/dashboard/review")
		if page.Status != 200 || b.Cookies["bb_refresh"].Value == firstRefresh {
			t.Fatalf("expired access cookie was not renewed: %d", page.Status)
		}
		held := *b.Cookies["bb_refresh"]
		out := b.Post("/dashboard/logout", url.Values{"csrf": {b.CSRF(page)}}, true)
		if out.Status != 303 || out.Header.Get("Location") != "/dashboard/login" || b.Cookies["bb_access"] != nil || b.Cookies["bb_refresh"] != nil {
			t.Fatalf("logout: %d %v", out.Status, b.Cookies)
		}
		// A copy of the refresh cookie kept from before the logout no longer opens a session.
		b.Cookies["bb_refresh"] = &held
		if res := b.Get("/dashboard/caseload"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/login" {
			t.Fatalf("revoked refresh cookie still works: %d", res.Status)
		}
	})
}

// TestDashboard_FormsNeedCSRFToken: a POST without the form token, with a wrong one, or with a
// token from someone else's session is a 403 page and changes nothing.
func TestDashboard_FormsNeedCSRFToken(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		id := e.Refer(at.AccessToken, "26300001")
		apitest.SMS(e, "26300001", "JA")
		a, other := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		other.MustLogin("b@example.dk")
		foreign := other.CSRF(other.Get("/dashboard/caseload"))
		path := "/dashboard/citizens/" + id + "/messages"
		for name, form := range map[string]url.Values{
			"no token":        {"body": {"Hej"}},
			"wrong token":     {"body": {"Hej"}, "csrf": {"AAAA"}},
			"another session": {"body": {"Hej"}, "csrf": {foreign}},
		} {
			res := a.Post(path, form, false)
			if res.Status != 403 || !strings.Contains(string(res.Body), "<html") {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		if res := apitest.Browser(e).Post("/dashboard/login", url.Values{"email": {"a@example.dk"}, "password": {"correct horse battery"}}, false); res.Status != 403 {
			t.Errorf("login without a token: %d", res.Status)
		}
		page := a.Get("/dashboard/citizens/" + id)
		if res := a.Post(path, url.Values{"body": {"Hej Anna, jeg ringer i morgen."}, "csrf": {a.CSRF(page)}}, true); res.Status != 303 ||
			!strings.HasPrefix(res.Header.Get("Location"), "/dashboard/citizens/"+id+"?sent=") || !strings.HasSuffix(res.Header.Get("Location"), "#messages") {
			t.Fatalf("message with the token: %d %s", res.Status, res.Body)
		}
		if sent := a.Get("/dashboard/citizens/" + id + "?sent=1"); !strings.Contains(string(sent.Body), "Hej Anna, jeg ringer i morgen.") {
			t.Fatal("the sent SMS is not on the timeline")
		}
	})
}
