package api_test

import (
	"brobygger/api/apitest"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

type caseloadJSON struct {
	Items []struct {
		CitizenID string `json:"citizen_id"`
		Need      string `json:"need"`
		RAG       string `json:"rag"`
	} `json:"items"`
	NextCursor string         `json:"next_cursor"`
	Counts     map[string]int `json:"counts"`
}

func caseload(e *apitest.Env, token string, query url.Values) caseloadJSON {
	e.T.Helper()
	res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload?"+query.Encode(), nil, token))
	if res.Status != 200 {
		e.T.Fatalf("caseload %s: %d %s", query.Encode(), res.Status, res.Body)
	}
	var out caseloadJSON
	res.JSON(e.T, &out)
	return out
}

// TestCaseload_NeedSortIsTheDefault: /v1/caseload opens with the urgent flag first, then the
// overdue one, then amber, then green; pages of one keep that order; counts cover the whole
// caseload whatever the page, filter or search; other sorts still answer.
func TestCaseload_NeedSortIsTheDefault(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		old := e.Refer(a.AccessToken, "26400001")
		apitest.Raise(e, old, models.SeverityHigh) // Monday: due Monday evening
		e.Clock.Advance(24 * time.Hour)            // Tuesday: overdue
		a, b = apitest.Login(e, "a@example.dk"), apitest.Login(e, "b@example.dk")
		confirmed := apitest.ConfirmedCitizen(e, a.AccessToken, "26400002")
		waiting := e.Refer(a.AccessToken, "26400003")
		urgent := e.Refer(a.AccessToken, "26400004")
		apitest.Raise(e, urgent, models.SeverityUrgent)
		e.Refer(b.AccessToken, "26400005")

		first := caseload(e, a.AccessToken, url.Values{})
		var got, needs []string
		for _, it := range first.Items {
			got, needs = append(got, it.CitizenID), append(needs, it.Need)
		}
		want := []string{urgent, old, waiting, confirmed}
		if len(got) != 4 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] || got[3] != want[3] {
			t.Fatalf("need order %v (%v), want %v", got, needs, want)
		}
		if needs[0] != "urgent_flag" || needs[1] != "overdue_flag" || needs[2] != "amber" || needs[3] != "none" {
			t.Errorf("needs %v", needs)
		}
		if first.Counts["awaiting_contact"] != 3 || first.Counts["confirmed"] != 1 || first.Counts["engaged"] != 0 || len(first.Counts) != 10 {
			t.Errorf("counts %v", first.Counts)
		}
		var paged []string
		q := url.Values{"limit": {"1"}}
		for i := 0; i < 10; i++ {
			page := caseload(e, a.AccessToken, q)
			if page.Counts["awaiting_contact"] != 3 {
				t.Errorf("page %d counts %v", i, page.Counts)
			}
			for _, it := range page.Items {
				paged = append(paged, it.CitizenID)
			}
			if page.NextCursor == "" {
				break
			}
			q.Set("cursor", page.NextCursor)
		}
		if len(paged) != 4 || paged[0] != urgent || paged[3] != confirmed {
			t.Fatalf("paged need order %v", paged)
		}
		found := caseload(e, a.AccessToken, url.Values{"q": {"+45 26 40 00 02"}, "status": {"confirmed"}})
		if len(found.Items) != 1 || found.Items[0].CitizenID != confirmed || found.Counts["awaiting_contact"] != 3 {
			t.Fatalf("search by phone: %+v", found)
		}
		if none := caseload(e, a.AccessToken, url.Values{"q": {"26400005"}}); len(none.Items) != 0 {
			t.Fatalf("search found B's citizen: %+v", none)
		}
		if byName := caseload(e, a.AccessToken, url.Values{"q": {"anna jen"}, "sort": {"name"}}); len(byName.Items) != 4 {
			t.Fatalf("search by name: %d items", len(byName.Items))
		}
		for _, bad := range []string{"sort=nonsense", "sort=need&cursor=garbage", "q=" + strings.Repeat("x", 101)} {
			res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/caseload?"+bad, nil, a.AccessToken))
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
				t.Errorf("%s: %d %s", bad, res.Status, res.Body)
			}
		}
	})
}
