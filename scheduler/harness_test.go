package scheduler_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/scheduler"
)

// clock is the tests' fake time: the store, the bot and RunDue all read it, nothing sleeps.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t.UTC() }

// harness is a real store of one dialect with the bot and a scheduler on a fake clock, plus a
// pretend dispatcher (deliver) and a pretend citizen (say, answer).
type harness struct {
	t      testing.TB
	ctx    context.Context
	s      *models.Store
	clock  *clock
	loc    *time.Location
	reg    *models.InstrumentRegistry
	engine *bot.Engine
	sched  *scheduler.Scheduler
	cfg    scheduler.Config
	worker *models.Staff
	sid    atomic.Int64
}

func copenhagen(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func newHarness(t testing.TB, d models.Dialect, start time.Time, tune ...func(*scheduler.Config)) *harness {
	t.Helper()
	c := &clock{}
	c.set(start)
	s := storetest.Open(t, d, models.WithClock(c.now))
	reg, err := models.LoadInstruments()
	if err != nil {
		t.Fatal(err)
	}
	loc := copenhagen(t)
	cfg := bot.DefaultConfig()
	cfg.Location = loc
	engine, err := bot.New(s, reg, cfg)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, ctx: context.Background(), s: s, clock: c, loc: loc, reg: reg, engine: engine}
	h.cfg = scheduler.DefaultConfig(loc)
	for _, f := range tune {
		f(&h.cfg)
	}
	h.sched = h.newScheduler()
	return h
}

// config is the harness's scheduler configuration (the shipped defaults in Copenhagen, tuned
// by the test), tuned further for one more scheduler.
func (h *harness) config(tune ...func(*scheduler.Config)) scheduler.Config {
	cfg := h.cfg
	for _, f := range tune {
		f(&cfg)
	}
	return cfg
}

func (h *harness) newScheduler(tune ...func(*scheduler.Config)) *scheduler.Scheduler {
	h.t.Helper()
	sched, err := scheduler.New(h.s, h.engine, h.reg, h.config(tune...))
	if err != nil {
		h.t.Fatal(err)
	}
	return sched
}

// local is a wall-clock time in Copenhagen.
func (h *harness) local(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, h.loc)
}

// runAt moves the clock to at and runs one pass.
func (h *harness) runAt(at time.Time) scheduler.Report {
	h.t.Helper()
	h.clock.set(at)
	rep, err := h.sched.RunDue(h.ctx, h.clock.now())
	if err != nil {
		h.t.Fatalf("RunDue at %s: %v", at.In(h.loc), err)
	}
	return rep
}

// deliver plays the dispatcher: everything due by the clock is claimed and marked sent (rows
// past their NotAfter are dropped by the claim, as in production). It returns what went out.
func (h *harness) deliver() []models.OutboxItem {
	h.t.Helper()
	var out []models.OutboxItem
	for {
		items, err := h.s.ClaimOutbox(h.ctx, 200, time.Minute)
		if err != nil {
			h.t.Fatal(err)
		}
		if len(items) == 0 {
			return out
		}
		for _, it := range items {
			sid := fmt.Sprintf("SM%032d", h.sid.Add(1))
			if err := h.s.MarkSent(h.ctx, it, models.SentSMS{SID: sid, Status: "sent", Segments: 1}); err != nil {
				h.t.Fatal(err)
			}
		}
		out = append(out, items...)
	}
}

// say is the citizen sending an SMS.
func (h *harness) say(c *models.Citizen, text string) {
	h.t.Helper()
	sid := fmt.Sprintf("SM%032d", h.sid.Add(1))
	if _, err := h.engine.HandleInbound(h.ctx, models.InboundSMS{SID: sid, From: c.Phone, Body: text, Segments: 1}); err != nil {
		h.t.Fatalf("citizen says %q: %v", text, err)
	}
}

// answer plays a cooperative citizen: every open conversation is answered to the end.
func (h *harness) answer(c *models.Citizen) {
	h.t.Helper()
	for range 20 {
		conv, err := h.s.OpenConversation(h.ctx, c.ID)
		if err != nil {
			h.t.Fatal(err)
		}
		if conv == nil {
			return
		}
		switch conv.Kind {
		case models.ConvCheckin:
			h.say(c, "3")
		case models.ConvFollowup:
			h.say(c, "1")
		case models.ConvContact:
			h.say(c, "JA")
		}
	}
	h.t.Fatalf("citizen %s still has an open conversation after 20 answers", c.ID)
}

