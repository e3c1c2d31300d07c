package models_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"

	"gorm.io/gorm"
)

// TestPlanSends_StopStopsSMSOnly: after STOP a citizen who prefers the app keeps the reminders
// and check-ins (the app shows and announces them), one with an e-mail address keeps the
// reminders, and neither is planned a follow-up ("did you go?" is an SMS conversation); one
// with neither gets nothing.
func TestPlanSends_StopStopsSMSOnly(t *testing.T) {
	in, loc := planFixture(t)
	from := time.Date(2026, 2, 16, 0, 0, 0, 0, loc)
	stopped := from
	email := "anna@example.dk"
	kinds := func(app bool, mail *string) string {
		c := *in.Citizen
		c.OptedOutAt, c.Email = &stopped, mail
		if app {
			c.PreferredChannel = "app"
		}
		in := in
		in.Citizen = &c
		var got []string
		for _, s := range models.PlanSends(in, from, from.AddDate(0, 0, 15)) {
			got = append(got, s.Kind+" "+s.Instrument)
		}
		return strings.Join(got, ",")
	}
	if got, want := kinds(true, nil), "checkin who5,checkin ucla3,reminder ,checkin pulse,reminder ,checkin who5,checkin ucla3"; got != want {
		t.Errorf("STOP, prefers the app: %s\nwant %s", got, want)
	}
	if got, want := kinds(false, &email), "reminder ,reminder "; got != want {
		t.Errorf("STOP, e-mail: %s\nwant %s", got, want)
	}
	empty := ""
	for _, mail := range []*string{nil, &empty} {
		if got := kinds(false, mail); got != "" {
			t.Errorf("STOP, SMS only (e-mail %v): %s, want nothing", mail, got)
		}
	}
	paused := *in.Citizen
	paused.OptedOutAt, paused.PausedAt, paused.PreferredChannel = &stopped, &stopped, "app"
	if got := models.PlanSends(models.ScheduleInput{Citizen: &paused, Plan: in.Plan, Activities: in.Activities, Window: in.Window}, from, from.AddDate(0, 0, 15)); len(got) != 0 {
		t.Errorf("STOP and paused, prefers the app: %d sends, want none", len(got))
	}
}

// stoppedCitizens refers one citizen for each way STOP, preferences and other stops combine and
// returns the ids the scheduler must read.
func stoppedCitizens(t *testing.T, s *models.Store) map[string]bool {
	ctx := context.Background()
	worker := storetest.LinkWorker(t, s, "Lise")
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	want := map[string]bool{}
	add := func(wanted bool, app bool, email *string, up models.CitizenUpdate) {
		c := storetest.ConfirmedCitizen(t, s, worker, models.LangDA, now)
		if app {
			p := c.Preferences
			p.PreferredChannel = "app"
			up.Preferences = &p
		}
		if err := s.UpdateCitizen(ctx, c.ID, up); err != nil {
			t.Fatal(err)
		}
		if email != nil {
			addr := *email
			if addr != "" { // an address belongs to one open citizen (migration 00024)
				addr = c.ID[len(c.ID)-8:] + "." + addr
			}
			if err := s.GormDB().Model(&models.Citizen{}).Where("id = ?", c.ID).Update("email", addr).Error; err != nil {
				t.Fatal(err)
			}
		}
		if wanted {
			want[c.ID] = true
		}
	}
	mail, blank := "borger@example.dk", ""
	stop := models.CitizenUpdate{OptedOutAt: &now}
	for i := range 3 {
		add(true, false, nil, models.CitizenUpdate{}) // SMS as usual
		add(true, true, nil, stop)                    // STOP, the app
		add(true, false, &mail, stop)                 // STOP, e-mail
		add(false, false, nil, stop)                  // STOP, SMS only
		if i == 0 {                                   // a blank address is an address too: one open citizen may hold it
			add(false, false, &blank, stop) // STOP, a blank e-mail is none
		}
		add(false, true, &mail, models.CitizenUpdate{OptedOutAt: &now, PausedAt: &now}) // paused: nothing
		add(false, true, nil, models.CitizenUpdate{OptedOutAt: &now, ClosedAt: &now})
	}
	return want
}

// TestStore_SchedulableCitizens_StopStopsSMSOnly: the keyset pages stream the SMS citizens and
// the ones who said STOP but may be reached by push or e-mail, in one id order, each once,
// with opted_out_at filled so the scheduler can keep SMS from them.
func TestStore_SchedulableCitizens_StopStopsSMSOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		want := stoppedCitizens(t, s)
		got := map[string]bool{}
		stopped := 0
		for after := ""; ; {
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
				if !c.Schedulable() {
					t.Errorf("citizen %s read but not schedulable: %+v", c.ID, c)
				}
				if c.OptedOut() {
					stopped++
				}
				after = c.ID
			}
		}
		if len(got) != len(want) || stopped != 6 {
			t.Fatalf("streamed %d citizens (%d after STOP), want %d (6 after STOP)", len(got), stopped, len(want))
		}
		for id := range want {
			if !got[id] {
				t.Errorf("citizen %s missing", id)
			}
		}
	})
}

