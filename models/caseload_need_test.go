package models_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestFlagDueCutoffs: a high flag is due by the end of its working day, others by the end of the
// second; weekends and public holidays are not working days.
func TestFlagDueCutoffs(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name        string
		now         time.Time
		high, other time.Time
	}{
		{"Wednesday", day(2026, 11, 25).Add(10 * time.Hour), day(2026, 11, 25), day(2026, 11, 24)},
		{"Monday looks back over the weekend", day(2026, 11, 23).Add(10 * time.Hour), day(2026, 11, 21), day(2026, 11, 20)},
		{"Tuesday", day(2026, 11, 24).Add(time.Hour), day(2026, 11, 24), day(2026, 11, 21)},
		// 24–26 December: juleaftensdag is a customary closed day only when the site says so;
		// 25 and 26 are public holidays, 27 is a Sunday, so on Monday 28 the last working day
		// is Thursday 24 and the one before it Wednesday 23.
		{"after Christmas", day(2026, 12, 28).Add(9 * time.Hour), day(2026, 12, 25), day(2026, 12, 24)},
	} {
		high, other := models.FlagDueCutoffs(tc.now, models.SendWindow{})
		if !high.Equal(tc.high) || !other.Equal(tc.other) {
			t.Errorf("%s: cutoffs %s / %s, want %s / %s", tc.name, high, other, tc.high, tc.other)
		}
	}
}

// TestStore_Caseload_NeedSort: urgent flags first, then overdue flags, then red, then amber, then
// the rest; pages of two walk the same order, and the other sorts still work.
func TestStore_Caseload_NeedSort(t *testing.T) {
	clock := &fakeClock{}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		clock.t = time.Date(2026, 11, 19, 10, 0, 0, 0, time.UTC) // a Thursday
		w := storetest.LinkWorker(t, s, "Lise")
		other := storetest.LinkWorker(t, s, "Mads")
		citizen := func() string { return storetest.Citizen(t, s, w, models.LangDA).ID }
		flag := func(id string, sev models.Severity) {
			if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &id, Kind: models.FlagFreeText, Severity: sev, Reason: "test"}); err != nil {
				t.Fatal(err)
			}
		}
		highOld, normalOld := citizen(), citizen()
		flag(highOld, models.SeverityHigh)     // Thursday: due Thursday evening
		flag(normalOld, models.SeverityNormal) // Thursday: due Friday evening
		clock.Advance(24 * time.Hour)
		normalFriday := citizen()
		flag(normalFriday, models.SeverityNormal) // Friday: due Monday evening
		clock.t = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		urgent, highToday, paused, drifting, calm := citizen(), citizen(), citizen(), citizen(), citizen()
		flag(urgent, models.SeverityUrgent)
		flag(highToday, models.SeverityHigh)
		now := clock.Now()
		if err := s.UpdateCitizen(ctx, paused, models.CitizenUpdate{PausedAt: &now}); err != nil {
			t.Fatal(err)
		}
		if err := setStatus(s, drifting, models.StatusDrifting); err != nil {
			t.Fatal(err)
		}
		storetest.Citizen(t, s, other, models.LangDA) // not on w's caseload

		byID := func(ids ...string) []string { slices.Sort(ids); return ids }
		want := slices.Concat([]string{urgent}, byID(highOld, normalOld), []string{paused},
			byID(normalFriday, highToday, drifting), []string{calm})
		q := models.CaseloadQuery{WorkerID: w.ID, Sort: "need", Limit: 2}
		var got []string
		var ranks []models.NeedRank
		for {
			page, err := s.Caseload(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range page.Rows {
				got, ranks = append(got, r.ID), append(ranks, r.NeedRank)
			}
			if page.NextCursor == "" {
				break
			}
			q.Cursor = page.NextCursor
		}
		if !slices.Equal(got, want) {
			t.Fatalf("need order\n got %v\nwant %v (ranks %v)", got, want, ranks)
		}
		if !slices.Equal(ranks, []models.NeedRank{0, 1, 1, 2, 3, 3, 3, 4}) {
			t.Errorf("ranks %v", ranks)
		}
		// The whole site (an admin) is ranked by a join rather than probes: the same order, the
		// same ranks and flag counts, paged the same way.
		scoped, _ := s.Caseload(ctx, models.CaseloadQuery{WorkerID: w.ID, Sort: "need"})
		site := models.CaseloadQuery{Sort: "need", Limit: 2}
		var siteRows []models.CaseloadRow
		for {
			page, err := s.Caseload(ctx, site)
			if err != nil {
				t.Fatal(err)
			}
			siteRows = append(siteRows, page.Rows...)
			if page.NextCursor == "" {
				break
			}
			site.Cursor = page.NextCursor
		}
		siteRows = slices.DeleteFunc(siteRows, func(r models.CaseloadRow) bool { return r.LinkWorkerID != w.ID })
		if len(siteRows) != len(scoped.Rows) {
			t.Fatalf("site rows %d, scoped %d", len(siteRows), len(scoped.Rows))
		}
		for i, r := range siteRows {
			sr := scoped.Rows[i]
			if r.ID != sr.ID || r.NeedRank != sr.NeedRank || r.OpenFlags != sr.OpenFlags || r.UrgentFlags != sr.UrgentFlags {
				t.Errorf("row %d: site %+v, scoped %+v", i, r, sr)
			}
		}
		if _, err := s.Caseload(ctx, models.CaseloadQuery{WorkerID: w.ID, Sort: "need", Cursor: q.Cursor, Limit: 2}); err != nil {
			t.Fatalf("a need cursor: %v", err)
		}
		created, err := s.Caseload(ctx, models.CaseloadQuery{WorkerID: w.ID, Sort: "created"})
		if err != nil || len(created.Rows) != 8 || created.Rows[0].ID != calm || created.Rows[0].NeedRank != models.NeedNone {
			t.Fatalf("created sort: %v %+v", err, created.Rows)
		}
		created.NextCursor = ""
		two, _ := s.Caseload(ctx, models.CaseloadQuery{WorkerID: w.ID, Sort: "created", Limit: 2})
		if _, err := s.Caseload(ctx, models.CaseloadQuery{Sort: "need", Cursor: two.NextCursor}); models.ErrorCode(err) != models.EINVALID {
			t.Errorf("a created cursor on the need sort: %v", err)
		}
	}, models.WithClock(clock.Now))
}

