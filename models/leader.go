package models

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Leadership is one process's claim to a job that must run once across every replica sharing
// the database (the scheduler's passes). On PostgreSQL it is a session advisory lock taken with
// pg_try_advisory_lock on a connection of its own: the lock lives exactly as long as that
// connection, so a leader that dies (kill -9, a lost network) lets the database free the lock
// and another replica takes it at its next try. On SQLite only one process serves a database
// file, so that process always leads.
type Leadership struct {
	store *Store
	name  string
	mu    sync.Mutex
	conn  *sql.Conn // the connection holding the lock; nil while not leading
}

// Leadership returns the (not yet taken) leadership named name. Different names are different
// locks, and so are different schemas: two sites (or two tests) sharing one PostgreSQL database
// in their own schemas each elect their own leader.
func (s *Store) Leadership(name string) *Leadership {
	return &Leadership{store: s, name: name}
}

// lockArgs is the advisory lock's two-int key: the schema and the name, hashed by PostgreSQL.
const lockArgs = "hashtext(current_schema()), hashtext($1)"

// Lead reports whether this process leads now. A leader checks that its lock connection is
// still alive (a broken connection means the database already freed the lock); a follower tries
// to take the lock. Call it before each unit of leader-only work.
func (l *Leadership) Lead(ctx context.Context) (bool, error) {
	if l.store.sql.SingleProcess() {
		return true, nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn != nil {
		if err := l.conn.PingContext(ctx); err == nil {
			return true, nil
		}
		_ = l.conn.Close() // the session, and with it the lock, is gone
		l.conn = nil
	}
	return l.tryTake(ctx)
}

// tryTake takes the lock on a fresh dedicated connection, keeping it only when the lock was won.
func (l *Leadership) tryTake(ctx context.Context) (bool, error) {
	db, err := l.store.db.DB()
	if err != nil {
		return false, fmt.Errorf("leadership: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("leadership: connect: %w", err)
	}
	var won bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock("+lockArgs+")", l.name).Scan(&won); err != nil {
		_ = conn.Close()
		return false, fmt.Errorf("leadership: try lock: %w", err)
	}
	if !won {
		_ = conn.Close()
		return false, nil
	}
	l.conn = conn
	return true, nil
}

// Release gives the leadership up (on shutdown), so another replica takes over at its next try
// instead of when this process's connections close.
func (l *Leadership) Release(ctx context.Context) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.conn == nil {
		return
	}
	_, _ = l.conn.ExecContext(ctx, "SELECT pg_advisory_unlock("+lockArgs+")", l.name)
	_ = l.conn.Close()
	l.conn = nil
}
