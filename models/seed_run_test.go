// The seed lives in models/seed; its tests live here because they read the seeded rows through
// the GORM handle only models' own tests may reach (export_test.go).

package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/seed"
	"brobygger/models/storetest"
)

func TestStore_Seed_RealisticAndDeterministic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		res, err := seed.Run(ctx, s, seed.Options{Citizens: 600, Seed: 7, ChunkSize: 200, Password: "seed password 123"})
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
		if _, err := seed.Run(context.Background(), s, seed.Options{Citizens: 50, Seed: 42, Password: "seed password 123"}); err != nil {
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
		if _, err := seed.Run(ctx, s, seed.Options{Citizens: 40, Seed: 1, Password: "seed password 123"}); err != nil {
			t.Fatal(err)
		}
		// Another seed number has other staff, but its citizens' phone numbers are taken.
		_, err := seed.Run(ctx, s, seed.Options{Citizens: 40, Seed: 2, Password: "seed password 123"})
		if err == nil || !strings.Contains(err.Error(), "seeded already") {
			t.Fatalf("second seed: %v, want it refused", err)
		}
	})
}

// seedNow is the seed tests' clock: no test reads the wall clock.
var seedNow = time.Date(2026, 3, 4, 11, 0, 0, 0, time.UTC)

// The demo can be seeded twice: the second run finds it and writes nothing.
func TestStore_Seed_DemoTwiceSaysItIsThere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		opts := seed.Options{Citizens: 40, Seed: 1, Password: "seed password 123", FirstWorkerEmail: "demo@brobygger.dk"}
		first, err := seed.Run(ctx, s, opts)
		if err != nil || first.AlreadySeeded || first.Citizens != 40 {
			t.Fatalf("first demo seed: %+v, %v", first, err)
		}
		again, err := seed.Run(ctx, s, opts)
		if err != nil || !again.AlreadySeeded || again.Citizens != 0 || again.FirstWorkerEmail != "demo@brobygger.dk" {
			t.Fatalf("second demo seed: %+v, %v; want AlreadySeeded and nothing written", again, err)
		}
		if n, _ := s.CountCitizens(ctx); n != 40 {
			t.Fatalf("%d citizens after the second run, want 40", n)
		}
	}, models.WithClock(func() time.Time { return seedNow }))
}

// The seeded caseload reads like a real one: SMS and check-ins in the daytime, Danish offers
// without test wording, and every citizen's stored status is what their dates and replies derive.
func TestStore_Seed_ReadsLikeACaseload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		cph, _ := time.LoadLocation("Europe/Copenhagen")
		if _, err := seed.Run(ctx, s, seed.Options{Citizens: 300, Seed: 3, Password: "seed password 123", Location: cph}); err != nil {
			t.Fatal(err)
		}
		db := s.GormDB()
		var msgs []models.Message
		db.Find(&msgs)
		for _, m := range msgs {
			if h := m.CreatedAt.In(cph).Hour(); h < 9 || h >= 20 || m.CreatedAt.After(seedNow) {
				t.Errorf("SMS %q at %s (Copenhagen), outside 09–20 or in the future", m.Body, m.CreatedAt.In(cph))
			}
		}
		var checkins []models.Checkin
		db.Find(&checkins)
		for _, c := range checkins {
			if h := c.DueAt.In(cph).Hour(); h < 9 || h >= 20 {
				t.Errorf("check-in due %s (Copenhagen)", c.DueAt.In(cph))
			}
		}
		var offers []models.Offer
		db.Find(&offers)
		var flags []models.Flag
		db.Find(&flags)
		var words []string
		for _, o := range offers {
			words = append(words, o.Title, o.Description)
		}
		for _, f := range flags {
			words = append(words, f.Reason)
		}
		for _, w := range words {
			if strings.Contains(strings.ToLower(w), "synthetic") || strings.Contains(strings.ToLower(w), "testing") {
				t.Errorf("seeded text reads like test data: %q", w)
			}
		}
		if len(offers) == 0 || !strings.Contains(offers[0].Title, " i ") || !strings.Contains(offers[0].Title, "kl. ") {
			t.Errorf("offer titles should say what, where and when: %q", offers[0].Title)
		}
		var citizens []models.Citizen
		db.Find(&citizens)
		for _, c := range citizens {
			if err := s.RefreshStatus(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
			after, _ := s.CitizenByID(ctx, c.ID)
			if after.Status != c.Status {
				t.Errorf("%s is seeded %s but their dates and replies make them %s", c.Name, c.Status, after.Status)
			}
			if c.CompletedAt != nil && c.CompletedAt.After(seedNow) {
				t.Errorf("%s completed in the future (%s)", c.Name, c.CompletedAt)
			}
		}
	}, models.WithClock(func() time.Time { return seedNow }))
}
