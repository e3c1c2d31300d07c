package sqldialect

import (
	"strings"
	"testing"
	"time"
)

// TestDialects_SpellTheSameQuery pins each dialect's spelling of the fragments the store uses,
// so a change to one is a deliberate change to a statement's plan or locks.
func TestDialects_SpellTheSameQuery(t *testing.T) {
	if For("postgres") != Postgres || For("sqlite") != SQLite || For("") != SQLite {
		t.Fatal("For chose the wrong dialect")
	}
	cases := []struct{ name, got, want string }{
		{"pg skip locked", Postgres.SkipLocked(), " FOR UPDATE SKIP LOCKED"},
		{"sqlite skip locked", SQLite.SkipLocked(), ""},
		{"pg one of", first(Postgres.OneOf("citizen_id", "uuid", []string{"a"})), "citizen_id IN (SELECT unnest(?::uuid[]))"},
		{"sqlite one of", first(SQLite.OneOf("citizen_id", "uuid", []string{"a"})), "citizen_id IN (SELECT value FROM json_each(?))"},
		{"pg locked", first(Postgres.LockedOneOf("citizens", nil)), "id IN (SELECT id FROM citizens WHERE id = ANY(?::uuid[]) ORDER BY id FOR NO KEY UPDATE)"},
		{"sqlite locked", first(SQLite.LockedOneOf("citizens", nil)), "id IN (SELECT value FROM json_each(?))"},
		{"pg placeholders", Postgres.Placeholders(2, 2), "($1,$2),($3,$4)"},
		{"sqlite placeholders", SQLite.Placeholders(2, 2), "(?,?),(?,?)"},
		{"pg hours", Postgres.HoursBetween("a", "b"), "CAST(FLOOR(EXTRACT(EPOCH FROM (b - a)) / 3600) AS INTEGER)"},
		{"sqlite hours", SQLite.HoursBetween("a", "b"), "(CAST(ROUND((julianday(b) - julianday(a)) * 86400) AS INTEGER) / 3600)"},
		{"pg days", Postgres.DaysBetween("a", "b"), "(EXTRACT(EPOCH FROM (b - a)) / 86400)"},
		{"sqlite days", SQLite.DaysBetween("a", "b"), "(julianday(b) - julianday(a))"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, c.got, c.want)
		}
	}
	if cond, arg := Postgres.ContainsCaseBlind("c.name", "Ø.b"); cond != "c.name ~ ?" || arg != `[øØ]\.[bB]` {
		t.Errorf("pg search: %q %q", cond, arg)
	}
	if cond, arg := SQLite.ContainsCaseBlind("c.name", "ø*"); cond != "c.name GLOB ?" || arg != "*[øØ][*]*" {
		t.Errorf("sqlite search: %q %q", cond, arg)
	}
	from, join := Postgres.ChildrenOf("citizens", "c", "flags", "f", "citizen_id", " AND f.acked_at IS NULL")
	if from != "citizens AS c" || join != "CROSS JOIN LATERAL (SELECT * FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL OFFSET 0) AS f" {
		t.Errorf("pg children: %q %q", from, join)
	}
	if from, join := SQLite.ChildrenOf("citizens", "c", "flags", "f", "citizen_id", " AND x"); from != "flags AS f" || join != "JOIN citizens c ON c.id = f.citizen_id" {
		t.Errorf("sqlite children: %q %q", from, join)
	}
}

func first(s string, _ any) string { return s }

// TestStampedRead: PostgreSQL stamps in the read's statement, its rows locked in id order;
// SQLite reads only and leaves the stamp to the caller. Arguments follow the placeholders.
func TestStampedRead(t *testing.T) {
	r := StampedRead{Table: "citizens", Alias: "c", Key: "phone", KeyType: "text", Keys: []string{"+4512345678"},
		Where: "c.closed_at IS NULL", Set: "seen = ?", SetArgs: []any{1}, Select: "SELECT c.*", Joins: " LEFT JOIN x ON x.id = c.id AND x.s = ?", JoinArgs: []any{"open"}}
	q, args, stamped := Postgres.StampedRead(r)
	want := "WITH c AS (UPDATE citizens SET seen = ? WHERE id IN (SELECT id FROM citizens AS c WHERE c.phone = ANY(?::text[]) AND c.closed_at IS NULL ORDER BY id FOR NO KEY UPDATE) RETURNING *) SELECT c.* FROM c LEFT JOIN x ON x.id = c.id AND x.s = ?"
	if q != want || !stamped || len(args) != 3 || args[0] != 1 || args[2] != "open" {
		t.Errorf("pg:\n got %q %v %v\nwant %q", q, args, stamped, want)
	}
	q, args, stamped = SQLite.StampedRead(r)
	want = "SELECT c.* FROM citizens c LEFT JOIN x ON x.id = c.id AND x.s = ? WHERE c.phone IN (SELECT value FROM json_each(?)) AND c.closed_at IS NULL"
	if q != want || stamped || len(args) != 2 || args[0] != "open" || args[1] != `["+4512345678"]` {
		t.Errorf("sqlite:\n got %q %v %v\nwant %q", q, args, stamped, want)
	}
}

// TestUpdateFromRows: SQLite binds the rows in order; PostgreSQL binds one typed array per
// column, NULL where a row has nil.
func TestUpdateFromRows(t *testing.T) {
	cols := []Column{{"id", "uuid"}, {"n", "bigint"}, {"at", "timestamptz"}, {"note", "text"}}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	rows := [][]any{{"a", int64(1), at, nil}, {"b", nil, nil, "x"}}
	q, args := SQLite.UpdateFromRows("t", " SET n = v.n", " WHERE t.id = v.id", cols, rows)
	if q != "WITH v(id, n, at, note) AS (VALUES (?,?,?,?),(?,?,?,?)) UPDATE t SET n = v.n FROM v WHERE t.id = v.id" || len(args) != 8 || args[4] != "b" {
		t.Errorf("sqlite: %q %v", q, args)
	}
	q, args = Postgres.UpdateFromRows("t", " SET n = v.n", " WHERE t.id = v.id", cols, rows)
	if !strings.HasPrefix(q, "UPDATE t SET n = v.n FROM unnest($1::text[]::uuid[], $2::bigint[], $3::timestamptz[], $4::text[]) AS v(id, n, at, note) WHERE") {
		t.Errorf("pg: %q", q)
	}
	ns := args[1].([]*int64)
	notes := args[3].([]*string)
	if len(args) != 4 || *ns[0] != 1 || ns[1] != nil || notes[0] != nil || *notes[1] != "x" || !args[2].([]*time.Time)[0].Equal(at) {
		t.Errorf("pg args: %v", args)
	}
	defer func() {
		if recover() == nil {
			t.Error("a value of the wrong type was bound without complaint")
		}
	}()
	Postgres.UpdateFromRows("t", "", "", cols, [][]any{{"a", 1, nil, nil}}) // int, not int64
}
