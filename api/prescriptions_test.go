package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"brobygger/models"
)

func weekly(offerID string) map[string]any {
	return map[string]any{"offer_id": offerID, "weekday": 1, "start_time": "14:00", "end_time": "16:00", "note": "Hanne tager imod"}
}

func prescribe(e *apitest.Env, token, citizenID string, body map[string]any) apitest.PrescriptionOut {
	e.T.Helper()
	res := e.Client.Do(apitest.NewJSONRequest("POST", apitest.PrescriptionsPath(citizenID), body, token))
	if res.Status != 201 {
		e.T.Fatalf("prescribe: %d %s", res.Status, res.Body)
	}
	var p apitest.PrescriptionOut
	res.JSON(e.T, &p)
	return p
}

// TestPrescriptions_ScopedToTheLinkWorker: worker A can neither see, create nor end
// prescriptions for worker B's citizen (404, as if the citizen did not exist); an admin can.
func TestPrescriptions_ScopedToTheLinkWorker(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		ca := e.Refer(a.AccessToken, "26100001")
		cb := e.Refer(b.AccessToken, "26100002")
		offer := apitest.CreateOffer(e, a.AccessToken, apitest.KnittingClub())

		pa := prescribe(e, a.AccessToken, ca, weekly(offer.ID))
		if pa.CitizenID != ca || pa.OfferTitle != "Strikkeklub" || pa.StartsOn != "2026-11-23" || pa.EndsOn != nil || !pa.Active {
			t.Fatalf("created: %+v", pa)
		}
		pb := prescribe(e, b.AccessToken, cb, weekly(offer.ID))

		for _, req := range []*http.Request{
			apitest.NewJSONRequest("GET", apitest.PrescriptionsPath(cb), nil, a.AccessToken),
			apitest.NewJSONRequest("POST", apitest.PrescriptionsPath(cb), weekly(offer.ID), a.AccessToken),
			apitest.NewJSONRequest("DELETE", apitest.PrescriptionsPath(cb)+"/"+pb.ID, nil, a.AccessToken),
			// B's prescription reached through A's own citizen is not A's either.
			apitest.NewJSONRequest("DELETE", apitest.PrescriptionsPath(ca)+"/"+pb.ID, nil, a.AccessToken),
			apitest.NewJSONRequest("GET", apitest.PrescriptionsPath(models.NewID()), nil, a.AccessToken),
		} {
			if res := e.Client.Do(req); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
				t.Errorf("%s %s as A: %d %s", req.Method, req.URL.Path, res.Status, res.Body)
			}
		}
		if got := apitest.Prescriptions(e, b.AccessToken, cb); len(got) != 1 || !got[0].Active {
			t.Fatalf("A's attempts changed B's prescriptions: %+v", got)
		}

		if got := apitest.Prescriptions(e, admin.AccessToken, cb); len(got) != 1 || got[0].ID != pb.ID {
			t.Fatalf("admin list: %+v", got)
		}
		once := map[string]any{"offer_id": offer.ID, "weekday": 0, "once_on": "2026-11-28", "start_time": "10:00", "end_time": "12:00"}
		if p := prescribe(e, admin.AccessToken, cb, once); p.OnceOn == nil || *p.OnceOn != "2026-11-28" || p.Weekday != 0 {
			t.Fatalf("admin one-off: %+v", p)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("DELETE", apitest.PrescriptionsPath(cb)+"/"+pb.ID, nil, admin.AccessToken)); res.Status != 204 {
			t.Fatalf("admin end: %d %s", res.Status, res.Body)
		}
	})
}

