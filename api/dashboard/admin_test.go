package dashboard_test

import (
	"brobygger/api/apitest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"brobygger/models"
)

var oneTimeOnPage = regexp.MustCompile(`<p class="otp"><code>([^<]+)</code></p>`)

// TestDashboardAdmin_LinkWorkerGets403: a link worker gets the 403 page on every admin page and
// form, and sees no admin menu.
func TestDashboardAdmin_LinkWorkerGets403(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		w, _ := e.Staff("lw@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		b.MustLogin("lw@example.dk")
		home := b.Get("/dashboard/caseload")
		if strings.Contains(string(home.Body), "/dashboard/admin/staff") {
			t.Fatal("a link worker sees the admin menu")
		}
		token := b.CSRF(home)
		for _, path := range []string{"/dashboard/admin/staff", "/dashboard/admin/staff/" + w.ID, "/dashboard/admin/audit"} {
			if res := b.Get(path); res.Status != 403 {
				t.Fatalf("GET %s as a link worker: %d", path, res.Status)
			}
		}
		forms := map[string]url.Values{
			"/dashboard/admin/staff":                             {"csrf": {token}, "name": {"X"}, "email": {"x@example.dk"}, "role": {"admin"}},
			"/dashboard/admin/staff/" + w.ID + "/deactivate":     {"csrf": {token}, "confirm": {"yes"}},
			"/dashboard/admin/staff/" + w.ID + "/reset-password": {"csrf": {token}, "confirm": {"yes"}},
			"/dashboard/admin/staff/" + w.ID + "/reassign":       {"csrf": {token}},
		}
		for path, form := range forms {
			if res := b.Post(path, form, true); res.Status != 403 {
				t.Fatalf("POST %s as a link worker: %d", path, res.Status)
			}
		}
	})
}

// TestDashboardAdmin_AddStaffShowsPasswordOnce: the add form makes the account and redirects to
// its page, which shows the one-time password once (not in the URL); the new person is sent to
// choose a password at the first sign-in and can then work.
func TestDashboardAdmin_AddStaffShowsPasswordOnce(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("admin@example.dk", models.RoleAdmin)
		admin := apitest.Browser(e)
		admin.MustLogin("admin@example.dk")
		list := admin.Get("/dashboard/admin/staff")
		if list.Status != 200 || !strings.Contains(string(list.Body), "Medarbejdere") || !strings.Contains(string(list.Body), `for="s-email"`) {
			t.Fatalf("staff page: %d %s", list.Status, list.Body)
		}
		token := admin.CSRF(list)
		bad := admin.Post("/dashboard/admin/staff", url.Values{"csrf": {token}, "name": {"Nina Ny"}, "email": {"ikke-en-mail"}, "role": {"link_worker"}}, true)
		if bad.Status != 400 || !strings.Contains(string(bad.Body), "Skriv en gyldig e-mailadresse.") || !strings.Contains(string(bad.Body), `value="Nina Ny"`) {
			t.Fatalf("invalid email: %d %s", bad.Status, bad.Body)
		}
		created := admin.Post("/dashboard/admin/staff", url.Values{"csrf": {token}, "name": {"Nina Ny"}, "email": {"nina@example.dk"}, "role": {"link_worker"}}, true)
		loc := created.Header.Get("Location")
		if created.Status != 303 || !strings.HasPrefix(loc, "/dashboard/admin/staff/") {
			t.Fatalf("create: %d %s", created.Status, loc)
		}
		page := admin.Get(loc)
		m := oneTimeOnPage.FindSubmatch(page.Body)
		if page.Status != 200 || m == nil || !strings.Contains(string(page.Body), "Medarbejderen er oprettet.") {
			t.Fatalf("the staff page does not show the one-time password: %s", page.Body)
		}
		pw := string(m[1])
		if strings.Contains(loc, pw) || strings.Contains(strings.Join(created.Header.Values("Set-Cookie"), "\n"), pw) {
			t.Fatal("the one-time password is in the URL or a cookie in clear")
		}
		if again := admin.Get(loc); oneTimeOnPage.Match(again.Body) {
			t.Fatal("the one-time password is shown twice")
		}
		if dup := admin.Post("/dashboard/admin/staff", url.Values{"csrf": {token}, "name": {"Nina"}, "email": {"nina@example.dk"}, "role": {"admin"}}, true); dup.Status != 409 {
			t.Fatalf("same email again: %d", dup.Status)
		}

		nina := apitest.Browser(e)
		in := nina.Login("nina@example.dk", pw)
		if in.Status != 303 || in.Header.Get("Location") != "/dashboard/password" {
			t.Fatalf("first sign-in: %d %s", in.Status, in.Header.Get("Location"))
		}
		if res := nina.Get("/dashboard/caseload"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/password" {
			t.Fatalf("caseload before choosing a password: %d %s", res.Status, res.Header.Get("Location"))
		}
		form := nina.Get("/dashboard/password")
		if !strings.Contains(string(form.Body), "engangsadgangskode") {
			t.Fatalf("password page: %s", form.Body)
		}
		ntoken := nina.CSRF(form)
		mismatch := nina.Post("/dashboard/password", url.Values{"csrf": {ntoken}, "current_password": {pw}, "new_password": {"ninas own password"},
			"new_password_again": {"ninas own passwore"}}, true)
		if mismatch.Status != 400 || !strings.Contains(string(mismatch.Body), "ikke ens") {
			t.Fatalf("mismatch: %d", mismatch.Status)
		}
		done := nina.Post("/dashboard/password", url.Values{"csrf": {ntoken}, "current_password": {pw}, "new_password": {"ninas own password"},
			"new_password_again": {"ninas own password"}}, true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/caseload" {
			t.Fatalf("change: %d %s", done.Status, done.Body)
		}
		if res := nina.Get("/dashboard/caseload"); res.Status != 200 {
			t.Fatalf("caseload after choosing a password: %d", res.Status)
		}
	})
}

