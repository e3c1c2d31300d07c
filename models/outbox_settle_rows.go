package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"brobygger/models/internal/bulkinsert"
	"brobygger/models/internal/sqldialect"
)

// settlementRow is one outbox row's new state. Nil fields keep what the row holds.
type settlementRow struct {
	ID        string
	Attempts  int
	Status    OutboxStatus
	NotBefore *time.Time
	ErrorCode int
	LastError string
	SentAt    *time.Time
	Segments  *int
	MessageID *string
}

// settleColumns name the values of a settlementRow in the statement below, in field order, with
// their PostgreSQL types.
var settleColumns = []sqldialect.Column{{Name: "id", Type: "uuid"}, {Name: "attempts", Type: "bigint"},
	{Name: "status", Type: "text"}, {Name: "not_before", Type: "timestamptz"}, {Name: "error_code", Type: "bigint"},
	{Name: "last_error", Type: "text"}, {Name: "sent_at", Type: "timestamptz"}, {Name: "segments", Type: "bigint"},
	{Name: "message_id", Type: "uuid"}}

// settleSet and settleWhere are the body of the update, v being the rows. The claim guard is the
// attempts count together with the status: each claim of a row counts one more attempt, and
// releasing a claim hands the row back as pending, so "sending with our count" is only ever our
// own claim.
const (
	settleSet = ` SET status = v.status, lease_until = NULL, not_before = COALESCE(v.not_before, outbox.not_before),
		error_code = v.error_code, last_error = v.last_error, sent_at = COALESCE(v.sent_at, outbox.sent_at),
		segments = COALESCE(v.segments, outbox.segments), message_id = COALESCE(v.message_id, outbox.message_id)`
	settleWhere = ` WHERE outbox.id = v.id AND outbox.status = '` + string(OutboxSending) + `' AND outbox.attempts = v.attempts
		RETURNING outbox.id`
)

// settleRows writes the rows whose claim still holds, bulkinsert.RowsPerStatement rows a
// statement (sqldialect's UpdateFromRows: a VALUES list on SQLite, one array per column through
// unnest on PostgreSQL, so its statement text is the same for every batch), and returns the ids
// it changed.
func (s *Store) settleRows(ctx context.Context, rows []settlementRow) (map[string]bool, error) {
	settled := make(map[string]bool, len(rows))
	for start := 0; start < len(rows); start += bulkinsert.RowsPerStatement {
		part := rows[start:min(start+bulkinsert.RowsPerStatement, len(rows))]
		values := make([][]any, len(part))
		for i, r := range part {
			values[i] = []any{r.ID, bulkinsert.DriverValue(r.Attempts), string(r.Status), bulkinsert.DriverValue(r.NotBefore),
				bulkinsert.DriverValue(r.ErrorCode), r.LastError, bulkinsert.DriverValue(r.SentAt),
				bulkinsert.DriverValue(r.Segments), bulkinsert.DriverValue(r.MessageID)}
		}
		query, args := s.sql.UpdateFromRows("outbox", settleSet, settleWhere, settleColumns, values)
		found, err := s.db.Statement.ConnPool.QueryContext(ctx, query, args...)
		if err != nil {
			return nil, fmt.Errorf("settle outbox rows: %w", err)
		}
		if err := collectIDs(found, settled); err != nil {
			return nil, fmt.Errorf("settle outbox rows: %w", err)
		}
	}
	return settled, nil
}

// collectIDs reads a one-column result of ids into set and closes it.
func collectIDs(rows *sql.Rows, set map[string]bool) error {
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return err
		}
		set[id] = true
	}
	return rows.Err()
}
