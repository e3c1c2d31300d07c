package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/research"
	"brobygger/models/storetest"
)

const cliResearchKey = "the research pseudonym key of the cli tests, long enough"

// researchSite is a database with an admin, a link worker and three citizens with research
// consent, referred at a fixed time; the commands run at a later fixed time.
type researchSite struct {
	env      map[string]string
	store    *models.Store
	citizens []*models.Citizen
	names    []string
	worker   *models.Staff
}

func newResearchSite(t *testing.T, d models.Dialect) *researchSite {
	ctx := context.Background()
	dbURL := storetest.URL(t, d)
	referred := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	s, err := models.Open(ctx, dbURL, models.WithClock(func() time.Time { return referred }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, n := range []models.NewStaff{
		{Email: "dm@example.dk", Name: "Dorthe Datamanager", Role: models.RoleAdmin, Password: "the data manager's password"},
		{Email: "admin@example.dk", Name: "Anders Admin", Role: models.RoleAdmin, Password: "the other admin's password"},
	} {
		if _, err := s.CreateStaff(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	worker := storetest.LinkWorker(t, s, "Lise Brobygger")
	site := &researchSite{env: map[string]string{"DATABASE_URL": dbURL, "BROBYGGER_CLOCK_START": "2026-06-15T10:00:00+02:00",
		"RESEARCH_PSEUDONYM_KEY": cliResearchKey}, store: s, worker: worker}
	for i, name := range []string{"Birthe Nøglesen", "Hans Hemmeligsen", "Inger Udtrådtsen"} {
		year := 1940 + 10*i
		c, _, err := s.CreateReferral(ctx, models.NewReferral{Name: name, Phone: storetest.NextPhone(), Language: models.LangDA,
			LinkWorkerID: worker.ID, ReferrerClinic: "Lægehuset Sydhavn", Reason: "Bor alene på 4. sal uden elevator",
			ConsentContact: true, ConsentData: true, ConsentResearch: true, ReferralProfile: models.ReferralProfile{BirthYear: &year}})
		if err != nil {
			t.Fatal(err)
		}
		site.citizens, site.names = append(site.citizens, c), append(site.names, name)
	}
	return site
}

func (s *researchSite) run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, mapEnv(s.env), strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func studyIDs(t *testing.T, path string) []string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(raw)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range recs[1:] {
		ids = append(ids, r[0])
	}
	return ids
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

func TestExportResearch_PseudonymisedStableAndWithdrawable(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			site := newResearchSite(t, d)
			dir := t.TempDir()
			first, second := filepath.Join(dir, "first.csv"), filepath.Join(dir, "second.csv")
			code, out, errOut := site.run(t, "", "export", "research", "--out", first)
			if code != 0 || !strings.Contains(out, "wrote 9 rows") {
				t.Fatalf("export: %d %q %q", code, out, errOut)
			}
			raw, _ := os.ReadFile(first)
			for i, c := range site.citizens {
				for _, secret := range []string{site.names[i], c.Phone, c.ID, "Sydhavn", "elevator", "1940", "1950", "1960", "2026-03"} {
					if strings.Contains(string(raw), secret) {
						t.Errorf("the export contains %q", secret)
					}
				}
			}
			if mode(t, first) != 0o600 {
				t.Errorf("export mode %v", mode(t, first))
			}
			book, err := os.ReadFile(filepath.Join(dir, "first.codebook.md"))
			if err != nil || !strings.Contains(string(book), "| participation_level |") || !strings.Contains(string(book), "withdraw") {
				t.Errorf("codebook: %v\n%s", err, book)
			}
			p, _ := research.NewPseudonymiser(cliResearchKey)
			if ids := studyIDs(t, first); len(ids) != 9 || ids[0] == "" {
				t.Fatalf("study ids %v", ids)
			}

			// Inger withdraws; the next export has the same study IDs for the others and not hers.
			if _, err := site.store.WithdrawResearchConsent(context.Background(), site.citizens[2].ID, models.WithdrawnBySMS, nil); err != nil {
				t.Fatal(err)
			}
			if code, _, errOut := site.run(t, "", "export", "research", "--out", second, "--from", "2026-03-01", "--to", "2026-03-31"); code != 0 {
				t.Fatalf("second export: %d %s", code, errOut)
			}
			ids := strings.Join(studyIDs(t, second), " ")
			for i, c := range site.citizens {
				want := i < 2
				if strings.Contains(ids, p.StudyID(c.ID)) != want || strings.Contains(strings.Join(studyIDs(t, first), " "), p.StudyID(c.ID)) != true {
					t.Errorf("%s: in second export = %v, want %v", site.names[i], !want, want)
				}
			}
			trail, _ := site.store.AuditTrail(context.Background(), "csv:2026-03-01..2026-03-31", 5)
			if len(trail) != 1 || trail[0].Action != "research_export" || trail[0].ActorRole != "cli" {
				t.Errorf("audit = %+v", trail)
			}
		})
	}
}

func TestExportResearch_RefusesWithoutTheKey(t *testing.T) {
	site := newResearchSite(t, models.SQLite)
	out := filepath.Join(t.TempDir(), "x.csv")
	for _, key := range []string{"", "too short"} {
		site.env["RESEARCH_PSEUDONYM_KEY"] = key
		for _, args := range [][]string{{"export", "research", "--out", out}, {"export", "research-key", "--as", "dm@example.dk", "--out", out}} {
			code, _, errOut := site.run(t, "the data manager's password\n", args...)
			if code != exitUsage || !strings.Contains(errOut, "RESEARCH_PSEUDONYM_KEY") {
				t.Errorf("%q with key %q: exit %d, %q", args[1], key, code, errOut)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%q wrote a file without the key", args[1])
			}
		}
	}
}

func TestExportResearchKey_OnlyForAGrantedAdminAndMode0600(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			site := newResearchSite(t, d)
			key := filepath.Join(t.TempDir(), "key.csv")
			args := []string{"export", "research-key", "--as", "dm@example.dk", "--out", key}
			if code, _, errOut := site.run(t, "the data manager's password\n", args...); code != exitUsage || !strings.Contains(errOut, "does not hold the research key") {
				t.Fatalf("before the grant: %d %q", code, errOut)
			}
			if code, _, errOut := site.run(t, "", "export", "research-key-access", "--grant", site.worker.Email); code != exitUsage || !strings.Contains(errOut, "Only an admin") {
				t.Errorf("granting a link worker: %d %q", code, errOut)
			}
			if code, out, errOut := site.run(t, "", "export", "research-key-access", "--grant", "dm@example.dk"); code != 0 || !strings.Contains(out, "grant_research_key") {
				t.Fatalf("grant: %d %q %q", code, out, errOut)
			}
			if code, _, errOut := site.run(t, "a wrong password here\n", args...); code != exitUsage || !strings.Contains(errOut, "wrong") {
				t.Errorf("wrong password: %d %q", code, errOut)
			}
			code, out, errOut := site.run(t, "the data manager's password\n", args...)
			if code != 0 || !strings.Contains(out, "3 citizens") {
				t.Fatalf("key file: %d %q %q", code, out, errOut)
			}
			if mode(t, key) != 0o600 {
				t.Errorf("key file mode %v, want 0600", mode(t, key))
			}
			raw, _ := os.ReadFile(key)
			p, _ := research.NewPseudonymiser(cliResearchKey)
			if !strings.Contains(string(raw), p.StudyID(site.citizens[0].ID)+","+site.citizens[0].ID+","+site.names[0]) {
				t.Errorf("key file:\n%s", raw)
			}
			if code, _, _ := site.run(t, "the other admin's password\n", "export", "research-key", "--as", "admin@example.dk", "--out", key+".2"); code != exitUsage {
				t.Errorf("an admin without the grant wrote the key file: %d", code)
			}
			if code, _, _ := site.run(t, "", "export", "research-key-access", "--revoke", "dm@example.dk"); code != 0 {
				t.Fatal("revoke failed")
			}
			if code, _, _ := site.run(t, "the data manager's password\n", args...); code != exitUsage {
				t.Errorf("revoked admin wrote the key file: %d", code)
			}
			ctx := context.Background()
			dm, err := site.store.AuthenticateStaff(ctx, "dm@example.dk", "the data manager's password")
			if err != nil {
				t.Fatal(err)
			}
			about, _ := site.store.AuditTrail(ctx, dm.ID, 20)
			file, _ := site.store.AuditTrail(ctx, "..", 20)
			got := map[string]int{}
			for _, e := range append(about, file...) {
				got[e.Action]++
			}
			if got["research_key_file"] != 1 || got["grant_research_key"] != 1 || got["revoke_research_key"] != 1 || got["research_key_refused"] != 2 {
				t.Errorf("audit = %v", got)
			}
			if file[0].ActorID == nil || *file[0].ActorID != dm.ID {
				t.Errorf("the key file's audit names %v, want the data manager", file[0].ActorID)
			}
		})
	}
}

