package models

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"brobygger/models/internal/sqldialect"
)

// Dialect names a supported database.
type Dialect string

// The two databases Brobygger runs on.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// DefaultSQLiteFile is where the database lives when DATABASE_URL is empty.
const DefaultSQLiteFile = "brobygger.db"

// sqliteTimeFormat is fixed-width UTC so that times compare correctly as text in SQLite
// (the driver's default RFC 3339 drops trailing zeros, and then "09:00:00Z" sorts after "09:00:00.5Z").
const sqliteTimeFormat = "2006-01-02T15:04:05.000000Z07:00"

// DatabaseTarget is a parsed DATABASE_URL.
type DatabaseTarget struct {
	Dialect Dialect
	// DSN is what the driver receives.
	DSN string
	// Where is a log-safe description: a file path, or host/database without credentials.
	Where string
}

// ParseDatabaseURL understands "" (SQLite file in the working directory), "sqlite:PATH",
// "file:PATH", a bare path ending in .db, and "postgres://" / "postgresql://" URLs.
func ParseDatabaseURL(raw string) (DatabaseTarget, error) {
	switch {
	case raw == "":
		return sqliteTarget(DefaultSQLiteFile)
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		return postgresTarget(raw)
	case strings.HasPrefix(raw, "sqlite://"):
		return sqliteTarget(strings.TrimPrefix(raw, "sqlite://"))
	case strings.HasPrefix(raw, "sqlite:"):
		return sqliteTarget(strings.TrimPrefix(raw, "sqlite:"))
	case strings.HasPrefix(raw, "file:"):
		return sqliteTarget(strings.TrimPrefix(raw, "file:"))
	case !strings.Contains(raw, "://") && (strings.HasSuffix(raw, ".db") || strings.HasSuffix(raw, ".sqlite")):
		return sqliteTarget(raw)
	}
	return DatabaseTarget{}, Invalid("DATABASE_URL", "DATABASE_URL must be empty, a postgres:// URL, or sqlite:PATH.")
}

func sqliteTarget(path string) (DatabaseTarget, error) {
	path, _, _ = strings.Cut(path, "?")
	if path == "" {
		return DatabaseTarget{}, Invalid("DATABASE_URL", "DATABASE_URL names an SQLite database without a file path.")
	}
	where := path
	if path != ":memory:" {
		if abs, err := filepath.Abs(path); err == nil {
			where = abs
		}
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(wal)")
	q.Add("_pragma", "foreign_keys(1)")
	// NORMAL, not FULL: in WAL mode a commit is then appended to the WAL without an fsync (the
	// WAL is synced at each checkpoint). A crash of the process loses nothing committed, since
	// the writes are in the operating system's hands when COMMIT returns, and the webhook
	// answers only after its batch has committed; what NORMAL risks is the last transactions
	// before a power loss or kernel crash, never a corrupt database.
	q.Add("_pragma", "synchronous(normal)")
	// Without immediate transactions, concurrent write transactions fail with SQLITE_BUSY
	// instead of waiting for the lock.
	q.Set("_txlock", "immediate")
	q.Set("_timefmt", sqliteTimeFormat)
	dsn := "file:" + path + "?" + q.Encode()
	return DatabaseTarget{Dialect: SQLite, DSN: dsn, Where: where}, nil
}

func postgresTarget(raw string) (DatabaseTarget, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return DatabaseTarget{}, Invalid("DATABASE_URL", "DATABASE_URL is not a valid postgres:// URL.")
	}
	where := fmt.Sprintf("postgres://%s%s", u.Host, u.Path)
	return DatabaseTarget{Dialect: Postgres, DSN: raw, Where: where}, nil
}

// migrationDSN is the DSN without our time format (SQLite's), for goose's own bookkeeping.
func (t DatabaseTarget) migrationDSN() string {
	u, err := url.Parse(t.DSN)
	if err != nil {
		return t.DSN
	}
	q := u.Query()
	if !q.Has("_timefmt") {
		return t.DSN // PostgreSQL's, as it is
	}
	q.Del("_timefmt")
	u.RawQuery = q.Encode()
	return u.String()
}

// ValuesPlaceholders writes the bind parameters of a multi-row VALUES list, rows tuples of cols
// parameters each, in the dialect's style: "(?,?),(?,?)" for SQLite, "($1,$2),($3,$4)" for
// PostgreSQL.
func ValuesPlaceholders(d Dialect, rows, cols int) string {
	return sqldialect.For(string(d)).Placeholders(rows, cols)
}
