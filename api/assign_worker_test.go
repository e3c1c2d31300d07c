package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

// TestAssign_OnlyToActiveLinkWorker: every path that assigns a citizen (a new referral through
// the API and the dashboard's form, a reassignment, the admin's moving of a caseload) refuses an
// admin (400, link_worker_id) and a deactivated link worker (409, link_worker_id) with a JSON
// error, and changes nothing.
func TestAssign_OnlyToActiveLinkWorker(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		ctx := context.Background()
		admin, at := e.Staff("admin@example.dk", models.RoleAdmin)
		worker, wt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		gone, _ := e.Staff("gone@example.dk", models.RoleLinkWorker)
		if _, err := e.Store.DeactivateStaff(ctx, gone.ID, admin.ID); err != nil {
			t.Fatal(err)
		}
		citizen := e.Refer(wt.AccessToken, "26320001")
		referral := func(token, to, phone string) apitest.Response {
			return e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Bo Holm", "phone": phone, "language": "da",
				"consent_contact": true, "consent_data": true, "link_worker_id": to}, token))
		}
		for _, tc := range []struct {
			name   string
			res    apitest.Response
			status int
			code   string
		}{
			{"referral to an admin", referral(at.AccessToken, admin.ID, "26320002"), 400, "EINVALID"},
			{"referral to a deactivated worker", referral(at.AccessToken, gone.ID, "26320003"), 409, "ECONFLICT"},
			{"a worker refers to an admin", referral(wt.AccessToken, admin.ID, "26320004"), 400, "EINVALID"},
			{"referral to nobody", referral(at.AccessToken, models.NewID(), "26320005"), 400, "EINVALID"},
			{"reassign to an admin", e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+citizen+"/reassign",
				map[string]string{"link_worker_id": admin.ID}, at.AccessToken)), 400, "EINVALID"},
			{"reassign to a deactivated worker", e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+citizen+"/reassign",
				map[string]string{"link_worker_id": gone.ID}, at.AccessToken)), 409, "ECONFLICT"},
		} {
			body := string(tc.res.Body)
			if tc.res.Status != tc.status || !strings.Contains(body, `"code":"`+tc.code+`"`) || !strings.Contains(body, `"field":"link_worker_id"`) {
				t.Errorf("%s: %d %s, want %d %s on link_worker_id", tc.name, tc.res.Status, body, tc.status, tc.code)
			}
		}
		for _, phone := range []string{"+4526320002", "+4526320003", "+4526320004", "+4526320005"} {
			if rows, _ := e.Store.ListOutbox(ctx, models.OutboxFilter{Phone: phone}); len(rows) != 0 {
				t.Errorf("a refused referral queued an SMS to %s", phone)
			}
		}
		if ct, _ := e.Store.CitizenByID(ctx, citizen); ct.LinkWorkerID != worker.ID {
			t.Fatalf("a refused reassignment moved the citizen to %s", ct.LinkWorkerID)
		}

		// The admin's "move this worker's caseload" form: nothing moves, 409 for a deactivated target.
		dash := apitest.Browser(e)
		dash.MustLogin("admin@example.dk")
		page := dash.Get("/dashboard/admin/staff/" + worker.ID)
		res := dash.Post("/dashboard/admin/staff/"+worker.ID+"/reassign", url.Values{"csrf": {dash.CSRF(page)}, "link_worker_id": {gone.ID}}, true)
		if res.Status != 409 {
			t.Errorf("dashboard move to a deactivated worker: %d", res.Status)
		}
		res = dash.Post("/dashboard/admin/staff/"+worker.ID+"/reassign", url.Values{"csrf": {dash.CSRF(page)}, "link_worker_id": {admin.ID}}, true)
		if res.Status != 400 {
			t.Errorf("dashboard move to an admin: %d", res.Status)
		}
		if ct, _ := e.Store.CitizenByID(ctx, citizen); ct.LinkWorkerID != worker.ID {
			t.Fatalf("a refused move moved the citizen to %s", ct.LinkWorkerID)
		}
	})
}

// TestReferral_PhoneConflictSaysNotWhose: a number already held in another worker's caseload is
// 409 saying only that the number is in the service: neither the citizen, their id, nor their
// link worker; the dashboard's form says the same in Danish.
func TestReferral_PhoneConflictSaysNotWhose(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		owner, ot := e.Staff("owner@example.dk", models.RoleLinkWorker)
		_, wt := e.Staff("other@example.dk", models.RoleLinkWorker)
		citizen := e.Refer(ot.AccessToken, "26330001")
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Bo Holm", "phone": "26 33 00 01",
			"language": "da", "consent_contact": true, "consent_data": true}, wt.AccessToken))
		body := string(res.Body)
		if res.Status != 409 || !strings.Contains(body, `"message":"This phone number is already in the service."`) {
			t.Fatalf("duplicate phone: %d %s", res.Status, body)
		}
		for _, secret := range []string{citizen, owner.ID, owner.Name, "Anna Jensen", "active"} {
			if strings.Contains(body, secret) {
				t.Errorf("the 409 reveals %q: %s", secret, body)
			}
		}
		dash := apitest.Browser(e)
		dash.MustLogin("other@example.dk")
		form := dash.Get("/dashboard/referrals/new")
		page := dash.Post("/dashboard/referrals", url.Values{"csrf": {dash.CSRF(form)}, "name": {"Bo Holm"}, "phone": {"26330001"},
			"language": {"da"}, "consent_contact": {"true"}, "consent_data": {"true"}}, true)
		html := string(page.Body)
		if page.Status != 422 || !strings.Contains(html, "Telefonnummeret er allerede i tjenesten.") {
			t.Fatalf("dashboard duplicate phone: %d", page.Status)
		}
		for _, secret := range []string{citizen, owner.Name, "Anna Jensen"} {
			if strings.Contains(html, secret) {
				t.Errorf("the form reveals %q", secret)
			}
		}
	})
}
