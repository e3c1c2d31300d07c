package api_test

import (
	"brobygger/api/apitest"
	"context"
	"testing"
	"time"

	"brobygger/models"
)

type closedDaysJSON struct {
	Customary bool     `json:"customary"`
	Dates     []string `json:"dates"`
}

// TestAdmin_ClosedDaysMoveTheContactSMSAndThePreview: an admin closes 28 December; a referral
// made on juleaftensdag is texted on Tuesday 29 December at 09:00 (24 closed by custom, 25–26
// holidays, 27 a Sunday, 28 the site's own), and the preview's check-ins skip the same days.
func TestAdmin_ClosedDaysMoveTheContactSMSAndThePreview(t *testing.T) {
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Clock.Advance(time.Date(2026, 12, 24, 10, 0, 0, 0, cph).Sub(e.Clock.Now())) // the test site is in Copenhagen
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		var got closedDaysJSON
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/closed-days", nil, admin.AccessToken)).JSON(t, &got)
		if !got.Customary || len(got.Dates) != 0 {
			t.Fatalf("default closed days: %+v", got)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/closed-days", closedDaysJSON{Customary: true, Dates: []string{"12-28"}}, lw.AccessToken)); r.Status != 403 {
			t.Fatalf("link worker set closed days: %d", r.Status)
		}
		bad := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/closed-days", closedDaysJSON{Customary: true, Dates: []string{"12-32"}}, admin.AccessToken))
		if bad.Status != 400 || bad.ErrorCode(t) != "EINVALID" {
			t.Fatalf("12-32: %d %s", bad.Status, bad.Body)
		}
		if r := e.Client.DoInvalid(apitest.NewJSONRequest("PUT", "/v1/admin/closed-days", `{"dates":[]}`, admin.AccessToken)); r.Status != 400 {
			t.Fatalf("without customary: %d %s", r.Status, r.Body)
		}
		res := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/closed-days", closedDaysJSON{Customary: true, Dates: []string{"12-28", "12-28"}}, admin.AccessToken))
		res.JSON(t, &got)
		if res.Status != 200 || !got.Customary || len(got.Dates) != 1 || got.Dates[0] != "12-28" {
			t.Fatalf("put closed days: %d %s", res.Status, res.Body)
		}

		id := e.Refer(lw.AccessToken, "26300010")
		rows, err := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
		if err != nil || len(rows) != 1 {
			t.Fatalf("outbox: %v %v", rows, err)
		}
		if want := time.Date(2026, 12, 29, 9, 0, 0, 0, cph); !rows[0].NotBefore.Equal(want) {
			t.Errorf("contact SMS at %s, want %s", rows[0].NotBefore, want)
		}

		plan := map[string]any{"items": []map[string]any{{"instrument": "who5", "offset_days": 1}, {"instrument": "ons4", "offset_days": 4}}, "weekly_pulse": false}
		if r := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/checkin-plan", plan, admin.AccessToken)); r.Status != 200 {
			t.Fatalf("put plan: %d %s", r.Status, r.Body)
		}
		e.Clock.Advance(time.Date(2026, 12, 29, 9, 0, 0, 0, cph).Sub(e.Clock.Now()))
		admin, lw = apitest.Login(e, "admin@example.dk"), apitest.Login(e, "lw@example.dk") // the tokens expired meanwhile
		dispatchAll(e)
		apitest.SMS(e, "26300010", "JA")
		var sched scheduleBody
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=30", nil, lw.AccessToken)).JSON(t, &sched)
		if len(sched.Items) != 2 || sched.Items[1].Instrument != "ons4" {
			t.Fatalf("preview: %+v", sched.Items)
		}
		// Day 4 is Saturday 2 January: open (only Sundays and holidays close), so no move there.
		if want := time.Date(2027, 1, 2, 9, 0, 0, 0, cph); !sched.Items[1].DueAt.Equal(want) {
			t.Errorf("ons4 due %s, want %s", sched.Items[1].DueAt, want)
		}
		res = e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/closed-days", closedDaysJSON{Customary: true, Dates: []string{"2027-01-02"}}, admin.AccessToken))
		if res.Status != 200 {
			t.Fatalf("put one-off day: %d %s", res.Status, res.Body)
		}
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=30", nil, lw.AccessToken)).JSON(t, &sched)
		if want := time.Date(2027, 1, 4, 9, 0, 0, 0, cph); len(sched.Items) != 2 || !sched.Items[1].DueAt.Equal(want) {
			t.Errorf("preview after closing 2 January: %+v, want ons4 on Monday 4 January", sched.Items)
		}
	})
}

type planJSON struct {
	Items []struct {
		Instrument string `json:"instrument"`
		OffsetDays int    `json:"offset_days"`
		Label      string `json:"label"`
	} `json:"items"`
	WeeklyPulse bool `json:"weekly_pulse"`
}

// TestAdmin_ChoosesTheDefaultPlansInstruments: an admin lists the loaded instruments and puts
// ONS4 in the default plan; an instrument that is not loaded is refused and nothing changes.
func TestAdmin_ChoosesTheDefaultPlansInstruments(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		var list struct {
			Items []struct {
				Key   string            `json:"key"`
				Title map[string]string `json:"title"`
			} `json:"items"`
		}
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/instruments", nil, admin.AccessToken)).JSON(t, &list)
		keys := map[string]bool{}
		for _, it := range list.Items {
			keys[it.Key] = it.Title["da"] != "" && it.Title["en"] != ""
		}
		if !keys["ons4"] || !keys["who5"] {
			t.Fatalf("instruments: %+v", list.Items)
		}
		var before planJSON
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/checkin-plan", nil, admin.AccessToken)).JSON(t, &before)
		if len(before.Items) == 0 || !before.WeeklyPulse {
			t.Fatalf("default plan: %+v", before)
		}
		unknown := map[string]any{"items": []map[string]any{{"instrument": "swemwbs", "offset_days": 0}}, "weekly_pulse": true}
		if r := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/checkin-plan", unknown, admin.AccessToken)); r.Status != 400 || r.ErrorCode(t) != "EINVALID" {
			t.Fatalf("unknown instrument: %d %s", r.Status, r.Body)
		}
		ons4 := map[string]any{"items": []map[string]any{{"instrument": "ons4", "offset_days": 7, "label": "1 week"},
			{"instrument": "ons4", "offset_days": 91, "label": "3 months"}}, "weekly_pulse": false}
		if r := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/checkin-plan", ons4, lw.AccessToken)); r.Status != 403 {
			t.Fatalf("link worker set the plan: %d", r.Status)
		}
		res := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/admin/checkin-plan", ons4, admin.AccessToken))
		if res.Status != 200 {
			t.Fatalf("put plan: %d %s", res.Status, res.Body)
		}
		var after planJSON
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/checkin-plan", nil, admin.AccessToken)).JSON(t, &after)
		if len(after.Items) != 2 || after.Items[1].Instrument != "ons4" || after.Items[1].OffsetDays != 91 || after.WeeklyPulse {
			t.Fatalf("stored plan: %+v", after)
		}
		id := e.Refer(lw.AccessToken, "26300011")
		apitest.SMS(e, "26300011", "JA")
		var sched scheduleBody
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule?days=100", nil, lw.AccessToken)).JSON(t, &sched)
		if len(sched.Items) != 2 || sched.Items[0].Instrument != "ons4" || sched.Items[1].Instrument != "ons4" {
			t.Errorf("a new citizen's schedule: %+v", sched.Items)
		}
	})
}
