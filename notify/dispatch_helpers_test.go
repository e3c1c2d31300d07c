package notify_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"brobygger/models"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// statusCallback is the delivery status URL the tests' dispatchers ask Twilio to call.
const statusCallback = "https://brobygger.example/webhooks/twilio/status"

// fakeClock is the store's clock in dispatcher tests: leases and backoff move only when a test
// advances it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock { return &fakeClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *fakeClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// twilioSender returns a TwilioSender sending from the test number through srv.
func twilioSender(t testing.TB, srv *twiliotest.Server) *notify.TwilioSender {
	t.Helper()
	s, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: accountSID, AuthToken: authToken,
		From: sender, APIURL: srv.URL()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// testConfig is a dispatcher configuration with fixed jitter (the middle of the range) and a
// short poll, so Run-based tests react quickly.
func testConfig() notify.DispatcherConfig {
	return notify.DispatcherConfig{Workers: 4, BatchSize: 16, PollInterval: 10 * time.Millisecond,
		StatusCallbackURL: statusCallback, Rand: func() float64 { return 0.5 }}
}

// newDispatcher returns a dispatcher over s sending through a fake Twilio, which it also returns.
func newDispatcher(t testing.TB, s *models.Store, cfg notify.DispatcherConfig) (*notify.Dispatcher, *twiliotest.Server) {
	t.Helper()
	srv := twiliotest.NewServer(accountSID, authToken)
	t.Cleanup(srv.Close)
	return notify.NewDispatcher(s, twilioSender(t, srv), cfg, slog.New(slog.DiscardHandler)), srv
}

// queue puts one SMS to c in the outbox and returns its outbox id.
func queue(t testing.TB, s *models.Store, c *models.Citizen, kind, body string) string {
	t.Helper()
	key := "test:" + uuid.NewString()
	queued, err := s.Enqueue(context.Background(), models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone,
		Body: body, Kind: kind, DedupeKey: key})
	if err != nil || !queued {
		t.Fatalf("enqueue: %v %v", queued, err)
	}
	var id string
	if err := inspect(t, s).Model(&models.OutboxItem{}).Where("dedupe_key = ?", key).Pluck("id", &id).Error; err != nil {
		t.Fatal(err)
	}
	return id
}

// dispatchOnce runs one dispatcher pass and expects it to claim want rows.
func dispatchOnce(t testing.TB, d *notify.Dispatcher, want int) {
	t.Helper()
	n, err := d.DispatchOnce(context.Background())
	if err != nil || n != want {
		t.Fatalf("DispatchOnce claimed %d (%v), want %d", n, err, want)
	}
}

// inspect opens GORM over the store's own pool, for reading rows the store has no query for.
// It reads, never writes: every write in these tests goes through the store.
func inspect(t testing.TB, s *models.Store) *gorm.DB {
	t.Helper()
	pool, err := s.SQLDB()
	if err != nil {
		t.Fatal(err)
	}
	dialector := gormlite.OpenDB(pool)
	if s.Dialect() == models.Postgres {
		dialector = postgres.New(postgres.Config{Conn: pool})
	}
	db, err := gorm.Open(dialector, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// outboxRow reads one outbox row.
func outboxRow(t testing.TB, s *models.Store, id string) models.OutboxItem {
	t.Helper()
	var row models.OutboxItem
	if err := inspect(t, s).Where("id = ?", id).Take(&row).Error; err != nil {
		t.Fatalf("outbox row %s: %v", id, err)
	}
	return row
}

// outboxStatuses counts outbox rows by status.
func outboxStatuses(t testing.TB, s *models.Store) map[models.OutboxStatus]int {
	t.Helper()
	var rows []models.OutboxItem
	if err := inspect(t, s).Select("status").Find(&rows).Error; err != nil {
		t.Fatal(err)
	}
	counts := make(map[models.OutboxStatus]int)
	for _, r := range rows {
		counts[r.Status]++
	}
	return counts
}

// flagKinds lists the kinds of the flags raised for a citizen.
func flagKinds(t testing.TB, s *models.Store, citizenID string) []models.FlagKind {
	t.Helper()
	var kinds []models.FlagKind
	if err := inspect(t, s).Model(&models.Flag{}).Where("citizen_id = ?", citizenID).Pluck("kind", &kinds).Error; err != nil {
		t.Fatal(err)
	}
	return kinds
}

// citizen reads a citizen back.
func citizen(t testing.TB, s *models.Store, id string) *models.Citizen {
	t.Helper()
	c, err := s.CitizenByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
