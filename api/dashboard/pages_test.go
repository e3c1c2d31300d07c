package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestDashboard_OtherWorkersCitizenIsNotFound: worker A gets the 404 page for worker B's citizen
// (page and form), B and the admin see the page, and each read is in the audit log.
func TestDashboard_OtherWorkersCitizenIsNotFound(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("a@example.dk", models.RoleLinkWorker)
		_, bt := e.Staff("b@example.dk", models.RoleLinkWorker)
		e.Staff("admin@example.dk", models.RoleAdmin)
		cb := e.Refer(bt.AccessToken, "26300101")
		a, b, admin := apitest.Browser(e), apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")
		admin.MustLogin("admin@example.dk")
		notFound := a.Get("/dashboard/citizens/" + cb)
		if notFound.Status != 404 || !strings.Contains(string(notFound.Body), "Siden findes ikke") || strings.Contains(string(notFound.Body), "Anna") {
			t.Fatalf("A on B's citizen: %d %s", notFound.Status, notFound.Body)
		}
		if res := a.Post("/dashboard/citizens/"+cb+"/messages", url.Values{"body": {"Hej"}, "csrf": {a.CSRF(notFound)}}, true); res.Status != 404 {
			t.Fatalf("A messaged B's citizen: %d", res.Status)
		}
		if res := a.Get("/dashboard/caseload"); strings.Contains(string(res.Body), cb) {
			t.Fatal("B's citizen is on A's caseload")
		}
		for name, br := range map[string]*apitest.DashBrowser{"B": b, "admin": admin} {
			if res := br.Get("/dashboard/citizens/" + cb); res.Status != 200 || !strings.Contains(string(res.Body), "Anna Jensen") {
				t.Fatalf("%s on B's citizen: %d", name, res.Status)
			}
		}
		if res := admin.Get("/dashboard/caseload"); !strings.Contains(string(res.Body), cb) {
			t.Fatal("the admin's caseload lacks B's citizen")
		}
		trail, _ := e.Store.AuditTrail(context.Background(), cb, 50)
		reads := 0
		for _, entry := range trail {
			if entry.Action == "read_citizen" {
				reads++
			}
		}
		if reads != 2 {
			t.Fatalf("want 2 audited reads (B, admin), got %d: %+v", reads, trail)
		}
	})
}

