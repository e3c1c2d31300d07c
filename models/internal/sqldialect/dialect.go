// Package sqldialect is the SQL that SQLite and PostgreSQL spell differently, in one place: the
// store chooses a Dialect once when it opens (For) and asks it for the fragments and statements of
// its hand-written queries (claims with SKIP LOCKED, batch lookups through unnest, rows locked in
// id order, case-blind name search, date arithmetic, multi-row updates), so the store's files
// carry no branch on the database. Each method's two spellings sit side by side in sqlite.go and
// postgres.go and must mean the same: same rows, same locks, same indexes usable. It is internal
// to models, a leaf, and imports nothing of ours.
package sqldialect

import (
	"database/sql"

	"gorm.io/gorm"
)

// Dialect is one database's spelling of the SQL that differs.
type Dialect interface {
	// Name is "sqlite" or "postgres" (models.Dialect's values).
	Name() string

	// Open is the GORM dialector for dsn.
	Open(dsn string) gorm.Dialector
	// Driver is the database/sql driver name (for goose's short-lived pool).
	Driver() string
	// TunePool sizes the connection pool.
	TunePool(db *sql.DB)
	// SingleWriter reports that the database has one writer at a time (SQLite), so the store
	// queues its write transactions in process rather than in the database's busy handler.
	SingleWriter() bool
	// SingleProcess reports that one process serves the database (SQLite): it always leads, and
	// paces its sends in memory. Otherwise (PostgreSQL) replicas share leadership and send slots
	// through the database.
	SingleProcess() bool

	// Placeholders writes the bind parameters of a multi-row VALUES list for raw database/sql
	// statements: rows tuples of cols parameters each.
	Placeholders(rows, cols int) string
	// SkipLocked ends a SELECT that claims rows: FOR UPDATE SKIP LOCKED where concurrent claimers
	// exist (PostgreSQL), nothing where writers are serialised anyway (SQLite).
	SkipLocked() string
	// OneOf is the condition "column is one of values" and its one argument, for a batch lookup
	// of thousands of keys; typ is the column's PostgreSQL type (text, uuid).
	OneOf(column, typ string, values []string) (string, any)
	// LockedOneOf is OneOf over the id column of table for an UPDATE of many rows at once: where
	// writers run concurrently the rows are first locked in id order, so two batches that overlap
	// cannot deadlock.
	LockedOneOf(table string, ids []string) (string, any)
	// StampedRead reads rows and stamps them (see StampedRead). stamped says the statement also
	// wrote the stamp; when false the caller writes it with a second statement.
	StampedRead(r StampedRead) (query string, args []any, stamped bool)
	// UpdateFromRows is "UPDATE table SET set FROM v WHERE where" with v the rows given, named by
	// cols. Raw database/sql statement; rows hold driver values (see Rows).
	UpdateFromRows(table, set, where string, cols []Column, rows [][]any) (string, []any)

	// ContainsCaseBlind is the condition "column contains text in any case, letter by letter"
	// (Æ, Ø and Å too, which neither database's LOWER/LIKE folds in every locale) and its argument.
	ContainsCaseBlind(column, text string) (string, any)
	// ChildrenOf is the FROM and JOIN that read child rows (childAlias.fk = parentAlias.id) for
	// a caller that filters on the parent. childWhere (" AND …", may be empty) is a filter the
	// caller also applies to the joined rows; a dialect may repeat it inside its subquery.
	ChildrenOf(parent, parentAlias, child, childAlias, fk, childWhere string) (from, join string)

	// TimestampType is the type to CAST a bound time to.
	TimestampType() string
	// HoursBetween is the whole hours from a to b (SQL expressions).
	HoursBetween(a, b string) string
	// DaysBetween is the elapsed days from a to b, a fraction.
	DaysBetween(a, b string) string
}

// For is the dialect named name ("postgres"; anything else is SQLite).
func For(name string) Dialect {
	if name == postgresName {
		return Postgres
	}
	return SQLite
}

// StampedRead is a read of Table's rows (as Alias) whose Key column is one of Keys and that match
// Where, selected and joined as the caller says, which stamps the rows it reads with Set.
type StampedRead struct {
	Table, Alias string
	// Key is the column matched against Keys, and KeyType its PostgreSQL type.
	Key, KeyType string
	Keys         []string
	// Where is a further condition, its columns qualified with Alias ("c.closed_at IS NULL").
	Where string
	// Set and SetArgs are the stamp ("last_inbound_at = ?, updated_at = ?").
	Set     string
	SetArgs []any
	// Select is "SELECT …" over Alias and the joined tables; Joins (" LEFT JOIN …") and JoinArgs follow the FROM.
	Select   string
	Joins    string
	JoinArgs []any
}

// Column names a column of UpdateFromRows's rows and gives its PostgreSQL type: text, uuid,
// bigint or timestamptz.
type Column struct{ Name, Type string }
