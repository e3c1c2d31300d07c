package api_test

import (
	"brobygger/api/apitest"
	"context"
	"testing"

	"brobygger/models"
)

func TestReferrals_CreateQueuesContactAndRejectsDuplicates(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := e.Refer(lw.AccessToken, "+45 26 55 44 33")
		out, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
		if len(out) != 1 || out[0].Kind != models.KindContact {
			t.Fatalf("contact SMS not queued: %+v", out)
		}
		dup := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anna", "phone": "26554433",
			"consent_contact": true, "consent_data": true}, lw.AccessToken))
		if dup.Status != 409 || dup.ErrorCode(t) != "ECONFLICT" {
			t.Fatalf("duplicate phone: %d %s", dup.Status, dup.Body)
		}
		for name, body := range map[string]any{
			"no consent":   map[string]any{"name": "B", "phone": "26554434", "consent_contact": false, "consent_data": true},
			"bad phone":    map[string]any{"name": "B", "phone": "12", "consent_contact": true, "consent_data": true},
			"bad language": map[string]any{"name": "B", "phone": "26554435", "language": "de", "consent_contact": true, "consent_data": true},
			"no name":      map[string]any{"name": "", "phone": "26554436", "consent_contact": true, "consent_data": true},
		} {
			if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/referrals", body, lw.AccessToken)); res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		page, _ := e.Store.Caseload(context.Background(), models.CaseloadQuery{})
		if len(page.Rows) != 1 {
			t.Fatalf("rejected referrals left %d citizens", len(page.Rows))
		}
	})
}

// TestCaseload_ScopedToTheLinkWorker: worker A never sees worker B's citizen; an admin sees both.
func TestCaseload_ScopedToTheLinkWorker(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		ca := e.Refer(a.AccessToken, "26100001")
		cb := e.Refer(b.AccessToken, "26100002")
		list := func(tok string) []string {
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, tok))
			var page struct {
				Items []struct {
					CitizenID string `json:"citizen_id"`
					Status    string `json:"status"`
				}
			}
			res.JSON(t, &page)
			var ids []string
			for _, it := range page.Items {
				ids = append(ids, it.CitizenID)
				if it.Status != "awaiting_contact" {
					t.Errorf("status %q", it.Status)
				}
			}
			return ids
		}
		if got := list(a.AccessToken); len(got) != 1 || got[0] != ca {
			t.Fatalf("worker A sees %v", got)
		}
		if got := list(b.AccessToken); len(got) != 1 || got[0] != cb {
			t.Fatalf("worker B sees %v", got)
		}
		if got := list(admin.AccessToken); len(got) != 2 {
			t.Fatalf("admin sees %v", got)
		}
	})
}
