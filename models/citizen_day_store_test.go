package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
	"brobygger/models/storetest"
)

// outboxStatus reads one queued SMS's status by its dedupe key.
func outboxStatus(t *testing.T, s *models.Store, key string) models.OutboxStatus {
	t.Helper()
	var row models.OutboxItem
	if err := s.GormDB().Where("dedupe_key = ?", key).Take(&row).Error; err != nil {
		t.Fatalf("outbox row %s: %v", key, err)
	}
	return row.Status
}

func timelineKinds(t *testing.T, s *models.Store, citizenID string) map[string][]models.TimelineEvent {
	t.Helper()
	evs, err := s.Timeline(context.Background(), citizenID, 100)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]models.TimelineEvent{}
	for _, e := range evs {
		out[e.Kind] = append(out[e.Kind], e)
	}
	return out
}

// TestStore_PauseAndResume: a pause needs a reason, records who and why, cancels the scheduled
// SMS still waiting (not the link worker's own) and is refused twice; a resume lifts it and is
// refused when nothing is paused. Acknowledging a crisis flag does not lift a hand-made pause,
// and a safety pause with an open crisis flag cannot be resumed by hand.
func TestStore_PauseAndResume(t *testing.T) {
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lise := storetest.LinkWorker(t, s, "Lise")
		c := storetest.ConfirmedCitizen(t, s, lise, models.LangDA, clock.Add(-24*time.Hour))
		for _, n := range []models.NewOutbound{
			{CitizenID: &c.ID, Phone: c.Phone, Body: "Påmindelse", Kind: models.KindReminder, DedupeKey: "reminder:x", NotBefore: clock.Add(time.Hour)},
			{CitizenID: &c.ID, Phone: c.Phone, Body: "Hej", Kind: models.KindStaffMessage, DedupeKey: "staff:x", NotBefore: clock},
		} {
			if _, err := s.Enqueue(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.PauseCitizen(ctx, c.ID, lise.ID, "  "); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("pause without a reason: %v", err)
		}
		paused, err := s.PauseCitizen(ctx, c.ID, lise.ID, " Indlagt på hospitalet ")
		if err != nil || paused.PausedAt == nil || *paused.PauseReason != "Indlagt på hospitalet" || *paused.PausedByID != lise.ID {
			t.Fatalf("pause: %+v %v", paused, err)
		}
		if got := outboxStatus(t, s, "reminder:x"); got != models.OutboxSuppressed {
			t.Fatalf("the queued reminder is %s after the pause", got)
		}
		if got := outboxStatus(t, s, "staff:x"); got != models.OutboxPending {
			t.Fatalf("the link worker's own SMS is %s after the pause", got)
		}
		if _, err := s.PauseCitizen(ctx, c.ID, lise.ID, "igen"); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("second pause: %v", err)
		}
		reloaded, _ := s.CitizenByID(ctx, c.ID)
		if reloaded.ReceivesScheduled() {
			t.Fatal("a paused citizen still receives scheduled SMS")
		}

		// A crisis flag acknowledged while paused by hand leaves the pause alone.
		if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagCrisis, Severity: models.SeverityUrgent, Reason: "Test.", DedupeKey: "crisis:1"}); err != nil {
			t.Fatal(err)
		}
		flags, err := s.ListFlags(ctx, models.FlagFilter{})
		if err != nil || len(flags) != 1 {
			t.Fatalf("flags: %v", err)
		}
		if _, err := s.AckFlag(ctx, flags[0].ID, lise.ID, false, "Ringede.", 0); err != nil {
			t.Fatal(err)
		}
		if reloaded, _ = s.CitizenByID(ctx, c.ID); reloaded.PausedAt == nil {
			t.Fatal("acknowledging a crisis flag lifted the link worker's pause")
		}

		// While a crisis flag is open, no pause is lifted by hand.
		if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagCrisis, Severity: models.SeverityUrgent, Reason: "Test.", DedupeKey: "crisis:open"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ResumeCitizen(ctx, c.ID, lise.ID, ""); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("resume with an open crisis flag: %v", err)
		}
		open, _ := s.ListFlags(ctx, models.FlagFilter{})
		for _, f := range open {
			if f.AckedAt == nil {
				if _, err := s.AckFlag(ctx, f.ID, lise.ID, false, "Ringede.", 0); err != nil {
					t.Fatal(err)
				}
			}
		}
		clock = clock.Add(time.Hour)
		resumed, err := s.ResumeCitizen(ctx, c.ID, lise.ID, "")
		if err != nil || resumed.PausedAt != nil {
			t.Fatalf("resume: %+v %v", resumed, err)
		}
		if _, err := s.ResumeCitizen(ctx, c.ID, lise.ID, ""); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("second resume: %v", err)
		}
		kinds := timelineKinds(t, s, c.ID)
		if len(kinds["pause"]) != 1 || kinds["pause"][0].Summary != "Indlagt på hospitalet" || len(kinds["resume"]) != 1 {
			t.Fatalf("timeline pause events: %+v", kinds)
		}

		// A safety pause with its crisis flag still open is lifted by acknowledging, not by hand.
		if err := s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{PausedAt: &clock}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagCrisis, Severity: models.SeverityUrgent, Reason: "Test.", DedupeKey: "crisis:2"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ResumeCitizen(ctx, c.ID, lise.ID, ""); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("resume of a safety pause with an open crisis flag: %v", err)
		}
		if _, err := s.PauseCitizen(ctx, c.ID, lise.ID, "ferie"); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("pause over a safety pause: %v", err)
		}
	}, models.WithClock(func() time.Time { return clock }))
}

