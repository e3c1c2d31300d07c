package models

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	_ "github.com/jackc/pgx/v5/stdlib"       // registers the "pgx" database/sql driver for goose
	_ "github.com/ncruces/go-sqlite3/driver" // registers "sqlite3"
	"github.com/pressly/goose/v3"
)

// migrationFiles holds the versioned schema, one folder per dialect, since SQLite and PostgreSQL
// spell types and indexes differently.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// MigrationResult says what Migrate did.
type MigrationResult struct {
	Applied []int64
	Version int64
}

// Migrate applies every pending migration for the store's dialect.
func (s *Store) Migrate(ctx context.Context) (MigrationResult, error) {
	p, closeDB, err := s.migrationProvider()
	if err != nil {
		return MigrationResult{}, err
	}
	defer closeDB()
	results, err := p.Up(ctx)
	if err != nil {
		return MigrationResult{}, fmt.Errorf("migrate: %w", err)
	}
	var res MigrationResult
	for _, r := range results {
		res.Applied = append(res.Applied, r.Source.Version)
	}
	if res.Version, err = p.GetDBVersion(ctx); err != nil {
		return res, fmt.Errorf("migrate: read version: %w", err)
	}
	if res.Version >= phoneOptOutsMigration {
		if err := s.backfillPhoneOptOutsOnce(ctx); err != nil {
			return res, fmt.Errorf("migrate: %w", err)
		}
	}
	return res, nil
}

// PendingMigrations reports how many migrations have not been applied (readiness uses it).
func (s *Store) PendingMigrations(ctx context.Context) (int, error) {
	p, closeDB, err := s.migrationProvider()
	if err != nil {
		return 0, err
	}
	defer closeDB()
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

func (s *Store) migrationProvider() (*goose.Provider, func() error, error) {
	dir, dialect := "migrations/sqlite", goose.DialectSQLite3
	if s.dialect == Postgres {
		dir, dialect = "migrations/postgres", goose.DialectPostgres
	}
	sub, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("migrations: %w", err)
	}
	sqlDB, err := s.migrationDB()
	if err != nil {
		return nil, nil, fmt.Errorf("migrations: %w", err)
	}
	p, err := goose.NewProvider(dialect, sqlDB, sub)
	if err != nil {
		_ = sqlDB.Close()
		return nil, nil, fmt.Errorf("migrations: %w", err)
	}
	return p, sqlDB.Close, nil
}

// migrationDB opens a short-lived pool for goose. On SQLite it leaves out our fixed time format:
// goose's version table stores SQLite's own datetime('now') text, which that format cannot read.
func (s *Store) migrationDB() (*sql.DB, error) {
	if s.dialect == Postgres {
		return sql.Open("pgx", s.target.DSN)
	}
	return sql.Open("sqlite3", s.target.migrationDSN())
}