// settle runs passes at the current time, delivering and answering, until a pass queues nothing
// new, so check-ins that waited for each other all go out.
func (h *harness) settle(cs ...*models.Citizen) {
	h.t.Helper()
	for range 10 {
		rep := h.runAt(h.clock.now())
		h.deliver()
		for _, c := range cs {
			h.answer(c)
		}
		h.deliver()
		if rep.CheckinsStarted+rep.Reminders+rep.Followups+rep.Nudges == 0 {
			return
		}
	}
	h.t.Fatal("passes keep queueing at the same time")
}

// outbox lists a citizen's queued SMS of the given kinds (all kinds when none), in queue order.
func (h *harness) outbox(citizenID string, kinds ...string) []models.OutboxItem {
	h.t.Helper()
	rows, err := h.s.ListOutbox(h.ctx, models.OutboxFilter{CitizenID: citizenID})
	if err != nil {
		h.t.Fatal(err)
	}
	var out []models.OutboxItem
	for _, r := range rows {
		if len(kinds) == 0 || contains(kinds, r.Kind) {
			out = append(out, r)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scheduledKinds are the SMS the scheduler queues (the rest are the bot's replies).
func scheduledKinds() []string {
	return []string{models.KindCheckin, models.KindReminder, models.KindFollowup, models.KindContactNudge}
}

// describe writes scheduled SMS as "Mon 2006-01-02 15:04 kind instrument", one a line, in
// local send time; a check-in's instrument is looked up through its dedupe key.
func (h *harness) describe(rows []models.OutboxItem) string {
	h.t.Helper()
	lines := make([]string, 0, len(rows))
	for _, r := range rows {
		lines = append(lines, fmt.Sprintf("%s %s %s", r.NotBefore.In(h.loc).Format("Mon 2006-01-02 15:04"), r.Kind, h.instrumentOf(r)))
	}
	sort.SliceStable(lines, func(i, j int) bool { return lines[i][4:20] < lines[j][4:20] })
	return strings.Join(lines, "\n")
}

// checkinOf returns the check-in a check-in SMS opened ("checkin:ID:1").
func (h *harness) checkinOf(r models.OutboxItem) *models.Checkin {
	h.t.Helper()
	if r.Kind != models.KindCheckin || r.DedupeKey == nil {
		return nil
	}
	parts := strings.Split(*r.DedupeKey, ":")
	ch, err := h.s.CheckinByID(h.ctx, parts[1])
	if err != nil {
		h.t.Fatal(err)
	}
	return ch
}

func (h *harness) instrumentOf(r models.OutboxItem) string {
	if ch := h.checkinOf(r); ch != nil {
		return ch.Instrument
	}
	return "-"
}

// planKeyOf is the key UpcomingSends uses for the send that queued r.
func (h *harness) planKeyOf(r models.OutboxItem) string {
	if ch := h.checkinOf(r); ch != nil && ch.PlanKey != nil {
		return *ch.PlanKey
	}
	if r.DedupeKey == nil {
		return ""
	}
	return *r.DedupeKey
}

// eachDialect runs a scheduler test once per database.
func eachDialect(t *testing.T, fn func(t *testing.T, d models.Dialect)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// confirmedCitizen refers a Danish citizen who confirmed contact at at. All the harness's
// citizens share one link worker (hashing a staff password per citizen would dominate the tests).
func (h *harness) confirmedCitizen(at time.Time) *models.Citizen {
	h.t.Helper()
	if h.worker == nil {
		h.worker = storetest.LinkWorker(h.t, h.s, "Lise Brobygger")
	}
	return storetest.ConfirmedCitizen(h.t, h.s, h.worker, models.LangDA, at)
}

// activity prescribes a weekly activity (ISO weekday, "HH:MM") from startsOn, made now.
func (h *harness) activity(c *models.Citizen, title string, weekday int, start string, startsOn models.Date) *models.Prescription {
	h.t.Helper()
	return storetest.Activity(h.t, h.s, c.ID, title, weekday, start, startsOn)
}
