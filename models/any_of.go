package models

import (
	"database/sql/driver"
	"strings"

	"gorm.io/gorm/clause"
)

// anyOf matches a column against a list of values. On PostgreSQL the list travels as one array
// parameter (col = ANY($1)), so the statement's text, and the plan prepared for it on each
// pooled connection, is the same whatever the list's length; an IN list would be a new
// statement to parse and prepare for every length. SQLite prepares in-process and gets IN.
// pgType is the column's type on PostgreSQL ("text", "uuid").
func anyOf(d Dialect, col, pgType string, vals []string) clause.Expr {
	if d == Postgres {
		return clause.Expr{SQL: col + " = ANY(?::" + pgType + "[])", Vars: []any{textArray(vals)}}
	}
	return clause.Expr{SQL: col + " IN ?", Vars: []any{vals}}
}

// textArray is a list of strings bound as one PostgreSQL array literal.
type textArray []string

// Value writes the array literal {"a","b"}, quoting every element.
func (a textArray) Value() (driver.Value, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, s := range a {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		for _, r := range s {
			if r == '"' || r == '\\' {
				b.WriteByte('\\')
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String(), nil
}
