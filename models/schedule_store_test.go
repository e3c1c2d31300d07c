package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
	"brobygger/models/storetest"
)

func TestStore_SchedulableCitizens(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		want := map[string]bool{}
		for range 5 {
			want[storetest.ConfirmedCitizen(t, s, worker, models.LangDA, now).ID] = true
		}
		_ = storetest.Citizen(t, s, worker, models.LangDA) // referred, never contacted: nothing to schedule
		for _, stop := range []models.CitizenUpdate{{OptedOutAt: &now}, {PausedAt: &now}, {DeclinedAt: &now},
			{UnreachableAt: &now}, {PhoneInvalidAt: &now}, {ClosedAt: &now}, {CompletedAt: &now}} {
			c := storetest.ConfirmedCitizen(t, s, worker, models.LangDA, now)
			if err := s.UpdateCitizen(ctx, c.ID, stop); err != nil {
				t.Fatal(err)
			}
		}
		got := map[string]bool{}
		after := ""
		for {
			page, err := s.SchedulableCitizens(ctx, after, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(page) == 0 {
				break
			}
			for _, c := range page {
				if got[c.ID] || c.ID <= after {
					t.Fatalf("page after %s repeats or goes back: %s", after, c.ID)
				}
				got[c.ID] = true
			}
			after = page[len(page)-1].ID
		}
		if len(got) != len(want) {
			t.Fatalf("streamed %d citizens, want the %d confirmed ones", len(got), len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("citizen %s missing", id)
			}
		}
	})
}

// The scheduler's page is scanned by hand: every column it reads must land in its own field.
func TestStore_SchedulableCitizens_FillsWhatSchedulingReads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		c := storetest.ConfirmedCitizen(t, s, worker, models.LangEN, now)
		inbound := now.Add(time.Hour)
		prefs := models.Preferences{RemindersEnabled: false, ReminderLeadMinutes: 90, QuietStart: "10:00", QuietEnd: "18:30", PreferredChannel: "app"}
		if err := s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{LastInboundAt: &inbound, Preferences: &prefs}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetCitizenCheckinPlan(ctx, c.ID, &models.CheckinPlan{}); err != nil {
			t.Fatal(err)
		}
		page, err := s.SchedulableCitizens(ctx, "", 10)
		if err != nil || len(page) != 1 {
			t.Fatalf("page = %d citizens, %v; want 1", len(page), err)
		}
		stored, err := s.CitizenByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := page[0]
		same := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
		if got.ID != stored.ID || got.Name != stored.Name || got.Phone != stored.Phone || got.Language != stored.Language ||
			got.LinkWorkerID != stored.LinkWorkerID || got.Status != stored.Status || got.Preferences != stored.Preferences ||
			!same(got.ContactedAt, stored.ContactedAt) || !same(got.ContactConfirmedAt, stored.ContactConfirmedAt) ||
			!same(got.LastInboundAt, stored.LastInboundAt) || got.CheckinPlan == nil || stored.CheckinPlan == nil || *got.CheckinPlan != *stored.CheckinPlan {
			t.Fatalf("scanned %+v\nstored  %+v", got, *stored)
		}
		if got.LastInboundAt == nil || !got.LastInboundAt.Equal(now.Add(time.Hour)) || got.ReminderLeadMinutes != 90 || got.QuietEnd != "18:30" {
			t.Fatalf("scanned %+v", got)
		}
	})
}

func TestStore_CreateCheckins_SkipsTakenPlanKeys(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		due := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		wave := func() []models.Checkin {
			var out []models.Checkin
			for _, inst := range []string{"who5", "ucla3", "ons4"} {
				key := "plan:" + c.ID + ":" + inst + ":d0"
				out = append(out, models.Checkin{CitizenID: c.ID, Instrument: inst, Version: "1", Status: models.CheckinPending, PlanKey: &key, DueAt: due})
			}
			return out
		}
		if ids, err := s.CreateCheckins(ctx, wave()); err != nil || len(ids) != 3 {
			t.Fatalf("first wave stored %v, %v", ids, err)
		}
		if ids, err := s.CreateCheckins(ctx, wave()); err != nil || len(ids) != 0 {
			t.Fatalf("repeated wave stored %v, %v; want nothing new", ids, err)
		}
		got, err := s.DueCheckins(ctx, []string{c.ID}, due)
		if err != nil || len(got) != 3 || got[0].Instrument != "who5" || got[2].Instrument != "ons4" {
			t.Fatalf("due check-ins = %+v, %v; want all three in creation order", got, err)
		}
		if got, _ := s.DueCheckins(ctx, []string{c.ID}, due.Add(-time.Second)); len(got) != 0 {
			t.Errorf("check-ins are due before their time: %v", got)
		}
	})
}

