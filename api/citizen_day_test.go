package api_test

import (
	"brobygger/api/apitest"
	"context"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

type noteOut struct {
	ID         string  `json:"id"`
	AuthorName string  `json:"author_name"`
	Body       string  `json:"body"`
	OccurredOn *string `json:"occurred_on"`
	CorrectsID *string `json:"corrects_id"`
}

type pauseOut struct {
	Paused      bool    `json:"paused"`
	PausedByID  *string `json:"paused_by_id"`
	PauseReason *string `json:"pause_reason"`
}

type sendOut struct {
	ID             string    `json:"id"`
	NotBefore      time.Time `json:"not_before"`
	Waits          bool      `json:"waits"`
	Segments       int       `json:"segments"`
	Encoding       string    `json:"encoding"`
	UCS2Characters []string  `json:"ucs2_characters"`
}

// TestCitizenTools_OtherWorkerGets404: notes, pause, resume and check-in now answer 404 for
// another worker's citizen, as every citizen route does, and nothing is written; the admin may.
func TestCitizenTools_OtherWorkerGets404(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, b := e.Staff("b@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		cb := apitest.ConfirmedCitizen(e, b.AccessToken, "26500001")
		routes := []struct {
			method, path string
			body         any
			adminStatus  int
		}{
			{"GET", "/v1/citizens/" + cb + "/notes", nil, 200},
			{"POST", "/v1/citizens/" + cb + "/notes", map[string]string{"body": "Telefonsamtale."}, 201},
			{"POST", "/v1/citizens/" + cb + "/pause", map[string]string{"reason": "Indlagt"}, 200},
			{"POST", "/v1/citizens/" + cb + "/resume", nil, 200},
			{"POST", "/v1/citizens/" + cb + "/checkins", map[string]string{"instrument": "who5"}, 202},
		}
		for _, r := range routes {
			if res := e.Client.Do(apitest.NewJSONRequest(r.method, r.path, r.body, a.AccessToken)); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
				t.Errorf("worker A %s %s: %d %s", r.method, r.path, res.Status, res.Body)
			}
			if res := e.Client.Do(apitest.NewJSONRequest(r.method, r.path, r.body, admin.AccessToken)); res.Status != r.adminStatus {
				t.Errorf("admin %s %s: %d %s", r.method, r.path, res.Status, res.Body)
			}
		}
		notes, _ := e.Store.CaseNotes(context.Background(), cb, 10)
		if len(notes) != 1 {
			t.Fatalf("want only the admin's note, got %d", len(notes))
		}
	})
}

// TestCaseNotes_API: a note records its author and date, an empty or future-dated one is
// refused, a correction is a new note naming the old one, notes list newest first and appear in
// the timeline; the writes are audited.
func TestCaseNotes_API(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := e.Refer(a.AccessToken, "26500002")
		path := "/v1/citizens/" + id + "/notes"
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", path, map[string]string{"body": ""}, a.AccessToken)); res.Status != 400 {
			t.Fatalf("empty note: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"body": "Møde", "occurred_on": "2026-11-24"}, a.AccessToken)); res.Status != 400 || res.ErrorCode(t) != "EINVALID" {
			t.Fatalf("note dated tomorrow: %d %s", res.Status, res.Body)
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"body": "Møde på biblioteket, Anna vil gerne prøve strikkeklubben.", "occurred_on": "2026-11-22"}, a.AccessToken))
		if res.Status != 201 {
			t.Fatalf("note: %d %s", res.Status, res.Body)
		}
		var first noteOut
		res.JSON(t, &first)
		if first.AuthorName != "Staff a@example.dk" || first.OccurredOn == nil || *first.OccurredOn != "2026-11-22" {
			t.Fatalf("note: %+v", first)
		}
		e.Clock.Advance(time.Minute)
		res = e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"body": "Rettelse: det var læsekredsen.", "corrects_id": first.ID}, a.AccessToken))
		if res.Status != 201 {
			t.Fatalf("correction: %d %s", res.Status, res.Body)
		}
		list := e.Client.Do(apitest.NewJSONRequest("GET", path, nil, a.AccessToken))
		var out struct{ Items []noteOut }
		list.JSON(t, &out)
		if len(out.Items) != 2 || out.Items[0].CorrectsID == nil || *out.Items[0].CorrectsID != first.ID || out.Items[1].ID != first.ID {
			t.Fatalf("notes: %s", list.Body)
		}
		tl := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/timeline", nil, a.AccessToken))
		if !strings.Contains(string(tl.Body), `"kind":"note"`) || !strings.Contains(string(tl.Body), "læsekredsen") {
			t.Fatalf("timeline lacks the notes: %s", tl.Body)
		}
		trail, _ := e.Store.AuditTrail(context.Background(), id, 50)
		added := 0
		for _, entry := range trail {
			if entry.Action == "add_note" {
				added++
			}
		}
		if added != 2 {
			t.Fatalf("want 2 audited notes, got %d", added)
		}
	})
}

