package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// seedRowsPerInsert keeps one INSERT's bound parameters well under both databases' limits.
const seedRowsPerInsert = 500

// seedColumns are the citizen columns SeedConfirmedCitizens fills; the rest are NULL.
func seedColumns() []string {
	return []string{"id", "name", "phone", "language", "link_worker_id", "status", "opt_out_source",
		"delivery_failures", "reminders_enabled", "reminder_lead_minutes", "quiet_start", "quiet_end", "preferred_channel",
		"consent_contact_at", "consent_data_at", "contacted_at", "contact_confirmed_at", "created_at", "updated_at"}
}

// SeedConfirmedCitizens inserts n citizens of a link worker who confirmed contact at confirmedAt,
// with multi-row INSERTs on the raw pool: benchmarks need a hundred thousand in seconds, which
// the referral path (a transaction per citizen) cannot give. It returns their ids in id order.
func SeedConfirmedCitizens(tb testing.TB, s *models.Store, workerID string, n int, confirmedAt time.Time) []string {
	tb.Helper()
	db, err := s.SQLDB()
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	ids := make([]string, 0, n)
	at := confirmedAt.UTC()
	for start := 0; start < n; start += seedRowsPerInsert {
		rows := min(seedRowsPerInsert, n-start)
		args := make([]any, 0, rows*len(seedColumns()))
		for i := start; i < start+rows; i++ {
			id := models.NewID()
			ids = append(ids, id)
			args = append(args, id, fmt.Sprintf("Borger %d", i), fmt.Sprintf("+453%07d", i), string(models.LangDA), workerID,
				string(models.StatusConfirmed), "", 0, true, 0, "", "", "sms", at, at, at.Add(-time.Hour), at, at, at)
		}
		if _, err := tx.ExecContext(ctx, seedInsert(s.Dialect(), rows), args...); err != nil {
			tb.Fatalf("seed citizens: %v", err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

// seedInsert writes the multi-row INSERT in the dialect's placeholder style.
func seedInsert(d models.Dialect, rows int) string {
	cols := seedColumns()
	return `INSERT INTO citizens ("` + strings.Join(cols, `","`) + `") VALUES ` + models.ValuesPlaceholders(d, rows, len(cols))
}
