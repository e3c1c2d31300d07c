package api_test

import (
	"context"
	"testing"

	"brobygger/models"
)

func TestReferrals_CreateQueuesContactAndRejectsDuplicates(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, lw := e.staff("lw@example.dk", models.RoleLinkWorker)
		id := e.refer(lw.AccessToken, "+45 26 55 44 33")
		out, _ := e.store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
		if len(out) != 1 || out[0].Kind != models.KindContact {
			t.Fatalf("contact SMS not queued: %+v", out)
		}
		dup := e.client.Do(newJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anna", "phone": "26554433",
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
			if res := e.client.DoInvalid(newJSONRequest("POST", "/v1/referrals", body, lw.AccessToken)); res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		page, _ := e.store.Caseload(context.Background(), models.CaseloadQuery{})
		if len(page.Rows) != 1 {
			t.Fatalf("rejected referrals left %d citizens", len(page.Rows))
		}
	})
}

// TestCaseload_ScopedToTheLinkWorker: worker A never sees worker B's citizen; an admin sees both.
func TestCaseload_ScopedToTheLinkWorker(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, a := e.staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.staff("admin@example.dk", models.RoleAdmin)
		ca := e.refer(a.AccessToken, "26100001")
		cb := e.refer(b.AccessToken, "26100002")
		list := func(tok string) []string {
			res := e.client.Do(newJSONRequest("GET", "/v1/caseload", nil, tok))
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