// TestStore_Caseload_SearchAndCounts: a name in any case (Æ, Ø, Å too), a phone number in any
// common writing, and status counts over the whole caseload whatever the page shows.
func TestStore_Caseload_SearchAndCounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := storetest.LinkWorker(t, s, "Lise")
		other := storetest.LinkWorker(t, s, "Mads")
		refer := func(worker *models.Staff, name, phone string) string {
			c, _, err := s.CreateReferral(ctx, models.NewReferral{Name: name, Phone: phone, LinkWorkerID: worker.ID,
				ConsentContact: true, ConsentData: true})
			if err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		soren := refer(w, "Søren Ørsted", "+4520123456")
		anna := refer(w, "Anna 50% Åberg", "20304050")
		refer(other, "Søren Andersen", "+4529876543")
		if err := setStatus(s, anna, models.StatusEngaged); err != nil {
			t.Fatal(err)
		}
		for search, want := range map[string][]string{
			"ørsted": {soren}, "SØREN": {soren}, "søren ø": {soren}, "åb": {anna}, "50%": {anna}, "5_%": nil,
			"+45 20 12 34 56": {soren}, "20123456": {soren}, "12 34": {soren}, "0045 2030 4050": {anna},
			"2030-4050": {anna}, "29876543": nil, "nobody": nil,
		} {
			page, err := s.Caseload(ctx, models.CaseloadQuery{WorkerID: w.ID, Search: search, Sort: "need"})
			if err != nil {
				t.Fatalf("%q: %v", search, err)
			}
			var got []string
			for _, r := range page.Rows {
				got = append(got, r.ID)
			}
			if !slices.Equal(got, want) {
				t.Errorf("search %q: got %v, want %v", search, got, want)
			}
		}
		counts, err := s.CaseloadCounts(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != 2 || counts[models.StatusReferred] != 1 || counts[models.StatusEngaged] != 1 {
			t.Errorf("worker counts %v", counts)
		}
		all, _ := s.CaseloadCounts(ctx, "")
		if all[models.StatusReferred] != 2 {
			t.Errorf("site counts %v", all)
		}
	})
}

// setStatus puts a citizen in a status directly, as the engagement job would after days of
// messages, so the caseload's order can be tested without them.
func setStatus(s *models.Store, citizenID string, status models.CitizenStatus) error {
	return s.GormDB().Model(&models.Citizen{}).Where("id = ?", citizenID).Update("status", status).Error
}
