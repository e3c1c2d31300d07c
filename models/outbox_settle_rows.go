package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"brobygger/models/internal/bulkinsert"
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

// settleColumns name the values of a settlementRow in the statements below, in field order.
const settleColumns = "id, attempts, status, not_before, error_code, last_error, sent_at, segments, message_id"

// settleSet and settleWhere are the body of the update on both databases. The claim guard is the
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
// statement, and returns the ids it changed.
func (s *Store) settleRows(ctx context.Context, rows []settlementRow) (map[string]bool, error) {
	settled := make(map[string]bool, len(rows))
	for start := 0; start < len(rows); start += bulkinsert.RowsPerStatement {
		part := rows[start:min(start+bulkinsert.RowsPerStatement, len(rows))]
		query, args := settleSQLite(part)
		if s.dialect == Postgres {
			query, args = settlePostgres(part)
		}
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

// settleSQLite joins the rows as a VALUES list named by a CTE (SQLite cannot name the columns of
// a VALUES subquery).
func settleSQLite(rows []settlementRow) (string, []any) {
	args := make([]any, 0, len(rows)*9)
	for _, r := range rows {
		args = append(args, r.ID, r.Attempts, string(r.Status), bulkinsert.DriverValue(r.NotBefore), r.ErrorCode, r.LastError,
			bulkinsert.DriverValue(r.SentAt), bulkinsert.DriverValue(r.Segments), bulkinsert.DriverValue(r.MessageID))
	}
	query := `WITH v(` + settleColumns + `) AS (VALUES ` + ValuesPlaceholders(SQLite, len(rows), 9) + `)
		UPDATE outbox` + settleSet + ` FROM v` + settleWhere
	return query, args
}

// settlePostgres passes one array per column to unnest, so the statement text is the same for
// every batch and PostgreSQL plans it once, as bulkInsertArrays does for inserts.
func settlePostgres(rows []settlementRow) (string, []any) {
	ids, statuses, lastErrors := make([]string, len(rows)), make([]string, len(rows)), make([]string, len(rows))
	attempts, codes := make([]int64, len(rows)), make([]int64, len(rows))
	notBefore, sentAt := make([]*time.Time, len(rows)), make([]*time.Time, len(rows))
	segments, messageIDs := make([]*int64, len(rows)), make([]*string, len(rows))
	for i, r := range rows {
		ids[i], attempts[i], statuses[i], codes[i], lastErrors[i] = r.ID, int64(r.Attempts), string(r.Status), int64(r.ErrorCode), r.LastError
		notBefore[i], sentAt[i], messageIDs[i] = r.NotBefore, r.SentAt, r.MessageID
		if r.Segments != nil {
			n := int64(*r.Segments)
			segments[i] = &n
		}
	}
	query := `UPDATE outbox` + settleSet + ` FROM unnest($1::text[]::uuid[], $2::bigint[], $3::text[], $4::timestamptz[],
		$5::bigint[], $6::text[], $7::timestamptz[], $8::bigint[], $9::text[]::uuid[]) AS v(` + settleColumns + `)` + settleWhere
	return query, []any{ids, attempts, statuses, notBefore, codes, lastErrors, sentAt, segments, messageIDs}
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
