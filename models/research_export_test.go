package models_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/research"
	"brobygger/models/storetest"
)

const testResearchKey = "a research pseudonym key of at least 32 characters"

// researchPerson is one seeded citizen and everything identifying about them, which must never
// appear in the export.
type researchPerson struct {
	citizen  *models.Citizen
	referral *models.Referral
	name     string
	email    string
}

func referResearch(t *testing.T, s *models.Store, worker *models.Staff, name, clinic string, consent bool, birthYear int) researchPerson {
	t.Helper()
	email := strings.ToLower(strings.ReplaceAll(name, " ", ".")) + "@example.dk"
	sex, cat := "female", "loneliness"
	c, r, err := s.CreateReferral(context.Background(), models.NewReferral{Name: name, Phone: storetest.NextPhone(),
		Language: models.LangDA, LinkWorkerID: worker.ID, ReferrerName: "Dr. Hemmelig Lægesen", ReferrerClinic: clinic,
		Reason: "Sidder alene siden Kirstens død i marts", ConsentContact: true, ConsentData: true, ConsentResearch: consent,
		ReferralProfile: models.ReferralProfile{BirthYear: &birthYear, Sex: &sex, Email: &email, ReasonCategory: &cat}})
	if err != nil {
		t.Fatalf("refer %s: %v", name, err)
	}
	return researchPerson{citizen: c, referral: r, name: name, email: email}
}

// completeCheckin stores a completed questionnaire with its answers at a time.
func completeCheckin(t *testing.T, s *models.Store, citizenID, instrument string, at time.Time, raw *int, score *float64, items map[int]int) {
	t.Helper()
	ch := models.Checkin{ID: models.NewID(), CitizenID: citizenID, Instrument: instrument, Version: "1",
		Status: models.CheckinCompleted, DueAt: at, OpenedAt: &at, CompletedAt: &at, Channel: "sms", Raw: raw, Score: score, CreatedAt: at}
	if err := s.GormDB().Create(&ch).Error; err != nil {
		t.Fatal(err)
	}
	for item, v := range items {
		v := v
		a := models.Answer{ID: models.NewID(), CheckinID: ch.ID, Item: item, Value: &v, RawText: "3", Channel: "sms", AnsweredAt: at}
		if err := s.GormDB().Create(&a).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func ip(n int) *int                     { return &n }
func fp(f float64) *float64             { return &f }
func day(t0 time.Time, d int) time.Time { return t0.AddDate(0, 0, d) }

func dayPtr(t0 time.Time, d int) *time.Time { t := day(t0, d); return &t }

func TestStore_ResearchExport(t *testing.T) {
	t0 := time.Date(2026, 1, 12, 9, 0, 0, 0, time.UTC) // a Monday morning in Copenhagen
	now := t0
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		now = t0
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise Brobygger")
		anna := referResearch(t, s, worker, "Anna Forskningsdeltager", "Lægehuset Nørrebro", true, 1950)
		bent := referResearch(t, s, worker, "Bent Trækkersigud", "Lægehuset Nørrebro", true, 1988)
		carl := referResearch(t, s, worker, "Carl Ikkesamtykke", "Lægehuset Vesterbro", false, 1970)
		everyone := []researchPerson{anna, bent, carl}

		// Anna: confirmed on day 2; WHO-5 on days 1 and 3 (day 1 is nearer the target 0),
		// UCLA-3 on day 3; at 3 months WHO-5 on day 85 and day 95 (95 is nearer 91) and the
		// participation level; a WHO-5 on day 150 lies in no window; ONS4 at 9 months.
		must(t, s.UpdateCitizen(ctx, anna.citizen.ID, models.CitizenUpdate{ContactedAt: dayPtr(t0, 1), ContactConfirmedAt: dayPtr(t0, 2)}))
		completeCheckin(t, s, anna.citizen.ID, "who5", day(t0, 1), ip(12), fp(48), nil)
		completeCheckin(t, s, anna.citizen.ID, "who5", day(t0, 3), ip(20), fp(80), nil)
		completeCheckin(t, s, anna.citizen.ID, "ucla3", day(t0, 3), ip(7), fp(7), nil)
		completeCheckin(t, s, anna.citizen.ID, "who5", day(t0, 85), ip(13), fp(52), nil)
		completeCheckin(t, s, anna.citizen.ID, "who5", day(t0, 95), ip(16), fp(64), nil)
		completeCheckin(t, s, anna.citizen.ID, "participation", day(t0, 92), ip(2), fp(2), map[int]int{1: 2})
		completeCheckin(t, s, anna.citizen.ID, "who5", day(t0, 150), ip(25), fp(100), nil)
		completeCheckin(t, s, anna.citizen.ID, "ons4", day(t0, 280), nil, nil, map[int]int{1: 7, 2: 8, 3: 6, 4: 2})
		inbound(t, s, anna.citizen, "JA", day(t0, 2))
		inbound(t, s, anna.citizen, "Tak for sidst, Lise", day(t0, 100))

		now = day(t0, 300) // the 9-month window is open
		pseudo, err := research.NewPseudonymiser(testResearchKey)
		must(t, err)
		exp := models.ResearchExport{Format: research.FormatCSV, Pseudo: pseudo, Location: copenhagen(t)}
		var first bytes.Buffer
		n, err := s.WriteResearchExport(ctx, &first, exp)
		must(t, err)
		if n != 6 {
			t.Fatalf("rows = %d, want 2 consenting citizens x 3 occasions", n)
		}
		assertNoIdentifiers(t, first.String(), everyone)

		recs := readCSV(t, first.String())
		annaID := pseudo.StudyID(anna.citizen.ID)
		base, m3, m9 := rowOf(t, recs, annaID, "baseline"), rowOf(t, recs, annaID, "month3"), rowOf(t, recs, annaID, "month9")
		wantCells(t, base, map[string]string{"who5_raw": "12", "who5_score": "48", "who5_day": "1", "ucla3_score": "7", "ucla3_day": "3",
			"days_to_contact": "2", "age_band": "70-79", "sex": "female", "reason_category": "loneliness", "window_state": "closed", "replies": "1"})
		wantCells(t, m3, map[string]string{"who5_raw": "16", "who5_score": "64", "who5_day": "95", "participation_level": "2",
			"participation_day": "92", "ucla3_score": "", "replies": "2", "window_state": "closed"})
		wantCells(t, m9, map[string]string{"who5_raw": "", "ons4_life_satisfaction": "7", "ons4_anxiety": "2", "ons4_day": "280", "window_state": "open"})
		if base["clinic_code"] == "" || base["clinic_code"] != rowOf(t, recs, pseudo.StudyID(bent.citizen.ID), "baseline")["clinic_code"] {
			t.Errorf("the same clinic should have the same code: %q", base["clinic_code"])
		}
		if rowOf(t, recs, pseudo.StudyID(bent.citizen.ID), "baseline")["age_band"] != "30-39" {
			t.Errorf("Bent's age band is wrong")
		}

		// Bent withdraws by SMS: the next export leaves him out; Anna keeps her study ID.
		w, err := s.WithdrawResearchConsent(ctx, bent.citizen.ID, models.WithdrawnBySMS, nil)
		must(t, err)
		if !w.WithdrawnAt.Equal(now) || w.Source != models.WithdrawnBySMS {
			t.Errorf("withdrawal = %+v", w)
		}
		now = now.Add(time.Hour)
		if again, _ := s.WithdrawResearchConsent(ctx, bent.citizen.ID, models.WithdrawnInApp, nil); !again.WithdrawnAt.Equal(w.WithdrawnAt) || again.Source != models.WithdrawnBySMS {
			t.Errorf("a second withdrawal changed the first: %+v", again)
		}
		var second bytes.Buffer
		exp.Format = research.FormatJSON
		n, err = s.WriteResearchExport(ctx, &second, exp)
		must(t, err)
		if n != 3 {
			t.Fatalf("rows after Bent withdrew = %d, want 3", n)
		}
		assertNoIdentifiers(t, second.String(), everyone)
		if strings.Contains(second.String(), pseudo.StudyID(bent.citizen.ID)) {
			t.Error("the withdrawn citizen is still in the export")
		}
		var doc struct {
			Rows []map[string]any `json:"rows"`
		}
		must(t, json.Unmarshal(second.Bytes(), &doc))
		if len(doc.Rows) != 3 || doc.Rows[0]["study_id"] != annaID || doc.Rows[0]["who5_raw"] != float64(12) || doc.Rows[2]["who5_raw"] != nil {
			t.Errorf("JSON rows = %v", doc.Rows)
		}

		// The filter is on the referral's day.
		later := day(t0, 1)
		var none bytes.Buffer
		exp.Filter = models.ResearchFilter{From: &later}
		if n, err = s.WriteResearchExport(ctx, &none, exp); err != nil || n != 0 {
			t.Errorf("export of later referrals = %d rows, %v", n, err)
		}

		ids, err := s.ResearchIdentities(ctx, models.ResearchFilter{})
		must(t, err)
		if len(ids) != 1 || ids[0].CitizenID != anna.citizen.ID || ids[0].Name != anna.name || ids[0].Email != anna.email {
			t.Errorf("identities = %+v", ids)
		}
	}, models.WithClock(func() time.Time { return now }))
}

