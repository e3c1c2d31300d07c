package models_test

import (
	"context"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
)

func TestStore_Seed_RealisticAndDeterministic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		res, err := s.Seed(ctx, models.SeedOptions{Citizens: 600, Seed: 7, ChunkSize: 200, Password: "seed password 123"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Citizens != 600 || res.Staff != 4 || res.Messages < 3000 || res.Checkins == 0 || res.Flags == 0 || res.Offers != 70 {
			t.Fatalf("unexpected seed result %+v", res)
		}
		page, err := s.Caseload(ctx, models.CaseloadQuery{Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		statuses := map[models.CitizenStatus]int{}
		for _, r := range page.Rows {
			statuses[r.Status]++
			if _, err := models.NormalizePhone(r.Phone); err != nil {
				t.Fatalf("seeded phone %s is not valid: %v", r.Phone, err)
			}
		}
		if len(statuses) < 7 {
			t.Fatalf("status mix too narrow: %v", statuses)
		}
		if _, err := s.AuthenticateStaff(ctx, res.FirstWorkerEmail, "seed password 123"); err != nil {
			t.Fatalf("seeded staff cannot log in: %v", err)
		}
	})
}

func TestStore_Seed_SameSeedSameData(t *testing.T) {
	names := func() []string {
		s := storetest.Open(t, models.SQLite)
		if _, err := s.Seed(context.Background(), models.SeedOptions{Citizens: 50, Seed: 42, Password: "seed password 123"}); err != nil {
			t.Fatal(err)
		}
		page, _ := s.Caseload(context.Background(), models.CaseloadQuery{Sort: "name", Limit: 500})
		var out []string
		for _, r := range page.Rows {
			out = append(out, r.Name+r.Phone+string(r.Status))
		}
		return out
	}
	a, b := names(), names()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d vs %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 42 differs at %d: %q vs %q", i, a[i], b[i])
		}
	}
}

func TestStore_Seed_IntoASeededDatabaseFails(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if _, err := s.Seed(ctx, models.SeedOptions{Citizens: 40, Seed: 1, Password: "seed password 123"}); err != nil {
			t.Fatal(err)
		}
		// Another seed number has other staff, but its citizens' phone numbers are taken.
		_, err := s.Seed(ctx, models.SeedOptions{Citizens: 40, Seed: 2, Password: "seed password 123"})
		if err == nil || !strings.Contains(err.Error(), "seeded already") {
			t.Fatalf("second seed: %v, want it refused", err)
		}
	})
}
