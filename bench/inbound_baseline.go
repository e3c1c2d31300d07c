package bench

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"brobygger/models"
)

// inboundBaseline writes what one inbound SMS costs at minimum, the stored message and one
// reply in the outbox, with plain SQL in one transaction per message and the same concurrency:
// the database's own limit for this work.
func inboundBaseline(ctx context.Context, store *models.Store, phones []string, cfg inboundConfig) (float64, error) {
	db, err := store.SQLDB()
	if err != nil {
		return 0, err
	}
	d := store.Dialect()
	insMsg := `INSERT INTO messages (id, phone, direction, body, twilio_sid, status, error_code, segments, needs_reply, created_at, updated_at)
		VALUES ` + models.ValuesPlaceholders(d, 1, 11)
	insOut := `INSERT INTO outbox (id, phone, body, kind, priority, status, not_before, attempts, last_error, error_code, segments, created_at)
		VALUES ` + models.ValuesPlaceholders(d, 1, 12)
	run := uint64(time.Now().UnixNano()) // new SIDs on a database measured before (--seeded)
	var next, failed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < cfg.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= cfg.Messages {
					return
				}
				now := time.Now().UTC()
				tx, err := db.BeginTx(ctx, nil)
				if err == nil {
					_, err = tx.ExecContext(ctx, insMsg, models.NewID(), phones[i%len(phones)], "in", "hjælp", fmt.Sprintf("BL%016x%016x", run, i), "received", 0, 1, false, now, now)
				}
				if err == nil {
					_, err = tx.ExecContext(ctx, insOut, models.NewID(), phones[i%len(phones)], "reply", "reply", 50, "sent", now, 1, "", 0, 1, now)
				}
				if err == nil {
					err = tx.Commit()
				} else if tx != nil {
					_ = tx.Rollback()
				}
				if err != nil {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	if f := failed.Load(); f > 0 {
		return 0, fmt.Errorf("inbound baseline: %d of %d transactions failed", f, cfg.Messages)
	}
	return float64(cfg.Messages) / time.Since(start).Seconds(), nil
}
