package bulkinsert

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// insertValues is Insert for SQLite. A column holding the same value in every row (a
// wave's status, times, kind and often its text) is bound once per statement as a numbered
// parameter every row refers to, instead of once per row: binding copies each value into
// SQLite's memory, and a wave's opening SMS is some 300 bytes.
func insertValues[T any](ctx context.Context, db *gorm.DB, sch *schema.Schema, rows []T) (int64, error) {
	fields := insertFields(sch)
	vals := rowValues(ctx, fields, rows)
	shared := sharedColumns(vals, len(fields))
	args := make([]any, 0, min(RowsPerStatement, len(rows))*len(fields)) // reused by every chunk
	var stored int64
	for start := 0; start < len(rows); {
		n := min(RowsPerStatement, len(rows)-start)
		prepared, err := db.Statement.ConnPool.PrepareContext(ctx, insertSQL(sch.Table, fields, shared, n))
		if err != nil {
			return stored, fmt.Errorf("bulk insert into %s: %w", sch.Table, err)
		}
		// Every full chunk runs the one prepared statement; a shorter tail gets its own.
		for ; start+n <= len(rows) && err == nil; start += n {
			chunk := vals[start*len(fields) : (start+n)*len(fields)]
			stored, err = execChunk(ctx, prepared, chunkArgs(chunk, shared, args[:0]), stored)
		}
		_ = prepared.Close()
		if err != nil {
			return stored, fmt.Errorf("bulk insert into %s: %w", sch.Table, err)
		}
	}
	return stored, nil
}

func execChunk(ctx context.Context, prepared *sql.Stmt, args []any, stored int64) (int64, error) {
	res, err := prepared.ExecContext(ctx, args...)
	if err != nil {
		return stored, err
	}
	n, err := res.RowsAffected()
	return stored + n, err
}

// rowValues reads every row's column values as driver values, row after row.
func rowValues[T any](ctx context.Context, fields []*schema.Field, rows []T) []any {
	vals := make([]any, 0, len(rows)*len(fields))
	for i := range rows {
		rv := reflect.ValueOf(&rows[i]).Elem()
		for _, f := range fields {
			v, _ := f.ValueOf(ctx, rv)
			vals = append(vals, DriverValue(v))
		}
	}
	return vals
}

// sharedColumns reports, per column, whether every row holds the same value in it.
func sharedColumns(vals []any, cols int) []bool {
	shared := make([]bool, cols)
	for c := range shared {
		shared[c] = true
		for i := c + cols; i < len(vals) && shared[c]; i += cols {
			shared[c] = sameValue(vals[c], vals[i])
		}
	}
	return shared
}

// sameValue compares two driver values; a type it does not know is never the same.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case nil, string, int64, bool, float64:
		return a == b
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	}
	return false
}

// chunkArgs lists a chunk's arguments in the order insertSQL numbers them: the shared columns'
// values (from the first row), then the other columns row by row.
func chunkArgs(chunk []any, shared []bool, args []any) []any {
	for c, sh := range shared {
		if sh {
			args = append(args, chunk[c])
		}
	}
	for i, v := range chunk {
		if !shared[i%len(shared)] {
			args = append(args, v)
		}
	}
	return args
}

// insertSQL writes INSERT INTO t (…) VALUES (?3,?1,?4),(?5,?1,?6) … ON CONFLICT DO NOTHING for
// rows rows, numbering parameters as chunkArgs lists them: a shared column is the same
// parameter in every row.
func insertSQL(table string, fields []*schema.Field, shared []bool, rows int) string {
	var b strings.Builder
	b.WriteString(`INSERT INTO "` + table + `" (`)
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + f.DBName + `"`)
	}
	b.WriteString(") VALUES ")
	sharedParam := make([]int, len(fields))
	p := 0
	for c, sh := range shared {
		if sh {
			p++
			sharedParam[c] = p
		}
	}
	for r := range rows {
		if r > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range fields {
			if c > 0 {
				b.WriteByte(',')
			}
			n := sharedParam[c]
			if n == 0 {
				p++
				n = p
			}
			b.WriteString("?" + strconv.Itoa(n))
		}
		b.WriteByte(')')
	}
	b.WriteString(" ON CONFLICT DO NOTHING")
	return b.String()
}
