package models

import "context"

// inListLimit bounds the values bound into one IN (…) list, well under SQLite's and PostgreSQL's
// limits on bound parameters, so batch queries never fail on a large wave.
const inListLimit = 5000

// inChunks calls fn with consecutive pieces of values, each at most inListLimit long.
func inChunks[T any](values []T, fn func(part []T) error) error {
	for start := 0; start < len(values); start += inListLimit {
		if err := fn(values[start:min(start+inListLimit, len(values))]); err != nil {
			return err
		}
	}
	return nil
}

// oneOf is the condition "column is one of values" and its argument, for a batch lookup of a
// page's thousands of keys (sqldialect's OneOf: an unnested array on PostgreSQL, IN (…) on
// SQLite). pgType is the column's type (text, uuid).
func (s *Store) oneOf(column, pgType string, values []string) (string, any) {
	return s.sql.OneOf(column, pgType, values)
}

// citizensLocked matches the citizens with these ids, like oneOf, for an UPDATE of many of them
// at once, locking them in id order where writers run concurrently (sqldialect's LockedOneOf).
func (s *Store) citizensLocked(ids []string) (string, any) {
	return s.sql.LockedOneOf("citizens", ids)
}

// storedIDs tells which of the ids an INSERT … ON CONFLICT DO NOTHING stored. When every row
// went in (the usual case) the count says so without a query.
func (s *Store) storedIDs(ctx context.Context, model any, ids []string, inserted int64) ([]string, error) {
	if inserted == int64(len(ids)) {
		return ids, nil
	}
	var stored []string
	err := inChunks(ids, func(part []string) error {
		var got []string
		cond, arg := s.oneOf("id", "uuid", part)
		err := s.q(ctx).Model(model).Where(cond, arg).Pluck("id", &got).Error
		stored = append(stored, got...)
		return err
	})
	return stored, err
}
