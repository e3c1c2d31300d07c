package notify_test

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/notify"
	"brobygger/notify/webpushtest"
)

// recordingSleep is an injected sleeper: it records each wait and returns at once.
type recordingSleep struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (r *recordingSleep) sleep(ctx context.Context, d time.Duration) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waits = append(r.waits, d)
	return ctx.Err() == nil
}

// pushRig is a store, a fake push service and a push dispatcher sending to it with the real
// webpush-go client.
type pushRig struct {
	s     *models.Store
	fake  *webpushtest.Server
	d     *notify.PushDispatcher
	clock *fakeClock
	slept *recordingSleep
}

func newPushRig(t *testing.T, s *models.Store, clock *fakeClock) *pushRig {
	t.Helper()
	keys, err := notify.GenerateVAPIDKeys()
	if err != nil {
		t.Fatal(err)
	}
	fake := webpushtest.New()
	fake.VAPIDPublicKey = keys.Public
	t.Cleanup(fake.Close)
	slept := &recordingSleep{}
	sender := &notify.WebPushSender{Keys: keys, Subject: "mailto:drift@brobygger.example", Now: clock.Now}
	d := notify.NewPushDispatcher(s, sender, notify.PushConfig{Sleep: slept.sleep, FallbackAfter: 2 * time.Hour}, nil)
	return &pushRig{s: s, fake: fake, d: d, clock: clock, slept: slept}
}

func (r *pushRig) subscribe(t *testing.T, c *models.Citizen) models.WebSubscription {
	t.Helper()
	sub := r.fake.Subscribe()
	if _, err := r.s.RegisterWebDevice(context.Background(), c.ID, sub, true); err != nil {
		t.Fatal(err)
	}
	return sub
}

func (r *pushRig) queuePush(t *testing.T, c *models.Citizen, kind string) string {
	t.Helper()
	item, err := r.s.EnqueueItem(context.Background(), models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone,
		Body: "Husk: Gåtur i morgen kl. 10.", Kind: kind, Priority: models.PriorityReminder, Channel: models.ChannelPush})
	if err != nil {
		t.Fatal(err)
	}
	return item.ID
}

func (r *pushRig) row(t *testing.T, id string) models.OutboxItem {
	t.Helper()
	var o models.OutboxItem
	if err := inspect(t, r.s).Where("id = ?", id).Take(&o).Error; err != nil {
		t.Fatal(err)
	}
	return o
}

// TestPushDispatcher_DeliversOpaquePayloadToEveryDevice: a reminder push reaches both of the
// citizen's browsers, encrypted and VAPID-signed, and carries only a title and the row's id; the
// row is sent with its fallback two hours later. An English citizen gets the English title.
func TestPushDispatcher_DeliversOpaquePayloadToEveryDevice(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		r := newPushRig(t, s, clock)
		da, en := storetest.Citizen(t, s, nil, models.LangDA), storetest.Citizen(t, s, nil, models.LangEN)
		r.subscribe(t, da)
		r.subscribe(t, da)
		r.subscribe(t, en)
		idDA, idEN := r.queuePush(t, da, models.KindReminder), r.queuePush(t, en, models.KindReminder)
		if n, err := r.d.DispatchOnce(context.Background()); n != 2 || err != nil {
			t.Fatalf("dispatch = %d, %v", n, err)
		}
		if rej := r.fake.Rejected(); len(rej) != 0 {
			t.Fatalf("fake refused: %v", rej)
		}
		var got []string
		for _, p := range r.fake.Pushes() {
			got = append(got, string(p.Payload))
			if p.Subject != "mailto:drift@brobygger.example" || p.Urgency != "high" {
				t.Errorf("push headers %+v", p)
			}
		}
		slices.Sort(got)
		want := []string{
			mustJSON(t, notify.PushPayload{Title: "Du har en ny besked", ID: idDA}),
			mustJSON(t, notify.PushPayload{Title: "Du har en ny besked", ID: idDA}),
			mustJSON(t, notify.PushPayload{Title: "You have a new message", ID: idEN}),
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("payloads %q, want %q", got, want)
		}
		row := r.row(t, idDA)
		if row.Status != models.OutboxSent || row.Channel != models.ChannelPush || row.FallbackAt == nil ||
			!row.FallbackAt.Equal(clock.Now().Add(2*time.Hour)) {
			t.Errorf("row after push: %+v", row)
		}
	}, models.WithClock(clock.Now))
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPushDispatcher_GoneDeviceIsRemovedAndFallsBackAtOnce: a 410 forgets the device; with no
// device left the push failed and its fallback is due at once.
func TestPushDispatcher_GoneDeviceIsRemovedAndFallsBackAtOnce(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		r := newPushRig(t, s, clock)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		gone := r.subscribe(t, c)
		r.fake.Script(gone.Endpoint, webpushtest.Reply{Status: 410})
		id := r.queuePush(t, c, models.KindReminder)
		if _, err := r.d.DispatchOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if devs, _ := s.PushDevices(context.Background(), c.ID); len(devs) != 0 {
			t.Errorf("devices after 410: %+v", devs)
		}
		row := r.row(t, id)
		if row.Status != models.OutboxFailed || row.FallbackAt == nil || !row.FallbackAt.Equal(clock.Now()) {
			t.Errorf("row after 410: %+v", row)
		}
		due, err := s.DueFallbacks(context.Background(), clock.Now(), 10)
		if err != nil || len(due) != 1 || due[0].ID != id {
			t.Errorf("due fallbacks %+v, %v", due, err)
		}
	}, models.WithClock(clock.Now))
}

