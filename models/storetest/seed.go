package storetest

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
)

// SeedConfirmedCitizens inserts n citizens of a link worker who confirmed contact at confirmedAt,
// in one set-based INSERT … SELECT over a generated series: benchmarks need up to a million in
// seconds and in little memory, which neither the referral path (a transaction per citizen) nor
// rows built in Go can give. Ids share a fresh UUIDv7 prefix and end in the citizen's number,
// so they are unique, sort in creation order like the ids the store issues, and a second call
// in the same database gets other ids (phone numbers, though, repeat: seed a database once).
func SeedConfirmedCitizens(tb testing.TB, s *models.Store, workerID string, n int, confirmedAt time.Time) {
	tb.Helper()
	db, err := s.SQLDB()
	if err != nil {
		tb.Fatal(err)
	}
	at := confirmedAt.UTC()
	prefix := models.NewID()[:24] // time, version, variant: the last 12 hex digits count citizens
	if _, err := db.ExecContext(context.Background(), seedCitizensSQL(s.Dialect()),
		n, prefix, workerID, at, at.Add(-time.Hour)); err != nil {
		tb.Fatalf("seed %d citizens: %v", n, err)
	}
	if err := s.Analyze(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// seedCitizensSQL writes citizens 0 … $1-1 with id $2 || hex(i), worker $3, consent, contact
// confirmation and creation at $4, and the contact SMS an hour earlier ($5).
func seedCitizensSQL(d models.Dialect) string {
	if d == models.Postgres {
		return `INSERT INTO citizens (` + seedColumns + `)
			SELECT ($2::text || lpad(to_hex(i), 12, '0'))::uuid, 'Borger ' || i, '+453' || lpad(i::text, 7, '0'), 'da', $3::uuid,
				'confirmed', '', 0, true, 0, '', '', 'sms', $4::timestamptz, $4, $5::timestamptz, $4, $4, $4
			FROM generate_series(0, $1::int - 1) AS i`
	}
	return `WITH RECURSIVE series(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM series WHERE i + 1 < ?1)
		INSERT INTO citizens (` + seedColumns + `)
		SELECT ?2 || printf('%012x', i), 'Borger ' || i, printf('+453%07d', i), 'da', ?3,
			'confirmed', '', 0, 1, 0, '', '', 'sms', ?4, ?4, ?5, ?4, ?4, ?4
		FROM series`
}

// seedColumns are the citizen columns SeedConfirmedCitizens fills; the rest are NULL.
const seedColumns = `id, name, phone, language, link_worker_id, status, opt_out_source, delivery_failures,
	reminders_enabled, reminder_lead_minutes, quiet_start, quiet_end, preferred_channel,
	consent_contact_at, consent_data_at, contacted_at, contact_confirmed_at, created_at, updated_at`