func TestPrescriptions_EndKeepsHistory(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		citizen := e.Refer(lw.AccessToken, "26100003")
		offer := apitest.CreateOffer(e, lw.AccessToken, apitest.KnittingClub())
		p := prescribe(e, lw.AccessToken, citizen, weekly(offer.ID))

		for range 2 { // ending twice is harmless
			if res := e.Client.Do(apitest.NewJSONRequest("DELETE", apitest.PrescriptionsPath(citizen)+"/"+p.ID, nil, lw.AccessToken)); res.Status != 204 {
				t.Fatalf("end: %d %s", res.Status, res.Body)
			}
		}
		got := apitest.Prescriptions(e, lw.AccessToken, citizen)
		if len(got) != 1 || got[0].Active || got[0].EndsOn == nil || *got[0].EndsOn != "2026-11-23" {
			t.Fatalf("ended prescription: %+v", got)
		}
		trail, _ := e.Store.AuditTrail(context.Background(), citizen, 10)
		var actions []string
		for _, a := range trail {
			actions = append(actions, a.Action)
		}
		sort.Strings(actions) // the fake clock stands still, so the trail's order is not defined
		if got := strings.Join(actions, ","); got != "create_prescription,create_referral,end_prescription,end_prescription,list_prescriptions" {
			t.Errorf("audit trail: %s", got)
		}
		// Once ended, the same session may be prescribed again.
		if again := prescribe(e, lw.AccessToken, citizen, weekly(offer.ID)); !again.Active {
			t.Fatalf("represcribe: %+v", again)
		}
		if got := apitest.Prescriptions(e, lw.AccessToken, citizen); len(got) != 2 || !got[0].Active || got[1].Active {
			t.Fatalf("running prescriptions must come first: %+v", got)
		}
	})
}

func TestPrescriptions_RefusesInactiveOffersAndBadSchedules(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		citizen := e.Refer(lw.AccessToken, "26100004")
		offer := apitest.CreateOffer(e, lw.AccessToken, apitest.KnittingClub())
		closed := apitest.CreateOffer(e, lw.AccessToken, map[string]any{"title": "Nedlagt kor"})
		if res := e.Client.Do(apitest.NewJSONRequest("DELETE", "/v1/offers/"+closed.ID, nil, lw.AccessToken)); res.Status != 204 {
			t.Fatalf("deactivate: %d", res.Status)
		}
		with := func(k string, v any) map[string]any {
			b := weekly(offer.ID)
			b[k] = v
			return b
		}
		without := func(k string) map[string]any {
			b := weekly(offer.ID)
			delete(b, k)
			return b
		}
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"inactive offer", weekly(closed.ID), "offer_id"},
			{"unknown offer", weekly(models.NewID()), "offer_id"},
			{"no weekday", without("weekday"), "weekday"},
			{"weekday 8", with("weekday", 8), "weekday"},
			{"one-off without date", with("weekday", 0), "once_on"},
			{"date on a weekly session", with("once_on", "2026-12-01"), "once_on"},
			{"end before start", with("end_time", "13:00"), "end_time"},
			{"bad time", with("start_time", "2pm"), "start_time"},
			{"ends before it starts", with("ends_on", "2026-11-01"), "ends_on"},
			{"bad date", with("starts_on", "23/11/2026"), "starts_on"},
			{"one-off in the past", map[string]any{"offer_id": offer.ID, "weekday": 0, "once_on": "2026-11-01", "start_time": "10:00", "end_time": "11:00"}, "once_on"},
		}
		for _, c := range cases {
			res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", apitest.PrescriptionsPath(citizen), c.body, lw.AccessToken))
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" || errorField(t, res) != c.field {
				t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
			}
		}
		if got := apitest.Prescriptions(e, lw.AccessToken, citizen); len(got) != 0 {
			t.Fatalf("refused prescriptions were stored: %+v", got)
		}
		prescribe(e, lw.AccessToken, citizen, weekly(offer.ID))
		if res := e.Client.Do(apitest.NewJSONRequest("POST", apitest.PrescriptionsPath(citizen), weekly(offer.ID), lw.AccessToken)); res.Status != 409 || res.ErrorCode(t) != "ECONFLICT" {
			t.Fatalf("same running session twice: %d %s", res.Status, res.Body)
		}
	})
}
