package models

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm/schema"
)

// arrayBatchSize is how many rows one array INSERT on PostgreSQL carries.
const arrayBatchSize = 5000

// bulkInsertArrays is bulkInsert for PostgreSQL: INSERT … SELECT FROM unnest($1, $2, …) with one
// array parameter per column. PostgreSQL then plans a statement of a dozen parameters instead of
// thousands, which makes a wave several times faster.
func bulkInsertArrays[T any](ctx context.Context, s *Store, sch *schema.Schema, rows []T) (int64, error) {
	fields := insertFields(sch)
	query := arrayInsertSQL(sch.Table, fields)
	var stored int64
	for start := 0; start < len(rows); start += arrayBatchSize {
		chunk := rows[start:min(start+arrayBatchSize, len(rows))]
		args := make([]any, len(fields))
		for i, f := range fields {
			args[i] = columnArray(ctx, f, chunk)
		}
		res, err := s.db.Statement.ConnPool.ExecContext(ctx, query, args...)
		if err != nil {
			return stored, fmt.Errorf("bulk insert into %s: %w", sch.Table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return stored, fmt.Errorf("bulk insert into %s: %w", sch.Table, err)
		}
		stored += n
	}
	return stored, nil
}

// arrayInsertSQL casts each array to its column's type; uuids travel as text.
func arrayInsertSQL(table string, fields []*schema.Field) string {
	cols := make([]string, len(fields))
	params := make([]string, len(fields))
	for i, f := range fields {
		cols[i] = `"` + f.DBName + `"`
		params[i] = "$" + strconv.Itoa(i+1) + "::" + arrayType(f)
	}
	return `INSERT INTO "` + table + `" (` + strings.Join(cols, ",") + `) SELECT * FROM unnest(` +
		strings.Join(params, ",") + `) ON CONFLICT DO NOTHING`
}

func arrayType(f *schema.Field) string {
	switch f.GORMDataType {
	case schema.Int, schema.Uint:
		return "int8[]"
	case schema.Float:
		return "float8[]"
	case schema.Bool:
		return "bool[]"
	case schema.Time:
		return "timestamptz[]"
	}
	if strings.EqualFold(string(f.DataType), "uuid") {
		return "text[]::uuid[]"
	}
	return "text[]"
}

// columnArray collects one column of the rows as a typed slice of pointers (nil is NULL).
func columnArray[T any](ctx context.Context, f *schema.Field, rows []T) any {
	vals := make([]any, len(rows))
	for i := range rows {
		v, _ := f.ValueOf(ctx, reflectValue(&rows[i]))
		vals[i] = driverValue(v)
	}
	switch f.GORMDataType {
	case schema.Int, schema.Uint:
		return pointers[int64](vals)
	case schema.Float:
		return pointers[float64](vals)
	case schema.Bool:
		return pointers[bool](vals)
	case schema.Time:
		return pointers[time.Time](vals)
	}
	return pointers[string](vals)
}

func pointers[E any](vals []any) []*E {
	out := make([]*E, len(vals))
	for i, v := range vals {
		if e, ok := v.(E); ok {
			out[i] = &e
		}
	}
	return out
}
