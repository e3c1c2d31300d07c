package bulkinsert

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/gorm/schema"
)

// pgColumn collects one column of a chunk and binds it into the statement: as a scalar when it
// holds one value, else as an array to unnest.
type pgColumn interface {
	add(field reflect.Value) error
	bind(q *arrayQuery)
}

// pgArray is a column pgx encodes as an array without reflection: Index hands out a pointer to
// each element (no allocation), and the pointer's pgtype valuer method encodes it. A pgtype
// value whose Valid is false is NULL.
type pgArray[T any] []T

func (a pgArray[T]) Dimensions() []pgtype.ArrayDimension {
	return []pgtype.ArrayDimension{{Length: int32(len(a)), LowerBound: 1}}
}
func (a pgArray[T]) Index(i int) any { return &a[i] }
func (a pgArray[T]) IndexType() any  { return new(T) }
func (a pgArray[T]) constant(same func(x, y T) bool) bool {
	for i := 1; i < len(a); i++ {
		if !same(a[0], a[i]) {
			return false
		}
	}
	return true
}

// typedColumn is a column of one pgtype value type.
type typedColumn[T any] struct {
	sqlType string // the element's PostgreSQL type
	read    func(reflect.Value) (T, error)
	same    func(x, y T) bool
	vals    pgArray[T]
}

func (c *typedColumn[T]) add(field reflect.Value) error {
	v, err := c.read(field)
	c.vals = append(c.vals, v)
	return err
}

func (c *typedColumn[T]) bind(q *arrayQuery) {
	if c.vals.constant(c.same) {
		q.selects = append(q.selects, q.param(&c.vals[0], c.sqlType))
		return
	}
	q.selects = append(q.selects, "u."+q.unnested(c.vals, c.sqlType))
}

// newPGColumn picks the column type for a model field from its Go type (and, for ids, its
// database type). Each wave model's field types are covered; another type is an error rather
// than a silent NULL.
func newPGColumn(f *schema.Field, rows int) (pgColumn, error) {
	t := f.FieldType
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == reflect.TypeFor[time.Time]():
		return &typedColumn[pgtype.Timestamptz]{sqlType: "timestamptz", read: readTime, same: sameTime,
			vals: make(pgArray[pgtype.Timestamptz], 0, rows)}, nil
	case t.Kind() == reflect.String && strings.EqualFold(string(f.DataType), "uuid"):
		return &typedColumn[pgtype.UUID]{sqlType: "uuid", read: readUUID, same: sameComparable[pgtype.UUID],
			vals: make(pgArray[pgtype.UUID], 0, rows)}, nil
	case t.Kind() == reflect.String:
		return &textColumn{typedColumn[pgtype.Text]{sqlType: "text", read: readText, same: sameComparable[pgtype.Text],
			vals: make(pgArray[pgtype.Text], 0, rows)}}, nil
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		return &typedColumn[pgtype.Int8]{sqlType: "int8", read: readInt, same: sameComparable[pgtype.Int8],
			vals: make(pgArray[pgtype.Int8], 0, rows)}, nil
	case t.Kind() == reflect.Bool:
		return &typedColumn[pgtype.Bool]{sqlType: "bool", read: readBool, same: sameComparable[pgtype.Bool],
			vals: make(pgArray[pgtype.Bool], 0, rows)}, nil
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		return &typedColumn[pgtype.Float8]{sqlType: "float8", read: readFloat, same: sameComparable[pgtype.Float8],
			vals: make(pgArray[pgtype.Float8], 0, rows)}, nil
	}
	return nil, fmt.Errorf("column %s: no array type for %s", f.DBName, f.FieldType)
}

// deref follows a pointer field; ok is false for a nil one (NULL).
func deref(v reflect.Value) (reflect.Value, bool) {
	if v.Kind() != reflect.Pointer {
		return v, true
	}
	if v.IsNil() {
		return v, false
	}
	return v.Elem(), true
}

func readText(v reflect.Value) (pgtype.Text, error) {
	v, ok := deref(v)
	if !ok {
		return pgtype.Text{}, nil
	}
	return pgtype.Text{String: v.String(), Valid: true}, nil
}

// readUUID parses an id here, so it travels as 16 bytes instead of 36 characters that
// PostgreSQL would parse again.
func readUUID(v reflect.Value) (pgtype.UUID, error) {
	v, ok := deref(v)
	if !ok {
		return pgtype.UUID{}, nil
	}
	id, err := uuid.Parse(v.String())
	if err != nil {
		return pgtype.UUID{}, fmt.Errorf("%q is not a uuid: %w", v.String(), err)
	}
	return pgtype.UUID{Bytes: id, Valid: true}, nil
}

func readInt(v reflect.Value) (pgtype.Int8, error) {
	v, ok := deref(v)
	switch {
	case !ok:
		return pgtype.Int8{}, nil
	case v.CanInt():
		return pgtype.Int8{Int64: v.Int(), Valid: true}, nil
	}
	return pgtype.Int8{Int64: int64(v.Uint()), Valid: true}, nil
}

func readBool(v reflect.Value) (pgtype.Bool, error) {
	v, ok := deref(v)
	return pgtype.Bool{Bool: ok && v.Bool(), Valid: ok}, nil
}

func readFloat(v reflect.Value) (pgtype.Float8, error) {
	v, ok := deref(v)
	if !ok {
		return pgtype.Float8{}, nil
	}
	return pgtype.Float8{Float64: v.Float(), Valid: true}, nil
}

func readTime(v reflect.Value) (pgtype.Timestamptz, error) {
	v, ok := deref(v)
	if !ok {
		return pgtype.Timestamptz{}, nil
	}
	var t time.Time
	if v.CanAddr() {
		t = *v.Addr().Interface().(*time.Time) // a pointer boxes without allocating
	} else {
		t = v.Interface().(time.Time)
	}
	return pgtype.Timestamptz{Time: t, Valid: true}, nil
}

func sameComparable[T comparable](x, y T) bool { return x == y }

func sameTime(x, y pgtype.Timestamptz) bool {
	return x.Valid == y.Valid && x.Time.Equal(y.Time)
}