// TestPushDispatcher_RetriesThrottlingWithBackoff: 429 with Retry-After 7 and then 503 are
// retried (waiting 7 s, then the doubled backoff of 2 s) and the third try is delivered; a device
// that keeps answering 500 is given up after the retries, its row failing when it is the only one.
func TestPushDispatcher_RetriesThrottlingWithBackoff(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		r := newPushRig(t, s, clock)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		sub := r.subscribe(t, c)
		r.fake.Script(sub.Endpoint, webpushtest.Reply{Status: 429, RetryAfter: "7"}, webpushtest.Reply{Status: 503})
		id := r.queuePush(t, c, models.KindStaffMessage)
		if _, err := r.d.DispatchOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := r.slept.waits; !slices.Equal(got, []time.Duration{7 * time.Second, 2 * time.Second}) {
			t.Errorf("waits %v, want [7s 2s]", got)
		}
		if row := r.row(t, id); row.Status != models.OutboxSent || len(r.fake.Pushes()) != 1 {
			t.Errorf("after retries: %+v, pushes %d", row, len(r.fake.Pushes()))
		}
		r.fake.Script(sub.Endpoint, webpushtest.Reply{Status: 500}, webpushtest.Reply{Status: 500},
			webpushtest.Reply{Status: 500}, webpushtest.Reply{Status: 500})
		id = r.queuePush(t, c, models.KindStaffMessage)
		if _, err := r.d.DispatchOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if row := r.row(t, id); row.Status != models.OutboxFailed || row.LastError != "push service answered 500" {
			t.Errorf("after 4×500: %+v", row)
		}
		if devs, _ := s.PushDevices(context.Background(), c.ID); len(devs) != 1 {
			t.Errorf("a throttling device was removed: %+v", devs)
		}
	}, models.WithClock(clock.Now))
}

// TestPushDispatcher_CheckinHasNoPushFallback: a check-in push with no device fails without a
// fallback of its own; the scheduler asks it by SMS after the app fallback time.
func TestPushDispatcher_CheckinHasNoPushFallback(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		r := newPushRig(t, s, clock)
		c := storetest.Citizen(t, s, nil, models.LangDA)
		id := r.queuePush(t, c, models.KindCheckin)
		if _, err := r.d.DispatchOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		if row := r.row(t, id); row.Status != models.OutboxFailed || row.FallbackAt != nil {
			t.Errorf("check-in push without device: %+v", row)
		}
	}, models.WithClock(clock.Now))
}