func TestStore_OpenPendingCheckinsAndStartConversations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		free := storetest.Citizen(t, s, nil, models.LangDA)
		busy := storetest.Citizen(t, s, nil, models.LangDA)
		if err := s.StartConversation(ctx, &models.Conversation{CitizenID: busy.ID, Kind: models.ConvContact, ExpiresAt: s.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, c := range []*models.Citizen{free, busy} {
			ch := models.Checkin{CitizenID: c.ID, Instrument: "who5", Version: "1", Status: models.CheckinPending, DueAt: s.Now()}
			if _, err := s.CreateCheckin(ctx, &ch); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, ch.ID)
		}
		opened, err := s.OpenPendingCheckins(ctx, ids, "sms")
		if err != nil || len(opened) != 2 {
			t.Fatalf("opened = %v, %v", opened, err)
		}
		if again, err := s.OpenPendingCheckins(ctx, ids, "sms"); err != nil || len(again) != 0 {
			t.Fatalf("opening open check-ins again = %v, %v; want none", again, err)
		}
		convs := []models.Conversation{
			{CitizenID: free.ID, Kind: models.ConvCheckin, CheckinID: &ids[0], Step: 1, ExpiresAt: s.Now().Add(time.Hour)},
			{CitizenID: busy.ID, Kind: models.ConvCheckin, CheckinID: &ids[1], Step: 1, ExpiresAt: s.Now().Add(time.Hour)},
		}
		started, err := s.StartConversations(ctx, convs)
		if err != nil || len(started) != 1 || started[0] != convs[0].ID {
			t.Fatalf("started = %v, %v; want only the free citizen's", started, err)
		}
		if err := s.ReturnCheckinsToPending(ctx, ids[1:]); err != nil {
			t.Fatal(err)
		}
		back, _ := s.CheckinByID(ctx, ids[1])
		if back.Status != models.CheckinPending || back.OpenedAt != nil {
			t.Errorf("busy citizen's check-in = %s, want pending again", back.Status)
		}
		if err := s.CancelCheckins(ctx, ids); err != nil {
			t.Fatal(err)
		}
		first, _ := s.CheckinByID(ctx, ids[0])
		back, _ = s.CheckinByID(ctx, ids[1])
		if first.Status != models.CheckinOpen || back.Status != models.CheckinCancelled {
			t.Errorf("cancel touched %s/%s, want only the pending one cancelled", first.Status, back.Status)
		}
	})
}

func TestStore_OutboxBacklog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		c := storetest.Citizen(t, s, nil, models.LangDA)
		now := s.Now()
		var sms []models.NewOutbound
		for i := range 4 {
			sms = append(sms, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "x", Kind: models.KindCheckin, NotBefore: now.Add(time.Duration(i) * time.Hour)})
		}
		if _, err := s.EnqueueBatch(ctx, sms); err != nil {
			t.Fatal(err)
		}
		if n, err := s.OutboxBacklog(ctx, now.Add(150*time.Minute)); err != nil || n != 3 {
			t.Errorf("backlog = %d, %v; want 3", n, err)
		}
	})
}

func TestStore_UpcomingSends(t *testing.T) {
	loc := copenhagen(t)
	clock := &fakeClock{t: time.Date(2026, 2, 16, 8, 0, 0, 0, time.UTC)}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		confirmed := time.Date(2026, 2, 16, 10, 0, 0, 0, loc)
		c := storetest.ConfirmedCitizen(t, s, nil, models.LangDA, confirmed)
		storetest.Activity(t, s, c.ID, "Strikkeklub", 2, "14:00", models.Date{Year: 2026, Month: 2, Day: 17})
		w := calendar.DefaultSendWindow(loc)
		from := time.Date(2026, 2, 16, 0, 0, 0, 0, loc)
		preview := func() string {
			got, err := s.UpcomingSends(ctx, c.ID, from, from.AddDate(0, 0, 9), w)
			if err != nil {
				t.Fatal(err)
			}
			return describe(got, loc)
		}
		want := `Mon 2026-02-16 10:00 checkin who5 plan:CID:who5:d0
Mon 2026-02-16 10:00 checkin ucla3 plan:CID:ucla3:d0
Tue 2026-02-17 09:30 reminder  reminder:PID:2026-02-17
Wed 2026-02-18 10:00 followup  followup:PID:2026-02-17
Mon 2026-02-23 09:00 checkin pulse pulse:CID:w1
Tue 2026-02-24 09:30 reminder  reminder:PID:2026-02-24
`
		got := preview()
		pid := got[strings.Index(got, "reminder:")+len("reminder:"):][:36]
		want = strings.NewReplacer("CID", c.ID, "PID", pid).Replace(want)
		if got != want {
			t.Fatalf("preview:\n%s\nwant:\n%s", got, want)
		}

		// A started check-in and a queued reminder drop out; a pending check-in stays.
		who5, ucla3 := "plan:"+c.ID+":who5:d0", "plan:"+c.ID+":ucla3:d0"
		due := confirmed.UTC()
		for key, st := range map[string]models.CheckinStatus{who5: models.CheckinOpen, ucla3: models.CheckinPending} {
			if _, err := s.CreateCheckin(ctx, &models.Checkin{CitizenID: c.ID, Instrument: "who5", Version: "1", Status: st, PlanKey: &key, DueAt: due}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "x", Kind: models.KindReminder, DedupeKey: "reminder:" + pid + ":2026-02-17"}); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(want, "\n")
		if got, want := preview(), strings.Join(append(lines[1:2], lines[3:]...), "\n"); got != want {
			t.Fatalf("preview after progress:\n%s\nwant:\n%s", got, want)
		}

		if err := s.MarkOptedOut(ctx, c.ID, models.OptOutByApp); err != nil {
			t.Fatal(err)
		}
		if got := preview(); got != "" {
			t.Errorf("an opted-out citizen's schedule:\n%s\nwant it empty", got)
		}
	}, models.WithClock(clock.Now))
}