// TestStore_SchedulableCitizens_ReadsAlongBothPartialIndexes: each of the two keyset reads is a
// range read along its own partial index, in id order, with no sort, on both databases (on
// PostgreSQL with sequential scans, bitmap scans and sorts off, as a table of 100,000s of
// citizens makes the planner choose by itself), so the
// scheduler's read stays a range scan however many citizens there are.
func TestStore_SchedulableCitizens_ReadsAlongBothPartialIndexes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		stoppedCitizens(t, s)
		// Statistics, as after a bulk load or PostgreSQL's autovacuum: without them SQLite guesses
		// from the schema alone (and picked another index for the SMS read before STOP was split).
		if err := s.Analyze(context.Background()); err != nil {
			t.Fatal(err)
		}
		sms, beyond, smsArgs, beyondArgs := models.SchedulableQueries("00000000-0000-0000-0000-000000000000", "ffffffff-0000-0000-0000-000000000000", 500)
		for _, c := range []struct {
			q     string
			args  []any
			index *regexp.Regexp
		}{
			{sms, smsArgs, regexp.MustCompile(`idx_citizens_schedulable([^_]|$)`)},
			{beyond, beyondArgs, regexp.MustCompile(`idx_citizens_schedulable_beyond_sms`)},
		} {
			text := explain(t, s, c.q, c.args)
			if !c.index.MatchString(text) {
				t.Errorf("the plan does not use %s:\n%s", c.index, text)
			}
			if regexp.MustCompile(`Seq Scan|SCAN citizens|TEMP B-TREE|Sort`).MatchString(text) {
				t.Errorf("the plan scans or sorts:\n%s", text)
			}
		}
	})
}

// explain is the database's plan for q, one line a step.
func explain(t *testing.T, s *models.Store, q string, args []any) string {
	t.Helper()
	var plan []string
	err := s.GormDB().Transaction(func(tx *gorm.DB) error {
		if s.Dialect() == models.Postgres {
			// A few rows make any plan cheap; with these off, a plan that still sorts or scans
			// the table is one the indexes cannot serve in id order.
			for _, off := range []string{"enable_seqscan", "enable_bitmapscan", "enable_sort"} {
				if err := tx.Exec("SET LOCAL " + off + " = off").Error; err != nil {
					return err
				}
			}
			return tx.Raw("EXPLAIN "+q, args...).Scan(&plan).Error
		}
		rows, err := tx.Raw("EXPLAIN QUERY PLAN "+q, args...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				return err
			}
			plan = append(plan, detail)
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(plan, "\n")
	t.Logf("plan:\n%s", text)
	return text
}

// TestStore_MarkOptedOut_SuppressesQueuedSMSOnly: STOP cancels the citizen's queued SMS, but a
// reminder queued as a push and one queued as an e-mail still go; a declined contact (every
// channel) still cancels all three.
func TestStore_MarkOptedOut_SuppressesQueuedSMSOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		tomorrow := time.Date(2026, 3, 3, 8, 0, 0, 0, time.UTC)
		queue := func(c *models.Citizen) map[string]string {
			ids := map[string]string{}
			for _, ch := range []string{models.ChannelSMS, models.ChannelPush, models.ChannelEmail} {
				key := "stop-test:" + c.ID + ":" + ch
				if ok, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Husk gåturen i morgen.",
					Kind: models.KindReminder, Priority: models.PriorityReminder, DedupeKey: key, NotBefore: tomorrow, Channel: ch}); err != nil || !ok {
					t.Fatalf("enqueue %s: %v %v", ch, ok, err)
				}
				var id string
				if err := s.GormDB().Model(&models.OutboxItem{}).Where("dedupe_key = ?", key).Pluck("id", &id).Error; err != nil {
					t.Fatal(err)
				}
				ids[ch] = id
			}
			return ids
		}
		statuses := func(ids map[string]string) map[string]models.OutboxStatus {
			out := map[string]models.OutboxStatus{}
			for ch, id := range ids {
				var item models.OutboxItem
				if err := s.GormDB().Where("id = ?", id).Take(&item).Error; err != nil {
					t.Fatal(err)
				}
				out[ch] = item.Status
			}
			return out
		}
		stopped := storetest.ConfirmedCitizen(t, s, worker, models.LangDA, tomorrow.AddDate(0, 0, -1))
		ids := queue(stopped)
		if err := s.InTx(ctx, func(tx *models.Store) error { return tx.MarkOptedOut(ctx, stopped.ID, models.OptOutBySMS) }); err != nil {
			t.Fatal(err)
		}
		want := map[string]models.OutboxStatus{models.ChannelSMS: models.OutboxSuppressed, models.ChannelPush: models.OutboxPending, models.ChannelEmail: models.OutboxPending}
		if got := statuses(ids); got[models.ChannelSMS] != want[models.ChannelSMS] || got[models.ChannelPush] != want[models.ChannelPush] || got[models.ChannelEmail] != want[models.ChannelEmail] {
			t.Errorf("after STOP: %v, want %v", got, want)
		}
		closed := storetest.ConfirmedCitizen(t, s, worker, models.LangDA, tomorrow.AddDate(0, 0, -1))
		ids = queue(closed)
		if err := s.SuppressQueued(ctx, closed.ID, "citizen declined contact"); err != nil {
			t.Fatal(err)
		}
		for ch, st := range statuses(ids) {
			if st != models.OutboxSuppressed {
				t.Errorf("after declining: the %s row is %s", ch, st)
			}
		}
	})
}
