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
	getenv := mapEnv(map[string]string{"DATABASE_URL": dbURL})
	cfg, _ := LoadConfig(getenv)
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
		return engine.StartContact(ctx, tx, c, time.Now())
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
	for _, want := range []string{"Chatting as Anna Jensen", "Svar JA eller NEJ", "Tak, Anna!", "Ring 33 12 34 56"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("chat output lacks %q:\n%s", want, out.String())
		}
	}
}
