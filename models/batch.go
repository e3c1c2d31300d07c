package models

import (
	"context"

	"github.com/jackc/pgx/v5/pgtype"
)

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
// page's thousands of keys. On PostgreSQL the values go as one array through unnest, and the
// planner probes the index once per value: given thousands of IN (…) placeholders it costs that
// many probes above reading the whole table, so a wave over a million citizens read its
// growing check-ins table end to end twice a page. The statement text is also the same for any
// number of values. pgType is the column's type (text, uuid). SQLite gets IN (…).
func (s *Store) oneOf(column, pgType string, values []string) (string, any) {
	if s.dialect == Postgres {
		return column + " IN (SELECT unnest(?::" + pgType + "[]))", textArray{values}
	}
	return column + " IN ?", values
}

// citizensLocked matches the citizens with these ids, like oneOf, for an UPDATE of many of them
// at once. On PostgreSQL the rows are first locked in id order: an inbound batch setting
// last_inbound_at and the dispatcher's settler setting last_outbound_at otherwise lock their
// citizens in whatever order each plan visits them, and two that overlap can deadlock (one is
// aborted and retried, which is correct but slow).
func (s *Store) citizensLocked(ids []string) (string, any) {
	if s.dialect == Postgres {
		return "id IN (SELECT id FROM citizens WHERE id = ANY(?::uuid[]) ORDER BY id FOR NO KEY UPDATE)", textArray{ids}
	}
	return "id IN ?", ids
}

// textArray is strings as one PostgreSQL array parameter. It is a struct, not a slice, so GORM
// binds it as one value instead of expanding it into a list; pgx encodes it as an array.
type textArray struct{ values []string }

func (a textArray) Dimensions() []pgtype.ArrayDimension {
	return []pgtype.ArrayDimension{{Length: int32(len(a.values)), LowerBound: 1}}
}
func (a textArray) Index(i int) any { return a.values[i] }
func (a textArray) IndexType() any  { return "" }

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