func inbound(t *testing.T, s *models.Store, c *models.Citizen, body string, at time.Time) {
	t.Helper()
	m := models.Message{ID: models.NewID(), CitizenID: &c.ID, Phone: c.Phone, Direction: models.Inbound, Body: body,
		Status: "received", CreatedAt: at, UpdatedAt: at}
	must(t, s.GormDB().Create(&m).Error)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}`)

// assertNoIdentifiers scans an export for every name, phone number, e-mail, database ID, clinic
// name and free text that was seeded, and for any calendar date.
func assertNoIdentifiers(t *testing.T, out string, people []researchPerson) {
	t.Helper()
	for _, p := range people {
		for _, secret := range []string{p.name, strings.Fields(p.name)[0], p.citizen.Phone, strings.TrimPrefix(p.citizen.Phone, "+45"),
			p.email, p.citizen.ID, p.referral.ID, p.referral.ReferrerClinic, p.referral.ReferrerName, p.referral.Reason, "Kirsten", "Tak for sidst"} {
			if strings.Contains(out, secret) {
				t.Errorf("the export contains %q", secret)
			}
		}
	}
	if d := isoDate.FindString(out); d != "" {
		t.Errorf("the export contains a calendar date %q", d)
	}
}

func readCSV(t *testing.T, text string) []map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	must(t, err)
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, name := range recs[0] {
			m[name] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func rowOf(t *testing.T, recs []map[string]string, studyID, occasion string) map[string]string {
	t.Helper()
	for _, r := range recs {
		if r["study_id"] == studyID && r["occasion"] == occasion {
			return r
		}
	}
	t.Fatalf("no row for %s at %s", studyID, occasion)
	return nil
}

func wantCells(t *testing.T, row map[string]string, want map[string]string) {
	t.Helper()
	for col, v := range want {
		if row[col] != v {
			t.Errorf("%s at %s: %s = %q, want %q", row["study_id"], row["occasion"], col, row[col], v)
		}
	}
}
