package sqldialect

import (
	"database/sql"
	"encoding/json"
	"runtime"
	"strings"

	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/gorm"
)

type sqlite struct{}

// SQLite is the dialect of the embedded database: one process, one writer at a time.
var SQLite Dialect = sqlite{}

func (sqlite) Name() string                   { return "sqlite" }
func (sqlite) Open(dsn string) gorm.Dialector { return gormlite.Open(dsn) }
func (sqlite) Driver() string                 { return "sqlite3" }
func (sqlite) SingleWriter() bool             { return true }
func (sqlite) SingleProcess() bool            { return true }

// TunePool: SQLite has one writer at a time, so a few connections serve reads while writers
// queue on busy_timeout.
func (sqlite) TunePool(db *sql.DB) {
	db.SetMaxOpenConns(max(4, runtime.GOMAXPROCS(0)))
	db.SetMaxIdleConns(max(4, runtime.GOMAXPROCS(0)))
}

// Placeholders: "(?,?),(?,?)".
func (sqlite) Placeholders(rows, cols int) string {
	return placeholders(rows, cols, func(int) string { return "?" })
}

// SkipLocked: nothing; SQLite serialises writers, which gives the same guarantee.
func (sqlite) SkipLocked() string { return "" }

// OneOf: the values go as one JSON array through json_each, as PostgreSQL's go as one array
// through unnest, and SQLite still probes the column's index once per value. The statement's
// text is then the same for any number of values, and it is prepared once per execution, not
// twice: given IN (?, ?, …) over an indexed column and ANALYZE's samples (sqlite_stat4), SQLite
// plans with the bound values, so it prepares such a statement again at its first step after
// binding. An inbound batch's sender lookup paid that on every batch (BENCHMARKS.md, session 7b).
func (sqlite) OneOf(column, _ string, values []string) (string, any) {
	return column + " IN (SELECT value FROM json_each(?))", jsonList(values)
}

// LockedOneOf: as OneOf; there is no second writer to deadlock with.
func (d sqlite) LockedOneOf(_ string, ids []string) (string, any) { return d.OneOf("id", "uuid", ids) }

// jsonList is the values as a JSON array of strings, for json_each.
func jsonList(values []string) string {
	b, _ := json.Marshal(values) // a []string always marshals; nil is "null", which json_each reads as no rows
	return string(b)
}

// StampedRead: the read alone. SQLite's writes are local calls, so the caller's second statement
// costs no round trip.
func (d sqlite) StampedRead(r StampedRead) (string, []any, bool) {
	cond, arg := d.OneOf(r.Alias+"."+r.Key, r.KeyType, r.Keys)
	q := r.Select + " FROM " + r.Table + " " + r.Alias + r.Joins + " WHERE " + cond + " AND " + r.Where
	return q, append(append([]any{}, r.JoinArgs...), arg), false
}

// UpdateFromRows joins the rows as a VALUES list named by a CTE (SQLite cannot name the columns
// of a VALUES subquery).
func (d sqlite) UpdateFromRows(table, set, where string, cols []Column, rows [][]any) (string, []any) {
	args := make([]any, 0, len(rows)*len(cols))
	for _, r := range rows {
		args = append(args, r...)
	}
	return "WITH v(" + columnNames(cols) + ") AS (VALUES " + d.Placeholders(len(rows), len(cols)) + ") UPDATE " + table + set + " FROM v" + where, args
}

// ContainsCaseBlind: GLOB with each cased letter a bracket of both cases ([Øø][Rr]…).
func (sqlite) ContainsCaseBlind(column, text string) (string, any) {
	return column + " GLOB ?", "*" + caseBlindPattern(text, globQuote) + "*"
}

// ChildrenOf: a plain join; SQLite already starts at the parents and looks up each one's children.
func (sqlite) ChildrenOf(parent, parentAlias, child, childAlias, fk, _ string) (string, string) {
	return child + " AS " + childAlias, "JOIN " + parent + " " + parentAlias + " ON " + parentAlias + ".id = " + childAlias + "." + fk
}

func (sqlite) TimestampType() string { return "TEXT" }

// HoursBetween: julianday is a float; round to whole seconds first, or 2 h becomes 1.999… h.
func (sqlite) HoursBetween(a, b string) string {
	return "(CAST(ROUND((julianday(" + b + ") - julianday(" + a + ")) * 86400) AS INTEGER) / 3600)"
}

func (sqlite) DaysBetween(a, b string) string {
	return "(julianday(" + b + ") - julianday(" + a + "))"
}

// globQuote makes GLOB's wildcards literal by putting them in a bracket.
func globQuote(s string) string {
	if s == "*" || s == "?" || s == "[" {
		return "[" + s + "]"
	}
	return s
}

func columnNames(cols []Column) string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
