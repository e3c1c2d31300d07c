package bench_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/webpushtest"
	"brobygger/scheduler"
)

// pushClock is the store's and scheduler's clock; only the benchmark moves it.
type pushClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *pushClock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *pushClock) set(t time.Time) { c.mu.Lock(); defer c.mu.Unlock(); c.t = t.UTC() }

// BenchmarkReminderToPush measures, in real elapsed time, how long a due reminder takes from the
// scheduler's tick (RunDue at the fake clock's due time) to the encrypted, VAPID-signed push
// arriving at a fake push service on loopback: the scheduler's pass, the push dispatcher's claim,
// the real webpush-go request and the settle. Each iteration is a new app user whose reminder is
// due; the clock is fixed, so only the work is timed.
//
//	go test ./bench -run '^$' -bench ReminderToPush -benchtime 50x
func BenchmarkReminderToPush(b *testing.B) {
	for _, d := range storetest.Dialects() {
		b.Run(string(d), func(b *testing.B) { benchReminderToPush(b, d) })
	}
}

func benchReminderToPush(b *testing.B, d models.Dialect) {
	ctx := context.Background()
	clock := &pushClock{}
	clock.set(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	s := storetest.Open(b, d, models.WithClock(clock.now))
	loc, _ := time.LoadLocation("Europe/Copenhagen")
	reg, _ := models.LoadInstruments()
	botCfg := bot.DefaultConfig()
	botCfg.Location = loc
	engine, err := bot.New(s, reg, botCfg)
	if err != nil {
		b.Fatal(err)
	}
	sched, err := scheduler.New(s, engine, reg, scheduler.DefaultConfig(loc))
	if err != nil {
		b.Fatal(err)
	}
	keys, _ := notify.GenerateVAPIDKeys()
	fake := webpushtest.New()
	defer fake.Close()
	arrived := make(chan time.Time, 1)
	fake.OnPush = func(webpushtest.Push) { arrived <- time.Now() }
	push := notify.NewPushDispatcher(s, &notify.WebPushSender{Keys: keys, Subject: "mailto:bench@brobygger.example"},
		notify.PushConfig{}, nil)
	empty := models.CheckinPlan{}
	if err := s.SetSiteCheckinPlan(ctx, empty); err != nil {
		b.Fatal(err)
	}
	// The reminder for Tuesday 18:00 is due on Tuesday morning (the shipped rule); find the first
	// minute it is queued with one citizen, then give every iteration a fresh citizen due then.
	newUser := func() {
		c := storetest.ConfirmedCitizen(b, s, nil, models.LangDA, clock.now())
		storetest.Activity(b, s, c.ID, "Gåtur", 2, "18:00", models.Date{Year: 2026, Month: 3, Day: 2})
		p := c.Preferences
		p.PreferredChannel = "app"
		if err := s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{Preferences: &p}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.RegisterWebDevice(ctx, c.ID, fake.Subscribe(), true); err != nil {
			b.Fatal(err)
		}
	}
	newUser()
	due := time.Date(2026, 3, 3, 7, 0, 0, 0, loc)
	for ; ; due = due.Add(15 * time.Minute) {
		clock.set(due)
		rep, err := sched.RunDue(ctx, clock.now())
		if err != nil {
			b.Fatal(err)
		}
		if rep.Reminders > 0 {
			break
		}
	}
	if _, err := push.DispatchOnce(ctx); err != nil {
		b.Fatal(err)
	}
	<-arrived
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		newUser()
		b.StartTimer()
		start := time.Now()
		if rep, err := sched.RunDue(ctx, clock.now()); err != nil || rep.Reminders != 1 {
			b.Fatalf("tick: %+v %v", rep, err)
		}
		if n, err := push.DispatchOnce(ctx); err != nil || n != 1 {
			b.Fatalf("push: %d %v", n, err)
		}
		total += (<-arrived).Sub(start)
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N)/1000, "ms/reminder-to-push")
}
