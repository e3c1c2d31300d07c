package models_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/password"
	"brobygger/models/storetest"
)

func TestStore_CreateStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		st, err := s.CreateStaff(ctx, models.NewStaff{Email: " Mette@Example.DK ", Name: "Mette Hansen",
			Role: models.RoleLinkWorker, Password: "correct horse battery"})
		if err != nil {
			t.Fatal(err)
		}
		if st.Email != "mette@example.dk" || !models.ValidID(st.ID) || st.FirstName() != "Mette" {
			t.Fatalf("unexpected staff %+v", st)
		}
		_, err = s.CreateStaff(ctx, models.NewStaff{Email: "mette@example.dk", Name: "Other",
			Role: models.RoleAdmin, Password: "another long password"})
		if models.ErrorCode(err) != models.ECONFLICT {
			t.Fatalf("duplicate email: got %v, want ECONFLICT", err)
		}
	})
}

func TestNewStaff_Validate(t *testing.T) {
	cases := []struct {
		name  string
		in    models.NewStaff
		field string
	}{
		{"bad email", models.NewStaff{Email: "not-an-email", Name: "A", Role: models.RoleAdmin, Password: "long enough pass"}, "email"},
		{"email without domain dot", models.NewStaff{Email: "a@localhost", Name: "A", Role: models.RoleAdmin, Password: "long enough pass"}, "email"},
		{"display name form", models.NewStaff{Email: "A <a@b.dk>", Name: "A", Role: models.RoleAdmin, Password: "long enough pass"}, "email"},
		{"short password", models.NewStaff{Email: "a@b.dk", Name: "A", Role: models.RoleAdmin, Password: "short"}, "password"},
		{"bad role", models.NewStaff{Email: "a@b.dk", Name: "A", Role: "boss", Password: "long enough pass"}, "role"},
		{"no name", models.NewStaff{Email: "a@b.dk", Role: models.RoleAdmin, Password: "long enough pass"}, "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.in.Validate()
			var e *models.Error
			if err == nil || !asError(err, &e) || e.Code != models.EINVALID || e.Field != c.field {
				t.Fatalf("got %v, want EINVALID on %s", err, c.field)
			}
		})
	}
}

// TestStore_AuthenticateStaff_NeverLocks: wrong passwords, many and in parallel, never lock the
// account (issue 18: five guesses locked anyone out, admin included): the right password still
// signs in. Guessing is slowed before the store by the counters in the database (api).
func TestStore_AuthenticateStaff_NeverLocks(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.CreateStaff(ctx, models.NewStaff{Email: "lw@example.dk", Name: "Lars",
			Role: models.RoleLinkWorker, Password: "the right password"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateStaff(ctx, "nobody@example.dk", "x"); models.ErrorCode(err) != models.EUNAUTHORIZED {
			t.Fatalf("unknown email: %v", err)
		}
		var wg sync.WaitGroup
		codes := make(chan models.Code, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := s.AuthenticateStaff(ctx, "lw@example.dk", "wrong guess")
				codes <- models.ErrorCode(err)
			}()
		}
		wg.Wait()
		close(codes)
		for c := range codes {
			if c != models.EUNAUTHORIZED {
				t.Fatalf("a wrong guess answered %s, want EUNAUTHORIZED like an unknown email", c)
			}
		}
		st, err := s.AuthenticateStaff(ctx, "LW@example.dk", "the right password")
		if err != nil || st.LastLoginAt == nil || !st.LastLoginAt.Equal(now) {
			t.Fatalf("the right password after eight guesses: %v", err)
		}
		if id, err := s.ActiveStaffIDByEmail(ctx, " LW@example.dk"); err != nil || id != st.ID {
			t.Fatalf("ActiveStaffIDByEmail: %q %v", id, err)
		}
		if id, err := s.ActiveStaffIDByEmail(ctx, "nobody@example.dk"); err != nil || id != "" {
			t.Fatalf("ActiveStaffIDByEmail of nobody: %q %v", id, err)
		}
	}, models.WithClock(func() time.Time { return now }))
}

// TestStore_AuthenticateStaffCorruptHash: a staff member whose stored hash is corrupt cannot
// sign in; the answer is the ordinary EUNAUTHORIZED, and the error names the account (never the
// hash) for the log.
func TestStore_AuthenticateStaffCorruptHash(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		st := storetest.LinkWorker(t, s, "Lise")
		corrupt := "$argon2id$v=19$m=65536,t=3,p=0$c29tZXNhbHRzb21lc2FsdA$0N7m2Yy3Tz3U2UzJk8ZQ3mWqvK0Jb1m8b7yU0l8pQ0c"
		if err := s.GormDB().Model(&models.Staff{}).Where("id = ?", st.ID).Update("password_hash", corrupt).Error; err != nil {
			t.Fatal(err)
		}
		_, err := s.AuthenticateStaff(ctx, st.Email, "a test password long enough")
		var ce *models.CorruptHashError
		if !models.IsCode(err, models.EUNAUTHORIZED) || !errors.As(err, &ce) || ce.StaffID != st.ID ||
			!errors.Is(err, password.ErrCorruptHash) || strings.Contains(err.Error(), "c29tZXNhbHRz") {
			t.Fatalf("corrupt hash: %v", err)
		}
	})
}

func TestNormalizePhone(t *testing.T) {
	ok := map[string]string{
		"20 12 34 56":     "+4520123456",
		"+45 2012 3456":   "+4520123456",
		"0045 20123456":   "+4520123456",
		"+44 7911 123456": "+447911123456",
	}
	for in, want := range ok {
		if got, err := models.NormalizePhone(in); err != nil || got != want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "123", "+45 20 12 34 56 ext. 12", "+45 2012345678901234"} {
		if _, err := models.NormalizePhone(bad); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("NormalizePhone(%q) = %v, want EINVALID", bad, err)
		}
	}
}
