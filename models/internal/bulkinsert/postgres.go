package bulkinsert

import (
	"context"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// arrayBatchSize is how many rows one array INSERT on PostgreSQL carries.
const arrayBatchSize = 5000

// insertArrays is Insert for PostgreSQL: INSERT … SELECT FROM unnest($1, $2, …) with one
// typed array parameter per column that varies. PostgreSQL then plans a statement of a dozen
// parameters instead of thousands, which makes a wave several times faster. A column holding
// one value in the whole chunk (a wave's status, times and texts) goes as one scalar parameter,
// and a long text with a few values (a check-in's opening SMS in Danish or English) as a small
// dictionary plus an index per row: the Go side, which encodes every byte it sends, then does a
// fraction of the work, and the wave's Go and database halves overlap better.
func insertArrays[T any](ctx context.Context, db *gorm.DB, sch *schema.Schema, rows []T) (int64, error) {
	fields := insertFields(sch)
	var stored int64
	for start := 0; start < len(rows); start += arrayBatchSize {
		chunk := rows[start:min(start+arrayBatchSize, len(rows))]
		query, args, err := arrayInsert(ctx, sch.Table, fields, chunk)
		if err != nil {
			return stored, fmt.Errorf("bulk insert into %s: %w", sch.Table, err)
		}
		res, err := db.Statement.ConnPool.ExecContext(ctx, query, args...)
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

// arrayInsert collects a chunk column by column and writes its statement and arguments.
func arrayInsert[T any](ctx context.Context, table string, fields []*schema.Field, chunk []T) (string, []any, error) {
	cols := make([]pgColumn, len(fields))
	for i, f := range fields {
		col, err := newPGColumn(f, len(chunk))
		if err != nil {
			return "", nil, err
		}
		cols[i] = col
	}
	for r := range chunk {
		rv := reflect.ValueOf(&chunk[r]).Elem()
		for i, f := range fields {
			if err := cols[i].add(f.ReflectValueOf(ctx, rv)); err != nil {
				return "", nil, fmt.Errorf("column %s: %w", f.DBName, err)
			}
		}
	}
	q := arrayQuery{rows: len(chunk)}
	for _, c := range cols {
		c.bind(&q)
	}
	query := q.sql(table, fields) // may add an argument, so before reading q.args
	return query, q.args, nil
}

// arrayQuery is an INSERT … SELECT being written: one select expression per column, over the
// unnested arrays of the columns that vary.
type arrayQuery struct {
	rows    int
	args    []any
	selects []string
	arrays  []string // "$n::type[]" per unnested array, aliased a1, a2, … in order
}

// param adds an argument and returns its placeholder cast to sqlType.
func (q *arrayQuery) param(v any, sqlType string) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args)) + "::" + sqlType
}

// unnested adds an array to unnest and returns the name of its column in the FROM clause.
func (q *arrayQuery) unnested(v any, elemType string) string {
	q.arrays = append(q.arrays, q.param(v, elemType+"[]"))
	return "a" + strconv.Itoa(len(q.arrays))
}

func (q *arrayQuery) sql(table string, fields []*schema.Field) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO "` + table + `" (`)
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + f.DBName + `"`)
	}
	b.WriteString(") SELECT " + strings.Join(q.selects, ","))
	if len(q.arrays) == 0 {
		// Every column is constant: as many copies of the one row as there are rows.
		b.WriteString(" FROM generate_series(1," + q.param(q.rows, "int4") + ")")
	} else {
		aliases := make([]string, len(q.arrays))
		for i := range aliases {
			aliases[i] = "a" + strconv.Itoa(i+1)
		}
		b.WriteString(" FROM unnest(" + strings.Join(q.arrays, ",") + ") AS u(" + strings.Join(aliases, ",") + ")")
	}
	b.WriteString(" ON CONFLICT DO NOTHING")
	return b.String()
}
