package api_test

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"

	"brobygger/models"
)

type prescriptionOut struct {
	ID         string  `json:"id"`
	CitizenID  string  `json:"citizen_id"`
	OfferID    string  `json:"offer_id"`
	OfferTitle string  `json:"offer_title"`
	Weekday    int     `json:"weekday"`
	OnceOn     *string `json:"once_on"`
	StartsOn   string  `json:"starts_on"`
	EndsOn     *string `json:"ends_on"`
	Active     bool    `json:"active"`
}

func prescriptionsPath(citizenID string) string {
	return "/v1/citizens/" + citizenID + "/prescriptions"
}

func weekly(offerID string) map[string]any {
	return map[string]any{"offer_id": offerID, "weekday": 1, "start_time": "14:00", "end_time": "16:00", "note": "Hanne tager imod"}
}

func (e *apiEnv) prescribe(token, citizenID string, body map[string]any) prescriptionOut {
	e.t.Helper()
	res := e.client.Do(newJSONRequest("POST", prescriptionsPath(citizenID), body, token))
	if res.Status != 201 {
		e.t.Fatalf("prescribe: %d %s", res.Status, res.Body)
	}
	var p prescriptionOut
	res.JSON(e.t, &p)
	return p
}

func (e *apiEnv) prescriptions(token, citizenID string) []prescriptionOut {
	e.t.Helper()
	res := e.client.Do(newJSONRequest("GET", prescriptionsPath(citizenID), nil, token))
	if res.Status != 200 {
		e.t.Fatalf("list prescriptions: %d %s", res.Status, res.Body)
	}
	var out struct{ Items []prescriptionOut }
	res.JSON(e.t, &out)
	return out.Items
}

// TestPrescriptions_ScopedToTheLinkWorker: worker A can neither see, create nor end
// prescriptions for worker B's citizen (404, as if the citizen did not exist); an admin can.
func TestPrescriptions_ScopedToTheLinkWorker(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, a := e.staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.staff("admin@example.dk", models.RoleAdmin)
		ca := e.refer(a.AccessToken, "26100001")
		cb := e.refer(b.AccessToken, "26100002")
		offer := e.createOffer(a.AccessToken, knittingClub())

		pa := e.prescribe(a.AccessToken, ca, weekly(offer.ID))
		if pa.CitizenID != ca || pa.OfferTitle != "Strikkeklub" || pa.StartsOn != "2026-11-23" || pa.EndsOn != nil || !pa.Active {
			t.Fatalf("created: %+v", pa)
		}
		pb := e.prescribe(b.AccessToken, cb, weekly(offer.ID))

		for _, req := range []*http.Request{
			newJSONRequest("GET", prescriptionsPath(cb), nil, a.AccessToken),
			newJSONRequest("POST", prescriptionsPath(cb), weekly(offer.ID), a.AccessToken),
			newJSONRequest("DELETE", prescriptionsPath(cb)+"/"+pb.ID, nil, a.AccessToken),
			// B's prescription reached through A's own citizen is not A's either.
			newJSONRequest("DELETE", prescriptionsPath(ca)+"/"+pb.ID, nil, a.AccessToken),
			newJSONRequest("GET", prescriptionsPath(models.NewID()), nil, a.AccessToken),
		} {
			if res := e.client.Do(req); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
				t.Errorf("%s %s as A: %d %s", req.Method, req.URL.Path, res.Status, res.Body)
			}
		}
		if got := e.prescriptions(b.AccessToken, cb); len(got) != 1 || !got[0].Active {
			t.Fatalf("A's attempts changed B's prescriptions: %+v", got)
		}

		if got := e.prescriptions(admin.AccessToken, cb); len(got) != 1 || got[0].ID != pb.ID {
			t.Fatalf("admin list: %+v", got)
		}
		once := map[string]any{"offer_id": offer.ID, "weekday": 0, "once_on": "2026-11-28", "start_time": "10:00", "end_time": "12:00"}
		if p := e.prescribe(admin.AccessToken, cb, once); p.OnceOn == nil || *p.OnceOn != "2026-11-28" || p.Weekday != 0 {
			t.Fatalf("admin one-off: %+v", p)
		}
		if res := e.client.Do(newJSONRequest("DELETE", prescriptionsPath(cb)+"/"+pb.ID, nil, admin.AccessToken)); res.Status != 204 {
			t.Fatalf("admin end: %d %s", res.Status, res.Body)
		}
	})
}

func TestPrescriptions_EndKeepsHistory(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, lw := e.staff("lw@example.dk", models.RoleLinkWorker)
		citizen := e.refer(lw.AccessToken, "26100003")
		offer := e.createOffer(lw.AccessToken, knittingClub())
		p := e.prescribe(lw.AccessToken, citizen, weekly(offer.ID))

		for range 2 { // ending twice is harmless
			if res := e.client.Do(newJSONRequest("DELETE", prescriptionsPath(citizen)+"/"+p.ID, nil, lw.AccessToken)); res.Status != 204 {
				t.Fatalf("end: %d %s", res.Status, res.Body)
			}
		}
		got := e.prescriptions(lw.AccessToken, citizen)
		if len(got) != 1 || got[0].Active || got[0].EndsOn == nil || *got[0].EndsOn != "2026-11-23" {
			t.Fatalf("ended prescription: %+v", got)
		}
		trail, _ := e.store.AuditTrail(context.Background(), citizen, 10)
		var actions []string
		for _, a := range trail {
			actions = append(actions, a.Action)
		}
		sort.Strings(actions) // the fake clock stands still, so the trail's order is not defined
		if got := strings.Join(actions, ","); got != "create_prescription,create_referral,end_prescription,end_prescription,list_prescriptions" {
			t.Errorf("audit trail: %s", got)
		}
		// Once ended, the same session may be prescribed again.
		if again := e.prescribe(lw.AccessToken, citizen, weekly(offer.ID)); !again.Active {
			t.Fatalf("represcribe: %+v", again)
		}
		if got := e.prescriptions(lw.AccessToken, citizen); len(got) != 2 || !got[0].Active || got[1].Active {
			t.Fatalf("running prescriptions must come first: %+v", got)
		}
	})
}

func TestPrescriptions_RefusesInactiveOffersAndBadSchedules(t *testing.T) {
	eachAPI(t, func(t *testing.T, e *apiEnv) {
		_, lw := e.staff("lw@example.dk", models.RoleLinkWorker)
		citizen := e.refer(lw.AccessToken, "26100004")
		offer := e.createOffer(lw.AccessToken, knittingClub())
		closed := e.createOffer(lw.AccessToken, map[string]any{"title": "Nedlagt kor"})
		if res := e.client.Do(newJSONRequest("DELETE", "/v1/offers/"+closed.ID, nil, lw.AccessToken)); res.Status != 204 {
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
			res := e.client.DoInvalid(newJSONRequest("POST", prescriptionsPath(citizen), c.body, lw.AccessToken))
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" || errorField(t, res) != c.field {
				t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
			}
		}
		if got := e.prescriptions(lw.AccessToken, citizen); len(got) != 0 {
			t.Fatalf("refused prescriptions were stored: %+v", got)
		}
		e.prescribe(lw.AccessToken, citizen, weekly(offer.ID))
		if res := e.client.Do(newJSONRequest("POST", prescriptionsPath(citizen), weekly(offer.ID), lw.AccessToken)); res.Status != 409 || res.ErrorCode(t) != "ECONFLICT" {
			t.Fatalf("same running session twice: %d %s", res.Status, res.Body)
		}
	})
}
