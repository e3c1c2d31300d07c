package sqldialect

import (
	"database/sql"
	"fmt"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

const postgresName = "postgres"

type pg struct{}

// Postgres is the dialect of PostgreSQL, which replicas share.
var Postgres Dialect = pg{}

func (pg) Name() string                   { return postgresName }
func (pg) Open(dsn string) gorm.Dialector { return postgres.Open(dsn) }
func (pg) Driver() string                 { return "pgx" }
func (pg) SingleWriter() bool             { return false }
func (pg) SingleProcess() bool            { return false }

// TunePool: enough connections for the API, dispatcher and scheduler.
func (pg) TunePool(db *sql.DB) {
	db.SetMaxOpenConns(max(16, 4*runtime.GOMAXPROCS(0)))
	db.SetMaxIdleConns(max(16, 4*runtime.GOMAXPROCS(0)))
}

// Placeholders: "($1,$2),($3,$4)".
func (pg) Placeholders(rows, cols int) string {
	return placeholders(rows, cols, func(n int) string { return "$" + strconv.Itoa(n) })
}

// SkipLocked: concurrent claimers (dispatchers, schedulers) never take the same row.
func (pg) SkipLocked() string { return " FOR UPDATE SKIP LOCKED" }

// OneOf: the values go as one array through unnest, and the planner probes the index once per
// value: given thousands of IN (…) placeholders it costs that many probes above reading the whole
// table, so a wave over a million citizens read its growing check-ins table end to end twice a
// page. The statement text is also the same for any number of values.
func (pg) OneOf(column, typ string, values []string) (string, any) {
	return column + " IN (SELECT unnest(?::" + typ + "[]))", textArray{values}
}

// LockedOneOf locks the rows in id order first: an inbound batch setting last_inbound_at and
// the dispatcher's settler setting last_outbound_at otherwise lock their citizens in whatever
// order each plan visits them, and two that overlap can deadlock (one is aborted and retried,
// which is correct but slow).
func (pg) LockedOneOf(table string, ids []string) (string, any) {
	return "id IN (SELECT id FROM " + table + " WHERE id = ANY(?::uuid[]) ORDER BY id FOR NO KEY UPDATE)", textArray{ids}
}

// StampedRead stamps in the same statement, the update's RETURNING feeding the read, with the
// rows locked in id order first as LockedOneOf does: one round trip instead of two.
func (pg) StampedRead(r StampedRead) (string, []any, bool) {
	q := "WITH " + r.Alias + " AS (UPDATE " + r.Table + " SET " + r.Set + " WHERE id IN (SELECT id FROM " + r.Table + " AS " + r.Alias +
		" WHERE " + r.Alias + "." + r.Key + " = ANY(?::" + r.KeyType + "[]) AND " + r.Where + " ORDER BY id FOR NO KEY UPDATE) RETURNING *) " +
		r.Select + " FROM " + r.Alias + r.Joins
	args := append(append(append([]any{}, r.SetArgs...), textArray{r.Keys}), r.JoinArgs...)
	return q, args, true
}

// UpdateFromRows passes one array per column to unnest, so the statement text is the same for
// every batch and PostgreSQL plans it once, as bulkinsert does for inserts.
func (pg) UpdateFromRows(table, set, where string, cols []Column, rows [][]any) (string, []any) {
	params := make([]string, len(cols))
	args := make([]any, len(cols))
	for c, col := range cols {
		cast := "::" + col.Type + "[]"
		if col.Type == "uuid" {
			cast = "::text[]::uuid[]"
		}
		params[c] = "$" + strconv.Itoa(c+1) + cast
		args[c] = columnArray(col, rows, c)
	}
	return "UPDATE " + table + set + " FROM unnest(" + strings.Join(params, ", ") + ") AS v(" + columnNames(cols) + ")" + where, args
}

// columnArray is column c of rows as a typed array pgx encodes, NULL for a nil value. rows hold
// driver values: strings, int64s and UTC times.
func columnArray(col Column, rows [][]any, c int) any {
	switch col.Type {
	case "text", "uuid":
		return nullable[string](col, rows, c)
	case "bigint":
		return nullable[int64](col, rows, c)
	case "timestamptz":
		return nullable[time.Time](col, rows, c)
	}
	panic(fmt.Sprintf("sqldialect: column %s has type %q, not text, uuid, bigint or timestamptz", col.Name, col.Type))
}

func nullable[T any](col Column, rows [][]any, c int) []*T {
	out := make([]*T, len(rows))
	for i, r := range rows {
		if r[c] == nil {
			continue
		}
		v, ok := r[c].(T)
		if !ok {
			panic(fmt.Sprintf("sqldialect: column %s (%s) given a %T", col.Name, col.Type, r[c]))
		}
		out[i] = &v
	}
	return out
}

// ContainsCaseBlind: a regular expression with each cased letter a bracket of both cases.
func (pg) ContainsCaseBlind(column, text string) (string, any) {
	return column + " ~ ?", caseBlindPattern(text, regexp.QuoteMeta)
}

// ChildrenOf goes parent by parent: the parents by their index, then each one's children by
// theirs. Joined plainly, PostgreSQL's estimates can put a hash join over every child row of the
// site ahead of those lookups (45,000 flags read for a worker's dozen at a million citizens).
// OFFSET 0 keeps the planner from flattening the lateral subquery back into that join.
func (pg) ChildrenOf(parent, parentAlias, child, childAlias, fk, childWhere string) (string, string) {
	return parent + " AS " + parentAlias, "CROSS JOIN LATERAL (SELECT * FROM " + child + " " + childAlias + " WHERE " +
		childAlias + "." + fk + " = " + parentAlias + ".id" + childWhere + " OFFSET 0) AS " + childAlias
}

func (pg) TimestampType() string { return "timestamptz" }

func (pg) HoursBetween(a, b string) string {
	return "CAST(FLOOR(EXTRACT(EPOCH FROM (" + b + " - " + a + ")) / 3600) AS INTEGER)"
}

func (pg) DaysBetween(a, b string) string {
	return "(EXTRACT(EPOCH FROM (" + b + " - " + a + ")) / 86400)"
}

// textArray is strings as one PostgreSQL array parameter. It is a struct, not a slice, so GORM
// binds it as one value instead of expanding it into a list; pgx encodes it as an array.
type textArray struct{ values []string }

func (a textArray) Dimensions() []pgtype.ArrayDimension {
	return []pgtype.ArrayDimension{{Length: int32(len(a.values)), LowerBound: 1}}
}
func (a textArray) Index(i int) any { return a.values[i] }
func (a textArray) IndexType() any  { return "" }
