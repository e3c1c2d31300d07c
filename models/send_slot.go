package models

import (
	"context"
	"fmt"
	"time"
)

// sendSlot is when a sender number's next SMS may go, shared by every replica (PostgreSQL).
type sendSlot struct {
	Sender string    `gorm:"primaryKey;size:64"`
	NextAt time.Time `gorm:"not null"`
}

// TakeSendSlot takes the sender's turn to send one SMS if it is free, and then holds the next
// turn back by spacing; otherwise it reports how long until the turn is free. One atomic
// statement on the database's own clock (clock_timestamp), so replicas on different machines
// share one rate without trusting each other's clocks. PostgreSQL only: a SQLite site is one
// process and paces in memory.
func (s *Store) TakeSendSlot(ctx context.Context, sender string, spacing time.Duration) (time.Duration, error) {
	if s.sql.SingleProcess() {
		return 0, fmt.Errorf("take send slot: shared pacing needs PostgreSQL")
	}
	micros := spacing.Microseconds()
	res := s.q(ctx).Exec(`INSERT INTO send_slots (sender, next_at) VALUES (?, clock_timestamp() + ? * interval '1 microsecond')
		ON CONFLICT (sender) DO UPDATE SET next_at = clock_timestamp() + ? * interval '1 microsecond'
		WHERE send_slots.next_at <= clock_timestamp()`, sender, micros, micros)
	if res.Error != nil {
		return 0, fmt.Errorf("take send slot: %w", res.Error)
	}
	if res.RowsAffected == 1 {
		return 0, nil
	}
	var waitMicros float64
	err := s.q(ctx).Raw(`SELECT EXTRACT(EPOCH FROM next_at - clock_timestamp()) * 1000000 FROM send_slots WHERE sender = ?`,
		sender).Scan(&waitMicros).Error
	if err != nil {
		return 0, fmt.Errorf("take send slot: read wait: %w", err)
	}
	// At least a moment: the slot may have come free between the two statements.
	return max(time.Duration(waitMicros)*time.Microsecond, time.Millisecond), nil
}