// TestDashboard_AckFlagThroughTheForm: the review queue lists the crisis flag first with its
// reason and marks it overdue after two hours; the form needs a note, acknowledges it and
// redirects back to the page it came from.
func TestDashboard_AckFlagThroughTheForm(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		e.Staff("b@example.dk", models.RoleLinkWorker)
		id := e.Refer(at.AccessToken, "26300201")
		apitest.SMS(e, "26300201", "JA")
		apitest.SMS(e, "26300201", "Kan du ringe til mig i morgen?")
		apitest.SMS(e, "26300201", "jeg orker ikke at leve mere")
		crisis, freeText := apitest.OpenFlag(e, id, models.FlagCrisis), apitest.OpenFlag(e, id, models.FlagFreeText)
		e.Clock.Advance(3 * time.Hour)
		a, b := apitest.Browser(e), apitest.Browser(e)
		a.MustLogin("a@example.dk")
		b.MustLogin("b@example.dk")

		queue := a.Get("/dashboard/review")
		body := string(queue.Body)
		if queue.Status != 200 || strings.Index(body, crisis) > strings.Index(body, freeText) || !strings.Contains(body, "Mulig nødsituation") {
			t.Fatalf("review queue: %d %s", queue.Status, body)
		}
		if !regexp.MustCompile(`class="flag sev-urgent overdue" id="flag-` + crisis).MatchString(body) {
			t.Fatal("the three-hour-old crisis flag is not highlighted as overdue")
		}
		ack := "/dashboard/flags/" + crisis + "/ack"
		token := a.CSRF(queue)
		if res := b.Post(ack, url.Values{"note": {"x"}, "csrf": {b.CSRF(b.Get("/dashboard/review"))}}, true); res.Status != 404 {
			t.Fatalf("B acknowledged A's flag: %d", res.Status)
		}
		if res := a.Post(ack, url.Values{"note": {" "}, "csrf": {token}, "from": {"review"}}, false); res.Status != 400 {
			t.Fatalf("blank note: %d", res.Status)
		}
		done := a.Post(ack, url.Values{"note": {"Ringede til Anna; hun har det bedre."}, "csrf": {token}, "from": {"review"}}, true)
		if done.Status != 303 || done.Header.Get("Location") != "/dashboard/review?acked=1" {
			t.Fatalf("ack: %d %s", done.Status, done.Body)
		}
		after := a.Get("/dashboard/review?acked=1")
		if strings.Contains(string(after.Body), crisis) || !strings.Contains(string(after.Body), "Markeret som set.") {
			t.Fatalf("the acknowledged flag is still listed: %s", after.Body)
		}
		if res := a.Post(ack, url.Values{"note": {"igen"}, "csrf": {token}}, true); res.Status != 409 {
			t.Fatalf("second ack: %d", res.Status)
		}
		fromPage := a.Post("/dashboard/flags/"+freeText+"/ack", url.Values{"note": {"Svarede på SMS."}, "csrf": {token}, "from": {"citizen"}}, true)
		if fromPage.Status != 303 || fromPage.Header.Get("Location") != "/dashboard/citizens/"+id+"?acked=1#flags" {
			t.Fatalf("ack from the citizen page: %d %s", fromPage.Status, fromPage.Header.Get("Location"))
		}
		page := a.Get("/dashboard/citizens/" + id + "?acked=1")
		if !strings.Contains(string(page.Body), `id="no-open-flags"`) || !strings.Contains(string(page.Body), "Ringede til Anna") {
			t.Fatalf("citizen page after both acks: %s", page.Body)
		}
	})
}

// TestDashboard_ScoreChartHasACirclePerScoredCheckin: the inline SVG has one circle per scored
// WHO-5 and UCLA-3 check-in, and a citizen with none gets the empty chart.
func TestDashboard_ScoreChartHasACirclePerScoredCheckin(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := e.Refer(at.AccessToken, "26300301")
		none := e.Refer(at.AccessToken, "26300302")
		apitest.SMS(e, "26300301", "JA")
		for _, answers := range [][]int{{3, 3, 3, 3, 2}, {3, 4, 3, 3, 3}, {4, 4, 3, 4, 3}} {
			e.Clock.Advance(7 * 24 * time.Hour)
			scoreCheckin(e, id, "26300301", "who5", answers...)
		}
		e.Clock.Advance(24 * time.Hour)
		scoreCheckin(e, id, "26300301", "ucla3", 2, 2, 1)
		scored, _ := e.Store.ScoredCheckins(context.Background(), id)
		b := apitest.Browser(e)
		b.MustLogin("a@example.dk")
		page := b.Get("/dashboard/citizens/" + id)
		if got := chartCircles(t, page); got != len(scored) || got != 4 {
			t.Fatalf("chart has %d circles for %d scored check-ins", got, len(scored))
		}
		if !strings.Contains(string(page.Body), "<polyline") || !strings.Contains(string(page.Body), "WHO-5") {
			t.Fatal("the chart lacks its line or title")
		}
		empty := b.Get("/dashboard/citizens/" + none)
		if got := chartCircles(t, empty); got != 0 || !strings.Contains(string(empty.Body), "Ingen besvarede spørgeskemaer endnu") {
			t.Fatalf("empty chart: %d circles", got)
		}
	})
}

var caseloadRow = regexp.MustCompile(`<tr class="citizen" data-rag="(red|amber|green)">`)

