package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
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

func TestStore_AuthenticateStaff_LocksAfterFailures(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.CreateStaff(ctx, models.NewStaff{Email: "lw@example.dk", Name: "Lars",
			Role: models.RoleLinkWorker, Password: "the right password"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateStaff(ctx, "nobody@example.dk", "x"); models.ErrorCode(err) != models.EUNAUTHORIZED {
			t.Fatalf("unknown email: %v", err)
		}
		for i := 0; i < 5; i++ {
			if _, err := s.AuthenticateStaff(ctx, "lw@example.dk", "wrong"); models.ErrorCode(err) != models.EUNAUTHORIZED {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		if _, err := s.AuthenticateStaff(ctx, "lw@example.dk", "the right password"); models.ErrorCode(err) != models.ERATELIMIT {
			t.Fatalf("locked account accepted the right password: %v", err)
		}
		now = now.Add(16 * time.Minute)
		if _, err := s.AuthenticateStaff(ctx, "LW@example.dk", "the right password"); err != nil {
			t.Fatalf("after lockout: %v", err)
		}
	}, models.WithClock(clock))
}

func TestCheckPassword(t *testing.T) {
	h, err := models.HashPassword("secret words here")
	if err != nil {
		t.Fatal(err)
	}
	if !models.CheckPassword(h, "secret words here") || models.CheckPassword(h, "secret words herE") {
		t.Fatal("password check is wrong")
	}
	for _, bad := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AAAA$AAAA", h + "x$"} {
		if models.CheckPassword(bad, "secret words here") {
			t.Fatalf("malformed hash %q accepted", bad)
		}
	}
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
