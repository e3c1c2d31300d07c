package dashboard_test

import (
	"brobygger/api/apitest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

var caseloadLink = regexp.MustCompile(`<tr class="citizen" data-rag="[a-z]+">\s*<td><a href="/dashboard/citizens/([^"]+)"`)

func caseloadIDs(page apitest.Response) []string {
	var ids []string
	for _, m := range caseloadLink.FindAllSubmatch(page.Body, -1) {
		ids = append(ids, string(m[1]))
	}
	return ids
}

// TestDashboard_CaseloadByNeed: a new worker's empty caseload says how citizens arrive; the
// caseload opens with the urgent and overdue flags on top (marked), then amber, then green; the
// counts cover the whole caseload; search finds a name or a number in any writing.
func TestDashboard_CaseloadByNeed(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		b := apitest.Browser(e)
		b.MustLogin("a@example.dk")
		empty := b.Get("/dashboard/caseload")
		if !strings.Contains(string(empty.Body), `id="empty-caseload"`) || !strings.Contains(string(empty.Body), "henvisninger fra lægen kommer her") ||
			!strings.Contains(string(empty.Body), `href="/dashboard/referrals/new"`) {
			t.Fatalf("empty caseload: %s", empty.Body)
		}
		overdue := e.Refer(at.AccessToken, "26600001")
		apitest.Raise(e, overdue, models.SeverityNormal)
		e.Clock.Advance(3 * 24 * time.Hour) // Thursday: the Monday flag was due Tuesday evening
		at = apitest.Login(e, "a@example.dk")
		b.MustLogin("a@example.dk")
		green := apitest.ConfirmedCitizen(e, at.AccessToken, "26600002")
		amber := e.Refer(at.AccessToken, "26600003")
		urgent := e.Refer(at.AccessToken, "26600004")
		apitest.Raise(e, urgent, models.SeverityUrgent)

		page := b.Get("/dashboard/caseload")
		body := string(page.Body)
		got := caseloadIDs(page)
		if len(got) != 4 || got[0] != urgent || got[1] != overdue || got[2] != amber || got[3] != green {
			t.Fatalf("caseload order %v, want %v", got, []string{urgent, overdue, amber, green})
		}
		if !strings.Contains(body, `class="tag need-urgent_flag">Akut`) || !strings.Contains(body, `class="tag need-overdue_flag">Forsinket`) {
			t.Error("the urgent and overdue citizens are not marked")
		}
		if !strings.Contains(body, `<option value="need" selected>Hvem har brug for mig først`) {
			t.Error("the need sort is not the one shown as chosen")
		}
		counts := regexp.MustCompile(`(?s)<ul class="counts".*?</ul>`).FindString(body)
		for _, want := range []string{"<strong>4</strong> Alle", "<strong>3</strong> ", "<strong>1</strong> "} {
			if !strings.Contains(counts, want) {
				t.Errorf("counts lack %q: %s", want, counts)
			}
		}
		everyInputHasALabel(t, page.Body)

		for q, want := range map[string]string{"+45 26 60 00 02": green, "26600003": amber, "26 60 00 04": urgent} {
			found := caseloadIDs(b.Get("/dashboard/caseload?" + url.Values{"q": {q}}.Encode()))
			if len(found) != 1 || found[0] != want {
				t.Errorf("search %q: %v", q, found)
			}
		}
		byName := b.Get("/dashboard/caseload?q=ANNA")
		if len(caseloadIDs(byName)) != 4 || !strings.Contains(string(byName.Body), `value="ANNA"`) {
			t.Errorf("search by name: %v", caseloadIDs(byName))
		}
		nothing := b.Get("/dashboard/caseload?q=Zebra")
		if len(caseloadIDs(nothing)) != 0 || !strings.Contains(string(nothing.Body), "Ingen borgere passer") ||
			!strings.Contains(string(nothing.Body), "<strong>4</strong> Alle") {
			t.Errorf("a search with no match: %s", nothing.Body)
		}
		created := caseloadIDs(b.Get("/dashboard/caseload?sort=created"))
		if len(created) != 4 || created[0] != urgent {
			t.Errorf("sort=created: %v", created)
		}
	})
}
