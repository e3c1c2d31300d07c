package api_test

import (
	"brobygger/api/apitest"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

type deletionList struct {
	Items []struct {
		ID             string  `json:"id"`
		State          string  `json:"state"`
		ErasedAt       *string `json:"erased_at"`
		UrgentFlagOpen bool    `json:"urgent_flag_open"`
	} `json:"items"`
}

// TestDeletionRequests_ListEraseAndTwice: the citizen asks in the app; their export holds the
// worker's note; the admin sees the request, erases it (200), a second erase is 409, an unknown
// id 404, a link worker 403; the list then shows it erased and the citizen's name is gone.
func TestDeletionRequests_ListEraseAndTwice(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, wt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		id := e.Refer(wt.AccessToken, "26500001")
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+id+"/notes", map[string]string{"body": "Anna Jensen ringede om strik."}, wt.AccessToken)); res.Status != 201 {
			t.Fatalf("note: %d %s", res.Status, res.Body)
		}
		ct := e.CitizenLogin("26500001")
		export := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/export", nil, ct.AccessToken))
		if export.Status != 200 || !strings.Contains(string(export.Body), "ringede om strik") {
			t.Fatalf("the export must hold the worker's note: %d %s", export.Status, export.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/deletion-request", nil, ct.AccessToken)); res.Status != 202 {
			t.Fatalf("deletion request: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/deletion-requests", nil, wt.AccessToken)); res.Status != 403 {
			t.Fatalf("a link worker listing: %d", res.Status)
		}
		var list deletionList
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/deletion-requests", nil, at.AccessToken)).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].ID != id || list.Items[0].State != "pending" {
			t.Fatalf("pending list: %+v", list)
		}
		erase := "/v1/admin/deletion-requests/" + id + "/erase"
		if res := e.Client.Do(apitest.NewJSONRequest("POST", erase, nil, wt.AccessToken)); res.Status != 403 {
			t.Fatalf("a link worker erasing: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", erase, nil, at.AccessToken)); res.Status != 200 || !strings.Contains(string(res.Body), `"state":"erased"`) {
			t.Fatalf("erase: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", erase, nil, at.AccessToken)); res.Status != 409 || res.ErrorCode(t) != "ECONFLICT" {
			t.Fatalf("erase twice: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/deletion-requests/"+models.NewID()+"/erase", nil, at.AccessToken)); res.Status != 404 {
			t.Fatalf("unknown request: %d", res.Status)
		}
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/deletion-requests?state=all", nil, at.AccessToken)).JSON(t, &list)
		if len(list.Items) != 1 || list.Items[0].State != "erased" || list.Items[0].ErasedAt == nil {
			t.Fatalf("all list: %+v", list)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/admin/deletion-requests?state=maybe", nil, at.AccessToken)); res.Status != 400 {
			t.Fatalf("bad state: %d", res.Status)
		}
		detail := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id, nil, at.AccessToken))
		if strings.Contains(string(detail.Body), "Anna Jensen") || strings.Contains(string(detail.Body), "26500001") {
			t.Fatalf("the erased citizen still shows name or number: %s", detail.Body)
		}
	})
}

// TestDashDeletionRequests_EraseWithConfirmation: the admin's page lists the request; the erase
// form without the tick is refused and changes nothing; with it, 303 back to the list, which
// says it is done; a link worker gets 403.
func TestDashDeletionRequests_EraseWithConfirmation(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, wt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Staff("admin@example.dk", models.RoleAdmin)
		id := e.Refer(wt.AccessToken, "26500002")
		if _, err := e.Store.RequestDeletion(t.Context(), id); err != nil {
			t.Fatal(err)
		}
		worker := apitest.Browser(e)
		worker.MustLogin("lw@example.dk")
		if res := worker.Get("/dashboard/admin/deletion-requests"); res.Status != 403 {
			t.Fatalf("a link worker: %d", res.Status)
		}
		admin := apitest.Browser(e)
		admin.MustLogin("admin@example.dk")
		page := admin.Get("/dashboard/admin/deletion-requests")
		if page.Status != 200 || !strings.Contains(string(page.Body), id) {
			t.Fatalf("page: %d %s", page.Status, page.Body)
		}
		action := "/dashboard/admin/deletion-requests/" + id + "/erase"
		if res := admin.Post(action, url.Values{"csrf": {admin.CSRF(page)}}, false); res.Status != 400 {
			t.Fatalf("without the tick: %d", res.Status)
		}
		if c, _ := e.Store.CitizenByID(t.Context(), id); c.ErasedAt != nil {
			t.Fatal("erased without the tick")
		}
		res := admin.Post(action, url.Values{"csrf": {admin.CSRF(page)}, "confirm": {"yes"}}, true)
		if res.Status != 303 || res.Header.Get("Location") != "/dashboard/admin/deletion-requests?erased=1" {
			t.Fatalf("erase: %d %s", res.Status, res.Body)
		}
		done := admin.Get("/dashboard/admin/deletion-requests?erased=1")
		if !strings.Contains(string(done.Body), "Borgerens data er slettet.") || strings.Contains(string(done.Body), action) {
			t.Fatalf("after erasing: %s", done.Body)
		}
		if c, _ := e.Store.CitizenByID(t.Context(), id); c.ErasedAt == nil {
			t.Fatal("not erased")
		}
	})
}
