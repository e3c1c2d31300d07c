package api_test

import (
	"brobygger/api/apitest"
	"testing"

	"brobygger/models"
)

type referralListJSON struct {
	Items []struct {
		ID          string `json:"id"`
		CitizenID   string `json:"citizen_id"`
		CitizenName string `json:"citizen_name"`
		Status      string `json:"status"`
		CloseReason string `json:"close_reason"`
		StatusNote  string `json:"status_note"`
	} `json:"items"`
}

// TestReferrals_ListAndOutcomes: GET /v1/referrals lists the caller's open referrals; a decline
// keeps its reason and a close its outcome and note, both in the answer and the list; an
// outcome outside the fixed list is refused and changes nothing.
func TestReferrals_ListAndOutcomes(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		declineMe, closeMe := e.Refer(a.AccessToken, "26700001"), e.Refer(a.AccessToken, "26700002")
		e.Refer(b.AccessToken, "26700003")
		list := func(tok, query string) referralListJSON {
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/referrals"+query, nil, tok))
			if res.Status != 200 {
				t.Fatalf("list %s: %d %s", query, res.Status, res.Body)
			}
			var out referralListJSON
			res.JSON(t, &out)
			return out
		}
		open := list(a.AccessToken, "")
		if len(open.Items) != 2 || open.Items[0].CitizenID != closeMe || open.Items[1].CitizenID != declineMe || open.Items[0].CitizenName != "Anna Jensen" {
			t.Fatalf("A's open referrals: %+v", open.Items)
		}
		ids := map[string]string{open.Items[0].CitizenID: open.Items[0].ID, open.Items[1].CitizenID: open.Items[1].ID}

		bad := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/referrals/"+ids[closeMe]+"/close", map[string]any{"reason": "bored"}, a.AccessToken))
		if bad.Status != 400 || bad.ErrorCode(t) != "EINVALID" {
			t.Fatalf("unknown outcome: %d %s", bad.Status, bad.Body)
		}
		declined := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ids[declineMe]+"/decline", map[string]any{"reason": "Flyttet"}, a.AccessToken))
		closed := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/referrals/"+ids[closeMe]+"/close",
			map[string]any{"reason": "moved", "note": "Bor nu i Aarhus"}, a.AccessToken))
		var d, c struct {
			Status      string `json:"status"`
			CloseReason string `json:"close_reason"`
			StatusNote  string `json:"status_note"`
		}
		declined.JSON(t, &d)
		closed.JSON(t, &c)
		if d.Status != "declined" || d.StatusNote != "Flyttet" || c.Status != "closed" || c.CloseReason != "moved" || c.StatusNote != "Bor nu i Aarhus" {
			t.Fatalf("answers: %+v %+v", d, c)
		}
		if left := list(a.AccessToken, ""); len(left.Items) != 0 {
			t.Fatalf("open after both: %+v", left.Items)
		}
		done := list(a.AccessToken, "?status=declined,closed")
		if len(done.Items) != 2 || done.Items[0].CloseReason != "moved" || done.Items[1].StatusNote != "Flyttet" {
			t.Fatalf("finished referrals: %+v", done.Items)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/referrals?status=lost", nil, a.AccessToken)); res.Status != 400 {
			t.Fatalf("unknown status: %d", res.Status)
		}
	})
}
