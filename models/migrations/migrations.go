package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

// files holds the versioned schema, one folder per dialect, since SQLite and PostgreSQL spell
// types and indexes differently. A new migration is a new file with the next number in both.
//
//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// Dialect names the database a schema is written for.
type Dialect string

// The dialects with a folder of migrations.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Result says what Up did.
type Result struct {
	// Applied lists the versions applied by this run, in order.
	Applied []int64
	// Version is the schema version afterwards.
	Version int64
}

// Up applies every pending migration for dialect to db.
func Up(ctx context.Context, db *sql.DB, dialect Dialect) (Result, error) {
	p, err := provider(db, dialect)
	if err != nil {
		return Result{}, err
	}
	results, err := p.Up(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("migrate: %w", err)
	}
	var res Result
	for _, r := range results {
		res.Applied = append(res.Applied, r.Source.Version)
	}
	if res.Version, err = p.GetDBVersion(ctx); err != nil {
		return res, fmt.Errorf("migrate: read version: %w", err)
	}
	return res, nil
}

// Pending reports how many migrations for dialect db has not applied (readiness uses it).
func Pending(ctx context.Context, db *sql.DB, dialect Dialect) (int, error) {
	p, err := provider(db, dialect)
	if err != nil {
		return 0, err
	}
	statuses, err := p.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("migration status: %w", err)
	}
	pending := 0
	for _, st := range statuses {
		if st.State == goose.StatePending {
			pending++
		}
	}
	return pending, nil
}

func provider(db *sql.DB, dialect Dialect) (*goose.Provider, error) {
	gooseDialect := goose.DialectSQLite3
	if dialect == Postgres {
		gooseDialect = goose.DialectPostgres
	}
	sub, err := fs.Sub(files, string(dialect))
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(gooseDialect, db, sub)
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	return p, nil
}