// TestStore_CaseNotes: a note needs text, a meeting date not in the future, and corrects only
// the same citizen's note; notes list newest first with their author and show in the timeline.
func TestStore_CaseNotes(t *testing.T) {
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lise := storetest.LinkWorker(t, s, "Lise")
		c, other := storetest.Citizen(t, s, lise, models.LangDA), storetest.Citizen(t, s, lise, models.LangDA)
		today := clock
		if _, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: lise.ID, Body: " "}, today); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("empty note: %v", err)
		}
		tomorrow := today.AddDate(0, 0, 1)
		if _, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: lise.ID, Body: "Møde", OccurredOn: &tomorrow}, today); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("note dated tomorrow: %v", err)
		}
		yesterday := today.AddDate(0, 0, -1)
		first, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: lise.ID, Body: "Møde på biblioteket.", OccurredOn: &yesterday}, today)
		if err != nil || first.AuthorName != "Lise" || first.OccurredOn.Format("2006-01-02") != "2026-03-01" {
			t.Fatalf("note: %+v %v", first, err)
		}
		othersNote, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: other.ID, AuthorID: lise.ID, Body: "Andet."}, today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: lise.ID, Body: "Rettelse", CorrectsID: othersNote.ID}, today); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("correcting another citizen's note: %v", err)
		}
		clock = clock.Add(time.Minute)
		fix, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: lise.ID, Body: "Rettelse: det var i går.", CorrectsID: first.ID}, today)
		if err != nil || fix.CorrectsID == nil || *fix.CorrectsID != first.ID {
			t.Fatalf("correction: %+v %v", fix, err)
		}
		notes, err := s.CaseNotes(ctx, c.ID, 50)
		if err != nil || len(notes) != 2 || notes[0].ID != fix.ID || notes[1].Body != "Møde på biblioteket." {
			t.Fatalf("notes: %+v %v", notes, err)
		}
		kinds := timelineKinds(t, s, c.ID)
		if len(kinds["note"]) != 2 || kinds["note"][1].Extra["corrects_id"] != first.ID {
			t.Fatalf("timeline notes: %+v", kinds["note"])
		}
	}, models.WithClock(func() time.Time { return clock }))
}

// TestStore_EndPrescription_CancelsReminders: ending a prescription suppresses its queued
// reminders in the same transaction and leaves another prescription's alone.
func TestStore_EndPrescription_CancelsReminders(t *testing.T) {
	clock := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		lise := storetest.LinkWorker(t, s, "Lise")
		c := storetest.ConfirmedCitizen(t, s, lise, models.LangDA, clock.Add(-24*time.Hour))
		start := calendar.NewDate(2026, 3, 1)
		walk := storetest.Activity(t, s, c.ID, "Gåtur", 3, "10:00", start)
		choir := storetest.Activity(t, s, c.ID, "Kor", 4, "19:00", start)
		walkKey, choirKey := models.ReminderKey(walk.ID, calendar.NewDate(2026, 3, 4)), models.ReminderKey(choir.ID, calendar.NewDate(2026, 3, 5))
		for _, key := range []string{walkKey, choirKey} {
			if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Påmindelse",
				Kind: models.KindReminder, DedupeKey: key, NotBefore: clock.Add(24 * time.Hour)}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.EndPrescription(ctx, c.ID, walk.ID, clock); err != nil {
			t.Fatal(err)
		}
		if got := outboxStatus(t, s, walkKey); got != models.OutboxSuppressed {
			t.Fatalf("the ended activity's reminder is %s", got)
		}
		if got := outboxStatus(t, s, choirKey); got != models.OutboxPending {
			t.Fatalf("the other activity's reminder is %s", got)
		}
	}, models.WithClock(func() time.Time { return clock }))
}