// TestDashboardAdmin_DeactivateAndReassign: the admin deactivates a worker (the confirmation box
// is required); the worker's dashboard session ends at once; the worker's page lists their
// citizens and one form moves them all, one to a different worker.
func TestDashboardAdmin_DeactivateAndReassign(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("admin@example.dk", models.RoleAdmin)
		leaving, lt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		staying, _ := e.Staff("lw2@example.dk", models.RoleLinkWorker)
		other, _ := e.Staff("lw3@example.dk", models.RoleLinkWorker)
		c1, c2 := e.Refer(lt.AccessToken, "26320001"), e.Refer(lt.AccessToken, "26320002")
		worker := apitest.Browser(e)
		worker.MustLogin("lw@example.dk")
		admin := apitest.Browser(e)
		admin.MustLogin("admin@example.dk")
		page := admin.Get("/dashboard/admin/staff/" + leaving.ID)
		token := admin.CSRF(page)
		action := "/dashboard/admin/staff/" + leaving.ID + "/deactivate"
		if res := admin.Post(action, url.Values{"csrf": {token}}, false); res.Status != 400 {
			t.Fatalf("deactivate without the confirmation: %d", res.Status)
		}
		done := admin.Post(action, url.Values{"csrf": {token}, "confirm": {"yes"}}, true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/admin/staff/"+leaving.ID+"?deactivated=1#citizens" {
			t.Fatalf("deactivate: %d %s", done.Status, done.Header.Get("Location"))
		}
		if res := worker.Get("/dashboard/caseload"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/login" {
			t.Fatalf("the deactivated worker's session: %d %s", res.Status, res.Header.Get("Location"))
		}
		after := admin.Get("/dashboard/admin/staff/" + leaving.ID + "?deactivated=1")
		body := string(after.Body)
		if !strings.Contains(body, c1) || !strings.Contains(body, c2) || !strings.Contains(body, `for="to-all"`) || !strings.Contains(body, "logget ud alle steder") {
			t.Fatalf("the page after deactivation: %s", body)
		}
		moved := admin.Post("/dashboard/admin/staff/"+leaving.ID+"/reassign", url.Values{"csrf": {token}, "link_worker_id": {staying.ID},
			"link_worker_id_" + c2: {other.ID}}, true)
		if moved.Status != 303 || moved.Header.Get("Location") != "/dashboard/admin/staff/"+leaving.ID+"?reassigned=2#citizens" {
			t.Fatalf("reassign: %d %s", moved.Status, moved.Header.Get("Location"))
		}
		for id, want := range map[string]string{c1: staying.ID, c2: other.ID} {
			if ct, _ := e.Store.CitizenByID(t.Context(), id); ct.LinkWorkerID != want {
				t.Fatalf("citizen %s is with %s, want %s", id, ct.LinkWorkerID, want)
			}
		}
		if res := admin.Get("/dashboard/admin/staff/" + leaving.ID + "?reassigned=2"); !strings.Contains(string(res.Body), `id="no-citizens"`) {
			t.Fatal("the deactivated worker still has citizens")
		}
		list := admin.Get("/dashboard/admin/staff")
		if !strings.Contains(string(list.Body), "Deaktiveret") {
			t.Fatal("the staff list does not show the deactivation")
		}
	})
}

// TestDashboardAdmin_AuditPage: the admin's audit page lists citizen reads with the citizen's
// name, filters by staff member and citizen, and refuses a bad date.
func TestDashboardAdmin_AuditPage(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("admin@example.dk", models.RoleAdmin)
		a, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		ca := e.Refer(at.AccessToken, "26320101")
		worker := apitest.Browser(e)
		worker.MustLogin("a@example.dk")
		worker.Get("/dashboard/citizens/" + ca)
		admin := apitest.Browser(e)
		admin.MustLogin("admin@example.dk")
		page := admin.Get("/dashboard/admin/audit?staff_id=" + a.ID + "&citizen_id=" + ca + "&from=&to=")
		body := string(page.Body)
		if page.Status != 200 || !strings.Contains(body, "Så borgerens side") || !strings.Contains(body, "Anna Jensen") || !strings.Contains(body, `for="a-from"`) {
			t.Fatalf("audit page: %d %s", page.Status, body)
		}
		if res := admin.Get("/dashboard/admin/audit?from=i+g%C3%A5r"); res.Status != 400 {
			t.Fatalf("bad date: %d", res.Status)
		}
		if res := admin.Get("/dashboard/admin/audit?staff_id=" + models.NewID()); !strings.Contains(string(res.Body), `id="audit-empty"`) {
			t.Fatal("a filter matching nobody still lists entries")
		}
	})
}
