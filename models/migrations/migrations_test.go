package migrations

import (
	"io/fs"
	"path"
	"slices"
	"testing"
)

// TestFiles_SameVersionsInBothDialects fails when a migration was written for one database only:
// the two schemas would then disagree from that version on.
func TestFiles_SameVersionsInBothDialects(t *testing.T) {
	sqlite, err := fs.Glob(files, "sqlite/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	postgres, err := fs.Glob(files, "postgres/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(sqlite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if !slices.Equal(baseNames(sqlite), baseNames(postgres)) {
		t.Errorf("sqlite has %v\npostgres has %v", baseNames(sqlite), baseNames(postgres))
	}
}

func baseNames(paths []string) []string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = path.Base(p)
	}
	return names
}
