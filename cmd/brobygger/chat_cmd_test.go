package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brobygger/bot"
	"brobygger/models"
)

// TestChat_PlaysTheCitizenThroughTheEngine refers a citizen, then chats: JA confirms contact and
// HJÆLP is answered, exactly as over the webhook.
func TestChat_PlaysTheCitizenThroughTheEngine(t *testing.T) {
	ctx := context.Background()
	dbURL := "sqlite:" + filepath.Join(t.TempDir(), "chat.db")
	// Auckland, not the machine's zone (UTC here) nor the default: times must follow TIMEZONE.
	getenv := mapEnv(map[string]string{"DATABASE_URL": dbURL, "TIMEZONE": "Pacific/Auckland"})
	cfg, _ := loadConfig(getenv)
	store, _, err := openMigrated(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	worker, _ := store.CreateStaff(ctx, models.NewStaff{Email: "lw@example.dk", Name: "Lise Holm", Role: models.RoleLinkWorker, Password: "a long password here", Phone: "33123456"})
	reg, _ := models.LoadInstruments()
	engine, _ := bot.New(store, reg, bot.DefaultConfig())
	err = store.InTx(ctx, func(tx *models.Store) error {
		c, _, err := tx.CreateReferral(ctx, models.NewReferral{Name: "Anna Jensen", Phone: "26 12 34 56", LinkWorkerID: worker.ID,
			ConsentContact: true, ConsentData: true})
		if err != nil {
			return err
		}
		if err := engine.StartContact(ctx, tx, c, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)); err != nil {
			return err
		}
		// A check-in the scheduler queued for a later morning: chat shows it and leaves it pending.
		_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Godmorgen Anna, hvordan har du det i dag?",
			Kind: models.KindCheckin, Priority: models.PriorityScheduled, NotBefore: time.Date(2099, 6, 1, 7, 0, 0, 0, time.UTC)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	store.Close()

	var out, errOut bytes.Buffer
	code := run(ctx, []string{"chat", "--phone", "26123456"}, getenv, strings.NewReader("JA\nhjælp\n"), &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"Chatting as Anna Jensen", "Svar JA eller NEJ", "Tak, Anna!", "Ring 33 12 34 56",
		"bot (scheduled for Mon 01 Jun 2099 19:00 NZST): Godmorgen Anna"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("chat output lacks %q:\n%s", want, out.String())
		}
	}
	if n := strings.Count(out.String(), "Godmorgen Anna"); n != 1 {
		t.Errorf("the queued check-in was printed %d times, want once:\n%s", n, out.String())
	}
	store, _, err = openMigrated(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	settled, err := store.ListOutbox(ctx, models.OutboxFilter{Phone: "+4526123456",
		Statuses: []models.OutboxStatus{models.OutboxSending, models.OutboxSent, models.OutboxFailed}})
	if err != nil || len(settled) > 0 {
		t.Fatalf("chat settled %d outbox rows (%v); it must only show them", len(settled), err)
	}
}
