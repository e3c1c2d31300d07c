package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"

	"brobygger/models"
)

// TestCitizenAPI_CheckinAnsweredInAppIsScoredAndClosedForSMS covers the app path end to end and
// the A-versus-B boundary on check-in ids.
func TestCitizenAPI_CheckinAnsweredInAppIsScoredAndClosedForSMS(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		aID := e.Refer(lw.AccessToken, "26100011")
		e.Refer(lw.AccessToken, "26100012")
		a, b := e.CitizenLogin("26100011"), e.CitizenLogin("26100012")
		checkin := apitest.OpenCheckin(e, aID, "who5")

		list := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/checkins", nil, a.AccessToken))
		if list.Status != 200 || !strings.Contains(string(list.Body), checkin) || !strings.Contains(string(list.Body), "Hele tiden") {
			t.Fatalf("A's check-ins: %d %s", list.Status, list.Body)
		}
		if other := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/checkins", nil, b.AccessToken)); strings.Contains(string(other.Body), checkin) {
			t.Fatal("B sees A's check-in")
		}
		answer := func(tok string, body any) apitest.Response {
			return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/me/checkins/"+checkin+"/answers", body, tok))
		}
		if res := answer(b.AccessToken, map[string]any{"answers": []map[string]int{{"item": 1, "value": 3}}}); res.Status != 404 {
			t.Fatalf("B answered A's check-in: %d %s", res.Status, res.Body)
		}
		for name, body := range map[string]any{
			"value off the scale": map[string]any{"answers": []map[string]int{{"item": 1, "value": 9}}},
			"unknown item":        map[string]any{"answers": []map[string]int{{"item": 6, "value": 3}}},
			"same item twice":     map[string]any{"answers": []map[string]int{{"item": 1, "value": 3}, {"item": 1, "value": 2}}},
			"no answers":          map[string]any{"answers": []map[string]int{}},
			"unknown field":       `{"answers":[{"item":1,"value":3}],"score":100}`,
			"wrong type":          `{"answers":[{"item":"one","value":3}]}`,
		} {
			if res := answer(a.AccessToken, body); res.Status != 400 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		first := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/checkins/"+checkin+"/answers", map[string]any{"answers": []map[string]int{{"item": 1, "value": 1}}}, a.AccessToken))
		if first.Status != 200 {
			t.Fatalf("first answer: %d %s", first.Status, first.Body)
		}
		if conv, _ := e.Store.OpenConversation(context.Background(), aID); conv != nil {
			t.Fatal("the SMS conversation is still open after an answer in the app")
		}
		rest := []map[string]int{{"item": 2, "value": 1}, {"item": 3, "value": 0}, {"item": 4, "value": 1}, {"item": 5, "value": 2}}
		done := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/checkins/"+checkin+"/answers", map[string]any{"answers": rest}, a.AccessToken))
		var view struct {
			Status string
			Score  *float64
		}
		done.JSON(t, &view)
		if done.Status != 200 || view.Status != "completed" || view.Score == nil || *view.Score != 20 {
			t.Fatalf("completed check-in: %d %s", done.Status, done.Body)
		}
		if again := answer(a.AccessToken, map[string]any{"answers": []map[string]int{{"item": 1, "value": 3}}}); again.Status != 409 {
			t.Fatalf("answering a finished check-in: %d", again.Status)
		}
		flags, _ := e.Store.ListFlags(context.Background(), models.FlagFilter{CitizenID: aID})
		kinds := map[models.FlagKind]bool{}
		for _, f := range flags {
			kinds[f.Kind] = true
		}
		if !kinds[models.FlagLowScore] || !kinds[models.FlagItemZero] {
			t.Fatalf("app answers raised no safety flags: %+v", flags)
		}
		scores := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/scores", nil, a.AccessToken))
		if !strings.Contains(string(scores.Body), `"score":20`) {
			t.Fatalf("scores: %s", scores.Body)
		}
	})
}

func TestCitizenAPI_PreferencesContactExportDeletion(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := e.Refer(lw.AccessToken, "26100021")
		tok := e.CitizenLogin("26100021").AccessToken
		good := map[string]any{"language": "en", "reminders_enabled": false, "reminder_lead_minutes": 90, "quiet_start": "21:00",
			"quiet_end": "08:00", "preferred_channel": "app"}
		res := e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/me/preferences", good, tok))
		if res.Status != 200 || !strings.Contains(string(res.Body), `"language":"en"`) {
			t.Fatalf("preferences: %d %s", res.Status, res.Body)
		}
		for field, bad := range map[string]any{"quiet_start": "25:00", "reminder_lead_minutes": -5, "preferred_channel": "pigeon", "language": "fr"} {
			body := map[string]any{}
			for k, v := range good {
				body[k] = v
			}
			body[field] = bad
			if res := e.Client.DoInvalid(apitest.NewJSONRequest("PUT", "/v1/me/preferences", body, tok)); res.Status != 400 {
				t.Errorf("bad %s: %d %s", field, res.Status, res.Body)
			}
		}
		confirm := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/contact-confirmation", nil, tok))
		if confirm.Status != 200 || !strings.Contains(string(confirm.Body), `"status":"confirmed"`) {
			t.Fatalf("confirm: %d %s", confirm.Status, confirm.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/devices", map[string]string{"platform": "ios", "token": "apns-token-123456"}, tok)); res.Status != 201 {
			t.Fatalf("device: %d %s", res.Status, res.Body)
		}
		export := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/export", nil, tok))
		if export.Status != 200 || !strings.Contains(string(export.Body), "Lise") && !strings.Contains(string(export.Body), "+4526100021") {
			t.Fatalf("export: %d %s", export.Status, export.Body)
		}
		del := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/deletion-request", nil, tok))
		if del.Status != 202 {
			t.Fatalf("deletion: %d %s", del.Status, del.Body)
		}
		flags, _ := e.Store.ListFlags(context.Background(), models.FlagFilter{CitizenID: id})
		found := false
		for _, f := range flags {
			found = found || f.Kind == models.FlagDeletionRequest
		}
		if !found {
			t.Fatal("deletion request not in the review queue")
		}
	})
}