// TestPauseResume_API: a pause needs a reason and records who and why; the preview of scheduled
// SMS is empty while paused; a second pause and a resume of nothing are 409; the timeline and
// the audit log hold both steps.
func TestPauseResume_API(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		lw, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, a.AccessToken, "26500003")
		pause, resume := "/v1/citizens/"+id+"/pause", "/v1/citizens/"+id+"/resume"
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", pause, map[string]string{}, a.AccessToken)); res.Status != 400 {
			t.Fatalf("pause without reason: %d %s", res.Status, res.Body)
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", pause, map[string]string{"reason": "Indlagt på hospitalet"}, a.AccessToken))
		var st pauseOut
		res.JSON(t, &st)
		if res.Status != 200 || !st.Paused || *st.PausedByID != lw.ID || *st.PauseReason != "Indlagt på hospitalet" {
			t.Fatalf("pause: %d %s", res.Status, res.Body)
		}
		sched := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/schedule", nil, a.AccessToken))
		if !strings.Contains(string(sched.Body), `"items":[]`) {
			t.Fatalf("a paused citizen has scheduled SMS: %s", sched.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", pause, map[string]string{"reason": "igen"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("second pause: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+id+"/checkins", map[string]string{"instrument": "who5"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("check-in while paused: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", resume, nil, a.AccessToken)); res.Status != 200 || !strings.Contains(string(res.Body), `"paused":false`) {
			t.Fatalf("resume: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", resume, map[string]string{"reason": "igen"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("second resume: %d", res.Status)
		}
		tl := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+id+"/timeline", nil, a.AccessToken))
		if !strings.Contains(string(tl.Body), `"kind":"pause"`) || !strings.Contains(string(tl.Body), `"kind":"resume"`) {
			t.Fatalf("timeline lacks the pause: %s", tl.Body)
		}
		trail, _ := e.Store.AuditTrail(context.Background(), id, 50)
		seen := map[string]bool{}
		for _, entry := range trail {
			seen[entry.Action] = true
		}
		if !seen["pause_citizen"] || !seen["resume_citizen"] {
			t.Fatalf("pause and resume not audited: %+v", trail)
		}
	})
}

// TestSendMessage_SendWindowAndSegments: at 23:13 the link worker's SMS waits for 09:00 unless
// send_now; the answer counts segments and names the en dash that makes a 137-character text
// three segments.
func TestSendMessage_SendWindowAndSegments(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		id := apitest.ConfirmedCitizen(e, a.AccessToken, "26500004")
		cph, _ := time.LoadLocation("Europe/Copenhagen")
		e.Clock.Set(time.Date(2026, 11, 24, 23, 13, 0, 0, cph))
		a = apitest.Login(e, "a@example.dk") // the morning's token has expired
		body := "Hej Anna – tak for i dag. Vi ses på torsdag kl. 10 i Kulturhuset, hvor strikkeklubben mødes. Ring gerne, hvis du får brug for det. Kh Ida"
		if n := len([]rune(body)); n != 137 {
			t.Fatalf("the test text has %d characters", n)
		}
		path := "/v1/citizens/" + id + "/messages"
		res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]any{"body": body}, a.AccessToken))
		var out sendOut
		res.JSON(t, &out)
		morning := time.Date(2026, 11, 25, 9, 0, 0, 0, cph)
		if res.Status != 202 || !out.Waits || !out.NotBefore.Equal(morning) || out.Segments != 3 || out.Encoding != "UCS-2" ||
			len(out.UCS2Characters) != 1 || out.UCS2Characters[0] != "–" {
			t.Fatalf("night-time SMS: %d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]any{"body": "Hej Anna - ring til mig.", "send_now": true}, a.AccessToken))
		res.JSON(t, &out)
		if out.Waits || !out.NotBefore.Equal(e.Clock.Now()) || out.Segments != 1 || out.Encoding != "GSM-7" || len(out.UCS2Characters) != 0 {
			t.Fatalf("send now: %s", res.Body)
		}
	})
}

// TestCheckinNow_API: a check-in of the chosen questionnaire is queued inside the send window
// (or for the morning), an unknown questionnaire is 400 and a second while the first is open 409.
func TestCheckinNow_API(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, a := e.Staff("a@example.dk", models.RoleLinkWorker)
		unconfirmed := e.Refer(a.AccessToken, "26500006")
		id := apitest.ConfirmedCitizen(e, a.AccessToken, "26500005")
		path := "/v1/citizens/" + id + "/checkins"
		if res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"instrument": "nope"}, a.AccessToken)); res.Status != 400 {
			t.Fatalf("unknown instrument: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+unconfirmed+"/checkins", map[string]string{"instrument": "who5"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("unconfirmed citizen: %d %s", res.Status, res.Body)
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"instrument": "ucla3"}, a.AccessToken))
		if res.Status != 202 || !strings.Contains(string(res.Body), `"waits":false`) || !strings.Contains(string(res.Body), `"instrument":"ucla3"`) {
			t.Fatalf("check-in now: %d %s", res.Status, res.Body)
		}
		rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{CitizenID: id})
		found := false
		for _, r := range rows {
			found = found || (r.Kind == models.KindCheckin && r.Status == models.OutboxPending)
		}
		if !found {
			t.Fatalf("no check-in SMS queued: %+v", rows)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", path, map[string]string{"instrument": "who5"}, a.AccessToken)); res.Status != 409 {
			t.Fatalf("second check-in while the first is open: %d %s", res.Status, res.Body)
		}
	})
}