// The export commands answer -h without reading the environment, like every command.
func TestExport_Help(t *testing.T) {
	getenv := func(k string) string { t.Errorf("-h read %s from the environment", k); return "" }
	for _, args := range [][]string{{"export", "-h"}, {"export", "research", "-h"}, {"export", "research-key", "-h"}, {"export", "research-key-access", "-h"}} {
		var out, errOut bytes.Buffer
		if code := run(context.Background(), args, getenv, strings.NewReader(""), &out, &errOut); code != exitOK || !strings.Contains(out.String(), "usage: brobygger export") || !strings.Contains(out.String(), "example:") {
			t.Errorf("%v: exit %d %q %q", args, code, out.String(), errOut.String())
		}
	}
}

// A short RESEARCH_PSEUDONYM_KEY stops start-up naming the variable; an empty one is allowed
// (the export alone refuses).
func TestLoadConfig_ResearchPseudonymKey(t *testing.T) {
	if _, err := loadConfig(mapEnv(map[string]string{"RESEARCH_PSEUDONYM_KEY": "short"})); err == nil || !strings.Contains(err.Error(), "RESEARCH_PSEUDONYM_KEY") {
		t.Errorf("short key: %v", err)
	}
	cfg, err := loadConfig(mapEnv(map[string]string{"RESEARCH_PSEUDONYM_KEY": cliResearchKey}))
	if err != nil || cfg.ResearchPseudonymKey != cliResearchKey {
		t.Fatalf("key: %v", err)
	}
	if cfg, err := loadConfig(mapEnv(nil)); err != nil || cfg.ResearchPseudonymKey != "" {
		t.Errorf("no key: %v", err)
	}
}
