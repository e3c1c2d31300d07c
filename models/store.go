package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"brobygger/models/internal/sqldialect"
)

// Store is the one way into the database. Its methods live in one file per aggregate.
type Store struct {
	db *gorm.DB
	// sql is the SQL that differs between the databases (models/internal/sqldialect).
	sql    sqldialect.Dialect
	target DatabaseTarget
	now    func() time.Time
	// root is false inside InTx: a store bound to a transaction must not be closed.
	root bool
	// writeMu queues SQLite write transactions in this process. SQLite has one writer; without
	// the queue, waiting writers sleep in the busy handler's back-off (1, 2, 5, 10 … ms) and
	// throughput collapses under concurrency. Other processes still wait on busy_timeout.
	writeMu *sync.Mutex
	// sessions caches the auth middleware's reads (session_cache.go), shared with transactions;
	// txSessions marks a transaction that changed a session, so InTx clears the cache again
	// once it has ended.
	sessions   *sessionCache
	txSessions *txFlag
}

// StoreOption configures Open.
type StoreOption func(*Store)

// WithClock replaces the store's clock (tests pass a fake one).
func WithClock(now func() time.Time) StoreOption {
	return func(s *Store) { s.now = now }
}

// Open connects to the database named by a DATABASE_URL value (see ParseDatabaseURL).
// It does not migrate; call Migrate.
func Open(ctx context.Context, databaseURL string, opts ...StoreOption) (*Store, error) {
	target, err := ParseDatabaseURL(databaseURL)
	if err != nil {
		return nil, err
	}
	dialect := sqldialect.For(string(target.Dialect))
	db, err := gorm.Open(dialect.Open(target.DSN), &gorm.Config{
		// Writes that must be atomic go through InTx; a transaction per single insert only costs.
		SkipDefaultTransaction: true,
		// No GORM statement cache: inside a transaction it re-prepares every statement on the
		// transaction's connection (database/sql's Tx.Stmt), so an inbound batch paid a prepare
		// round trip per statement. pgx caches prepared statements per connection by itself;
		// SQLite prepares in process. BENCHMARKS.md has the measurement (issue 13).
		PrepareStmt:    false,
		TranslateError: true,
		Logger:         logger.Discard,
		NowFunc:        func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", target.Dialect, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("open %s database: %w", target.Dialect, err)
	}
	dialect.TunePool(sqlDB)
	s := &Store{db: db, sql: dialect, target: target, now: time.Now, root: true, writeMu: &sync.Mutex{},
		sessions: newSessionCache(SessionCacheTTL)}
	for _, o := range opts {
		o(s)
	}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// Dialect says which database the store talks to.
func (s *Store) Dialect() Dialect { return s.target.Dialect }

// WriteTransactionsAtOnce is how many write transactions of a hot path (inbound SMS batches)
// are worth running at once: one where the database has one writer (SQLite), since a second
// would only queue for the lock; two otherwise (PostgreSQL), one batch's statements running
// while the other commits, and fewer, fuller batches rather than more in parallel, since each
// batch costs the same few statements whatever its size.
func (s *Store) WriteTransactionsAtOnce() int {
	if s.sql.SingleWriter() {
		return 1
	}
	return 2
}

// SingleProcess reports that one process serves the database (SQLite), so what several
// processes would share through the database (leadership, each sender's pace) can be kept in
// memory. With PostgreSQL, replicas may share the database and it is false.
func (s *Store) SingleProcess() bool { return s.sql.SingleProcess() }

// Now is the store's clock, always in UTC.
func (s *Store) Now() time.Time { return s.now().UTC() }

// Ping checks that the database answers (the readiness probe).
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Close releases the connection pool.
func (s *Store) Close() error {
	if !s.root {
		return errors.New("close store: a transaction-bound store cannot be closed")
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// SQLDB exposes the pool for migrations and benchmarks' baselines.
func (s *Store) SQLDB() (*sql.DB, error) { return s.db.DB() }

// InTx runs fn in one transaction: everything fn does through tx commits together or not at all.
// Nested calls join the outer transaction through a savepoint.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.root && s.sql.SingleWriter() {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	changed := new(txFlag)
	err := s.db.WithContext(ctx).Transaction(func(gtx *gorm.DB) error {
		return fn(&Store{db: gtx, sql: s.sql, target: s.target, now: s.now, writeMu: s.writeMu,
			sessions: s.sessions, txSessions: changed})
	})
	if changed.Load() {
		s.sessionsChanged() // after the commit (or rollback): no read can still see the old rows
	}
	return err
}

// q starts a query bound to ctx.
func (s *Store) q(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }
