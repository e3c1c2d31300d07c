package models

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// bulkInsert writes rows with INSERT … ON CONFLICT DO NOTHING and returns how many were stored.
// It is the wave path. On SQLite one multi-row statement of createBatchSize rows is prepared per
// call and run for every full chunk, whereas GORM's Create re-prepares inside a transaction on
// every call, and parsing a statement of thousands of parameters costs SQLite as much as running
// it; PostgreSQL gets arrays (bulkInsertArrays). Columns and values come from the GORM schema,
// so they follow the model.
func bulkInsert[T any](ctx context.Context, s *Store, rows []T) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	stmt := &gorm.Statement{DB: s.db}
	if err := stmt.Parse(new(T)); err != nil {
		return 0, fmt.Errorf("bulk insert: %w", err)
	}
	if s.dialect == Postgres {
		return bulkInsertArrays(ctx, s, stmt.Schema, rows)
	}
	return bulkInsertValues(ctx, s, stmt.Schema, rows)
}

// insertFields are the model's columns (associations and ignored fields have no DBName).
func insertFields(sch *schema.Schema) []*schema.Field {
	fields := make([]*schema.Field, 0, len(sch.DBNames))
	for _, name := range sch.DBNames {
		fields = append(fields, sch.FieldsByDBName[name])
	}
	return fields
}

// ValuesPlaceholders writes the bind parameters of a multi-row VALUES list, rows tuples of cols
// parameters each, in the dialect's style: "(?,?),(?,?)" for SQLite, "($1,$2),($3,$4)" for
// PostgreSQL.
func ValuesPlaceholders(d Dialect, rows, cols int) string {
	var b strings.Builder
	p := 0
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteByte(',')
			}
			p++
			if d == Postgres {
				b.WriteString("$" + strconv.Itoa(p))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
}

// driverValue turns a field value into what both drivers take: nil for a nil pointer, the
// pointee otherwise, and the base type for named strings and ints (statuses, kinds).
func driverValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.UTC()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		return driverValue(rv.Elem().Interface())
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	}
	return v
}
