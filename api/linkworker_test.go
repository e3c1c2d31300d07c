package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/models"
)

// TestLinkWorker_OtherWorkersCitizenIsNotFound: every citizen route answers 404 for another
// worker's citizen, and works for the admin.
func TestLinkWorker_OtherWorkersCitizenIsNotFound(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		cb := e.Refer(b.AccessToken, "26200001")
		routes := []struct {
			method, path string
			body         any
		}{
			{"GET", "/v1/citizens/" + cb, nil},
			{"GET", "/v1/citizens/" + cb + "/timeline", nil},
			{"POST", "/v1/citizens/" + cb + "/messages", map[string]string{"body": "Hej"}},
		}
		for _, r := range routes {
			if res := e.Client.Do(apitest.NewJSONRequest(r.method, r.path, r.body, a.AccessToken)); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
				t.Errorf("worker A %s %s: %d %s", r.method, r.path, res.Status, res.Body)
			}
			if res := e.Client.Do(apitest.NewJSONRequest(r.method, r.path, r.body, admin.AccessToken)); res.Status >= 300 {
				t.Errorf("admin %s %s: %d %s", r.method, r.path, res.Status, res.Body)
			}
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/citizens/not-an-id", nil, a.AccessToken)); res.Status != 404 {
			t.Errorf("malformed id: %d", res.Status)
		}
		trail, _ := e.Store.AuditTrail(context.Background(), cb, 50)
		reads := 0
		for _, a := range trail {
			if strings.HasPrefix(a.Action, "read_") {
				reads++
			}
		}
		if reads != 2 {
			t.Fatalf("staff reads of the record were not audited: %+v", trail)
		}
	})
}

// TestLinkWorker_CrisisFlagAckResumesCheckins: a crisis text raises an urgent flag first in the
// queue and pauses the citizen; acknowledging it with a note resumes them.
func TestLinkWorker_CrisisFlagAckResumesCheckins(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		id := e.Refer(a.AccessToken, "26200002")
		apitest.SMS(e, "26200002", "JA")
		apitest.SMS(e, "26200002", "Kan du ringe til mig i morgen?")
		apitest.SMS(e, "26200002", "jeg orker ikke at leve mere")
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/flags", nil, a.AccessToken))
		var q struct {
			Items []struct {
				ID, Kind, Severity, Reason string
			}
		}
		res.JSON(t, &q)
		if len(q.Items) < 2 || q.Items[0].Kind != "crisis" || q.Items[0].Severity != "urgent" || q.Items[0].Reason == "" {
			t.Fatalf("queue not ordered by urgency: %s", res.Body)
		}
		if other := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/flags", nil, b.AccessToken)); strings.Contains(string(other.Body), q.Items[0].ID) {
			t.Fatal("worker B sees A's flags")
		}
		detail := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id, nil, a.AccessToken))
		if !strings.Contains(string(detail.Body), `"paused":true`) {
			t.Fatalf("crisis did not pause: %s", detail.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/flags/"+q.Items[0].ID+"/ack", map[string]string{"note": "x"}, b.AccessToken)); res.Status != 404 {
			t.Fatalf("worker B acknowledged A's flag: %d", res.Status)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/flags/"+q.Items[0].ID+"/ack", map[string]string{"note": " "}, a.AccessToken)); res.Status != 400 {
			t.Fatalf("empty note: %d", res.Status)
		}
		ack := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/flags/"+q.Items[0].ID+"/ack", map[string]string{"note": "Ringede til Anna; hun har det bedre og har aftale med egen læge."}, a.AccessToken))
		if ack.Status != 200 {
			t.Fatalf("ack: %d %s", ack.Status, ack.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/flags/"+q.Items[0].ID+"/ack", map[string]string{"note": "again"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("second ack: %d", res.Status)
		}
		detail = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id, nil, a.AccessToken))
		if !strings.Contains(string(detail.Body), `"paused":false`) {
			t.Fatalf("ack did not resume: %s", detail.Body)
		}
		tl := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/timeline", nil, a.AccessToken))
		for _, want := range []string{"message_in", "message_out", "flag_ack", "Contact confirmed", "Ringede til Anna"} {
			if !strings.Contains(string(tl.Body), want) {
				t.Errorf("timeline lacks %q", want)
			}
		}
		msg := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+id+"/messages", map[string]string{"body": "Hej Anna, jeg ringer kl. 10."}, a.AccessToken))
		if msg.Status != 202 {
			t.Fatalf("staff message: %d %s", msg.Status, msg.Body)
		}
		waiting, _ := e.Store.ListMessages(context.Background(), models.MessageFilter{CitizenID: id, NeedsReply: true})
		if len(waiting) != 0 {
			t.Fatalf("%d messages still wait for a reply", len(waiting))
		}
	})
}

func TestLinkWorker_ReferralTransitionsAndReassign(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		a, at := e.Staff("a@example.dk", models.RoleLinkWorker)
		b, bt := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		_ = a
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Bo", "phone": "26200003", "consent_contact": true, "consent_data": true}, at.AccessToken))
		var ref struct {
			ID        string `json:"id"`
			CitizenID string `json:"citizen_id"`
		}
		res.JSON(t, &ref)
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ref.ID+"/accept", nil, bt.AccessToken)); r.Status != 404 {
			t.Fatalf("B accepted A's referral: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ref.ID+"/accept", nil, at.AccessToken)); r.Status != 200 || !strings.Contains(string(r.Body), `"status":"accepted"`) {
			t.Fatalf("accept: %d %s", r.Status, r.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ref.ID+"/accept", nil, at.AccessToken)); r.Status != 409 {
			t.Fatalf("accept twice: %d", r.Status)
		}
		if r := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/referrals/"+ref.ID+"/close", map[string]string{"reason": "bored"}, at.AccessToken)); r.Status != 400 {
			t.Fatalf("close with unknown reason: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+ref.CitizenID+"/reassign", map[string]string{"link_worker_id": b.ID}, at.AccessToken)); r.Status != 403 {
			t.Fatalf("worker reassigned: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+ref.CitizenID+"/reassign", map[string]string{"link_worker_id": b.ID}, admin.AccessToken)); r.Status != 200 {
			t.Fatalf("admin reassign: %d %s", r.Status, r.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+ref.CitizenID, nil, at.AccessToken)); r.Status != 404 {
			t.Fatalf("old worker still sees the citizen: %d", r.Status)
		}
		closed := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ref.ID+"/close", map[string]string{"reason": "moved", "note": "Flyttet til Aarhus"}, bt.AccessToken))
		if closed.Status != 200 || !strings.Contains(string(closed.Body), `"status":"closed"`) {
			t.Fatalf("close: %d %s", closed.Status, closed.Body)
		}
		again := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Bo", "phone": "26200003", "consent_contact": true, "consent_data": true}, at.AccessToken))
		if again.Status != 201 {
			t.Fatalf("the closed citizen's number could not be referred again: %d %s", again.Status, again.Body)
		}
	})
}