// TestDashboard_CaseloadFiltersAndPages: status filter, sort and the cursor links keep each other.
func TestDashboard_CaseloadFiltersAndPages(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		worker, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		for i := 0; i < 26; i++ {
			storetest.Citizen(t, e.Store, worker, models.LangDA)
		}
		confirmed := e.Refer(at.AccessToken, "26300401")
		apitest.SMS(e, "26300401", "JA")
		b := apitest.Browser(e)
		b.MustLogin("a@example.dk")
		first := b.Get("/dashboard/caseload?sort=name")
		if n := len(caseloadRow.FindAll(first.Body, -1)); n != 25 {
			t.Fatalf("first page has %d rows", n)
		}
		next := regexp.MustCompile(`href="(/dashboard/caseload\?[^"]*cursor=[^"]+)"`).FindSubmatch(first.Body)
		if next == nil {
			t.Fatal("no next-page link")
		}
		href := strings.ReplaceAll(string(next[1]), "&amp;", "&")
		if !strings.Contains(href, "sort=name") {
			t.Fatalf("the next link forgets the sort: %s", href)
		}
		second := b.Get(href)
		if n := len(caseloadRow.FindAll(second.Body, -1)); n != 2 || !strings.Contains(string(second.Body), "Første side") {
			t.Fatalf("second page has %d rows", n)
		}
		only := b.Get("/dashboard/caseload?status=confirmed")
		rows := caseloadRow.FindAllSubmatch(only.Body, -1)
		if len(rows) != 1 || string(rows[0][1]) != "green" || !strings.Contains(string(only.Body), confirmed) {
			t.Fatalf("status filter: %d rows %s", len(rows), only.Body)
		}
		if res := b.Get("/dashboard/caseload?sort=name&cursor=garbage"); res.Status != 400 {
			t.Fatalf("bad cursor: %d", res.Status)
		}
	})
}

// TestDashboard_LanguageSwitch: the choice is kept in a cookie, the page comes back in English,
// and the link cannot send anyone off the dashboard.
func TestDashboard_LanguageSwitch(t *testing.T) {
	e := apitest.NewEnv(t, models.SQLite)
	e.Staff("a@example.dk", models.RoleLinkWorker)
	b := apitest.Browser(e)
	b.MustLogin("a@example.dk")
	if da := b.Get("/dashboard/review"); !strings.Contains(string(da.Body), `<html lang="da">`) || !strings.Contains(string(da.Body), "Opfølgning") {
		t.Fatal("the default language is not Danish")
	}
	res := b.Get("/dashboard/language?" + url.Values{"lang": {"en"}, "back": {"/dashboard/review"}}.Encode())
	if res.Status != 303 || res.Header.Get("Location") != "/dashboard/review" || b.Cookies["bb_lang"].Value != "en" {
		t.Fatalf("switch: %d %s", res.Status, res.Header.Get("Location"))
	}
	if en := b.Get("/dashboard/review"); !strings.Contains(string(en.Body), `<html lang="en">`) || !strings.Contains(string(en.Body), "Review queue") {
		t.Fatal("the page is not in English after the switch")
	}
	for _, back := range []string{"https://evil.example/", "//evil.example/dashboard/", "/v1/me", "/dashboard\\..\\x"} {
		res := b.Get("/dashboard/language?" + url.Values{"lang": {"da"}, "back": {back}}.Encode())
		if res.Header.Get("Location") != "/dashboard/caseload" {
			t.Errorf("back=%s redirected to %s", back, res.Header.Get("Location"))
		}
	}
	// Not in the spec, so straight to the app: an unknown dashboard address is the HTML 404 page.
	lost, err := e.Client.App.Test(httptest.NewRequest("GET", "/dashboard/nowhere", nil), -1)
	if err != nil || lost.StatusCode != 404 || !strings.Contains(lost.Header.Get("Content-Type"), "text/html") ||
		lost.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("unknown dashboard page: %v %+v", err, lost)
	}
}
