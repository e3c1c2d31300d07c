package bulkinsert

import (
	"context"
	"fmt"
	"reflect"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Insert writes rows with INSERT … ON CONFLICT DO NOTHING and returns how many were stored.
// It is the wave path. On SQLite one multi-row statement of RowsPerStatement rows is prepared per
// call and run for every full chunk, whereas GORM's Create re-prepares inside a transaction on
// every call, and parsing a statement of thousands of parameters costs SQLite as much as running
// it; PostgreSQL gets arrays (insertArrays). Columns and values come from the GORM schema,
// so they follow the model.
//
// db is the store's handle, a transaction's when inside one; its dialector says which database.
func Insert[T any](ctx context.Context, db *gorm.DB, rows []T) (int64, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(new(T)); err != nil {
		return 0, fmt.Errorf("bulk insert: %w", err)
	}
	if db.Dialector.Name() == "postgres" {
		return insertArrays(ctx, db, stmt.Schema, rows)
	}
	return insertValues(ctx, db, stmt.Schema, rows)
}

// RowsPerStatement is how many rows one INSERT carries on SQLite, and how many rows the store's
// other multi-row statements (settling the outbox) carry.
const RowsPerStatement = 500

// insertFields are the model's columns (associations and ignored fields have no DBName).
func insertFields(sch *schema.Schema) []*schema.Field {
	fields := make([]*schema.Field, 0, len(sch.DBNames))
	for _, name := range sch.DBNames {
		fields = append(fields, sch.FieldsByDBName[name])
	}
	return fields
}

// DriverValue turns a field value into what both drivers take: nil for a nil pointer, the
// pointee otherwise, and the base type for named strings and ints (statuses, kinds).
func DriverValue(v any) any {
	if t, ok := v.(time.Time); ok {
		return t.UTC()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer:
		if rv.IsNil() {
			return nil
		}
		return DriverValue(rv.Elem().Interface())
	case reflect.String:
		return rv.String()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int()
	}
	return v
}
