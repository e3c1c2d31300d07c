package models

import (
	"context"
	"fmt"

	"brobygger/models/internal/bulkinsert"
)

// BulkInsert writes rows through the wave's batch path (arrays on PostgreSQL, multi-row
// statements on SQLite) and says how many were stored; a row whose key is taken is skipped,
// not an error. It is for bulk loaders (the seed, benchmarks): application writes go through
// the Store's methods, which check the rules.
func BulkInsert[T any](ctx context.Context, s *Store, rows []T) (int64, error) {
	return bulkinsert.Insert(ctx, s.db.WithContext(ctx), rows)
}

// CreateRows writes a few hundred rows with the ORM's own insert (defaults and hooks apply),
// for bulk loaders writing reference data such as staff and offers.
func CreateRows[T any](ctx context.Context, s *Store, rows []T) error {
	if err := s.q(ctx).CreateInBatches(rows, 500).Error; err != nil {
		return fmt.Errorf("create %T: %w", rows, err)
	}
	return nil
}
