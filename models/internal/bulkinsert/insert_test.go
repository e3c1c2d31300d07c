package bulkinsert

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/ncruces/go-sqlite3/gormlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// kind stands for the store's named string types (statuses, kinds).
type kind string

// testRow has a column of every shape the store's models use: uuid, named text, long text,
// nullable and plain numbers, booleans, floats, and plain and nullable times.
type testRow struct {
	ID      string     `gorm:"primaryKey;type:uuid"`
	Key     string     `gorm:"size:40;not null;uniqueIndex"`
	Kind    kind       `gorm:"size:16;not null"`
	Body    string     `gorm:"type:text;not null"`
	Count   int        `gorm:"not null"`
	Maybe   *int       `gorm:""`
	Done    bool       `gorm:"not null"`
	Score   float64    `gorm:"not null"`
	At      time.Time  `gorm:"not null"`
	Settled *time.Time `gorm:""`
}

// eachDB runs fn on a fresh SQLite file, and on a fresh PostgreSQL schema when
// TEST_DATABASE_URL is set; the store's own tests cover the engine through the real models.
func eachDB(t *testing.T, fn func(t *testing.T, db *gorm.DB)) {
	t.Run("sqlite", func(t *testing.T) {
		db, err := gorm.Open(gormlite.Open("file:"+filepath.Join(t.TempDir(), "t.db")), &gorm.Config{})
		if err != nil {
			t.Fatal(err)
		}
		fn(t, migrated(t, db))
	})
	base := os.Getenv("TEST_DATABASE_URL")
	if base == "" {
		return
	}
	t.Run("postgres", func(t *testing.T) {
		admin, err := gorm.Open(postgres.Open(base), &gorm.Config{})
		if err != nil {
			t.Fatal(err)
		}
		schema := "b_" + strings.ReplaceAll(uuid.NewString(), "-", "")[:20]
		if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { admin.Exec("DROP SCHEMA " + schema + " CASCADE") })
		u, err := url.Parse(base)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		db, err := gorm.Open(postgres.Open(u.String()), &gorm.Config{})
		if err != nil {
			t.Fatal(err)
		}
		fn(t, migrated(t, db))
	})
}

func migrated(t *testing.T, db *gorm.DB) *gorm.DB {
	t.Helper()
	if err := db.AutoMigrate(&testRow{}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db
}

// rows makes n rows in which some columns hold one value for all (a wave's kind and time), some
// differ per row, a long text has two values, and the nullable columns are NULL for some rows.
func rows(n int, at time.Time) []testRow {
	long := [2]string{strings.Repeat("Hej, hvordan går det? ", 10), strings.Repeat("Hi, how are you? ", 12)}
	out := make([]testRow, n)
	for i := range out {
		out[i] = testRow{ID: uuid.NewString(), Key: fmt.Sprintf("k%05d", i), Kind: "checkin", Body: long[i%2],
			Count: i, Done: i%3 == 0, Score: float64(i) / 4, At: at}
		if i%2 == 0 {
			maybe, settled := i*10, at.Add(time.Duration(i)*time.Second)
			out[i].Maybe, out[i].Settled = &maybe, &settled
		}
	}
	return out
}

// TestInsert_RoundTripsEveryShape writes chunks of one row, of exactly a statement's worth and
// of more than a statement's worth, and reads every field back.
func TestInsert_RoundTripsEveryShape(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gorm.DB) {
		at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
		for _, n := range []int{1, RowsPerStatement, RowsPerStatement + 7} {
			want := rows(n, at)
			for i := range want {
				want[i].Key = fmt.Sprintf("n%d-%s", n, want[i].Key)
			}
			stored, err := Insert(context.Background(), db, want)
			if err != nil || stored != int64(n) {
				t.Fatalf("Insert(%d rows) = %d, %v", n, stored, err)
			}
			var got []testRow
			if err := db.Where("key LIKE ?", fmt.Sprintf("n%d-%%", n)).Order("key").Find(&got).Error; err != nil {
				t.Fatal(err)
			}
			if len(got) != n {
				t.Fatalf("read back %d of %d rows", len(got), n)
			}
			for i := range got {
				checkRow(t, got[i], want[i])
			}
		}
	})
}

func checkRow(t *testing.T, g, w testRow) {
	t.Helper()
	sameTime := func(a, b *time.Time) bool { return (a == nil) == (b == nil) && (a == nil || a.Equal(*b)) }
	sameInt := func(a, b *int) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	if g.ID != w.ID || g.Key != w.Key || g.Kind != w.Kind || g.Body != w.Body || g.Count != w.Count || g.Done != w.Done ||
		g.Score != w.Score || !g.At.Equal(w.At) || !sameInt(g.Maybe, w.Maybe) || !sameTime(g.Settled, w.Settled) {
		t.Errorf("row %s:\n got %+v\nwant %+v", w.Key, g, w)
	}
}

// TestInsert_SkipsTakenKeys: a row whose unique key is taken is skipped and not counted, and an
// empty batch writes nothing.
func TestInsert_SkipsTakenKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, db *gorm.DB) {
		ctx := context.Background()
		at := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
		first := rows(3, at)
		if n, err := Insert(ctx, db, first); err != nil || n != 3 {
			t.Fatalf("first Insert = %d, %v", n, err)
		}
		again := rows(5, at) // the same keys k00000..k00004, new ids
		if n, err := Insert(ctx, db, again); err != nil || n != 2 {
			t.Fatalf("second Insert = %d, %v; want 2 (three keys taken)", n, err)
		}
		if n, err := Insert(ctx, db, []testRow(nil)); err != nil || n != 0 {
			t.Fatalf("empty Insert = %d, %v", n, err)
		}
		var count int64
		if err := db.Model(&testRow{}).Count(&count).Error; err != nil || count != 5 {
			t.Fatalf("table holds %d rows, %v; want 5", count, err)
		}
	})
}
