package models_test

import (
	"context"
	"fmt"
	"maps"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/report"
	"brobygger/models/storetest"
)

// reportCaseload builds a known caseload of ten citizens referred in January and February 2026
// (and one in April, outside the period), and returns the period January–March.
//
//	c0–c6 Lægehuset A in January (c0 at 00:30 on 1 January in Copenhagen, still 31 December
//	in UTC); c7–c9 Lægehuset B in February; c10 Lægehuset C in April.
//	Born: c0 1966 (60 in the referral year, counted locally), c1–c4 1950, c5–c7 1990, c8–c9 not recorded.
//	Contacted 2 h after the referral (c8 after 26 h); c0–c4 confirmed 24 h after the referral,
//	c5–c6 after 72 h. Engaged: c0–c4 by an activity 48 h after confirming, c5 by an answered
//	check-in 24 h after; c6 not. c7's number is invalid, c8 never got SMS, c6 said STOP, c4
//	completed and then said STOP (no ending), c9's referral was declined by the link worker.
//	WHO-5 (raw) at day 1: 10+i for c0–c6; at day 91: 14+i for c0–c4, and c5 at day 95 (19) with
//	a decoy at day 85 and one at day 150 in no window; at day 273: 20 for c0–c2 only. UCLA-3 raw
//	7 at day 1 and 5 at day 91 for c0–c4.
func reportCaseload(t *testing.T, s *models.Store, setNow func(time.Time)) models.ReportPeriod {
	t.Helper()
	ctx := context.Background()
	worker := storetest.LinkWorker(t, s, "Lise Brobygger")
	strik := models.Offer{Title: "Strikkecafé", Organisation: "Frivilligcenter", AddressLine: "Hovedgaden 1", Active: true}
	kor := models.Offer{Title: "Kor for alle", Organisation: "Frivilligcenter", AddressLine: "Hovedgaden 1", Active: true}
	must(t, s.CreateOffer(ctx, &strik))
	must(t, s.CreateOffer(ctx, &kor))
	jan := time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC)
	feb := time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)
	born := []int{1966, 1950, 1950, 1950, 1950, 1990, 1990, 1990, 0, 0, 1950}
	h := func(t0 time.Time, hours int) *time.Time { x := t0.Add(time.Duration(hours) * time.Hour); return &x }
	var cs []*models.Citizen
	var refs []*models.Referral
	for i := range 11 {
		at, clinic := jan.Add(time.Duration(i)*time.Hour), "Lægehuset A"
		if i >= 7 {
			at, clinic = feb.Add(time.Duration(i)*time.Hour), "Lægehuset B"
		}
		if i == 10 {
			at, clinic = time.Date(2026, 4, 2, 9, 0, 0, 0, time.UTC), "Lægehuset C"
		}
		setNow(at)
		prof := models.ReferralProfile{}
		if born[i] != 0 {
			prof.BirthYear = &born[i]
		}
		c, r, err := s.CreateReferral(ctx, models.NewReferral{Name: fmt.Sprintf("Borger %d", i), Phone: storetest.NextPhone(),
			Language: models.LangDA, LinkWorkerID: worker.ID, ReferrerName: "Dr. Berg", ReferrerClinic: clinic, Reason: "Ensom",
			ConsentContact: true, ConsentData: true, ReferralProfile: prof})
		must(t, err)
		cs, refs = append(cs, c), append(refs, r)
		ref := c.CreatedAt
		if i <= 8 || i == 10 {
			contacted := 2
			if i == 8 {
				contacted = 26
			}
			must(t, s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{ContactedAt: h(ref, contacted)}))
		}
		switch {
		case i <= 4 || i == 10:
			must(t, s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{ContactConfirmedAt: h(ref, 24)}))
		case i <= 6:
			must(t, s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{ContactConfirmedAt: h(ref, 72)}))
		}
		if i <= 4 || i == 10 {
			setNow(*h(ref, 72))
			must(t, s.CreatePrescription(ctx, &models.Prescription{CitizenID: c.ID, OfferID: strik.ID, Weekday: 2, StartTime: "14:00",
				EndTime: "16:00", StartsOn: ref}))
		}
		if i <= 1 {
			must(t, s.CreatePrescription(ctx, &models.Prescription{CitizenID: c.ID, OfferID: kor.ID, Weekday: 4, StartTime: "19:00",
				EndTime: "21:00", StartsOn: ref}))
		}
	}
	// c5 is engaged by answering a check-in 24 h after confirming (day 4).
	completeCheckin(t, s, cs[5].ID, "ucla3", *h(cs[5].CreatedAt, 96), ip(6), fp(6), map[int]int{1: 2, 2: 2, 3: 2})
	for i := 0; i <= 6; i++ {
		ref := cs[i].CreatedAt
		completeCheckin(t, s, cs[i].ID, "who5", day(ref, 1), ip(10+i), nil, nil)
	}
	for i := 0; i <= 4; i++ {
		ref := cs[i].CreatedAt
		completeCheckin(t, s, cs[i].ID, "who5", day(ref, 91), ip(14+i), nil, nil)
		completeCheckin(t, s, cs[i].ID, "ucla3", day(ref, 1), ip(7), nil, nil)
		completeCheckin(t, s, cs[i].ID, "ucla3", day(ref, 91), ip(5), nil, nil)
		if i <= 2 {
			completeCheckin(t, s, cs[i].ID, "who5", day(ref, 273), ip(20), nil, nil)
		}
	}
	// c5's 3-month WHO-5: day 95 is nearer day 91 than the decoy on day 85; day 150 is in no window.
	completeCheckin(t, s, cs[5].ID, "who5", day(cs[5].CreatedAt, 85), ip(0), nil, nil)
	completeCheckin(t, s, cs[5].ID, "who5", day(cs[5].CreatedAt, 95), ip(19), nil, nil)
	completeCheckin(t, s, cs[5].ID, "who5", day(cs[5].CreatedAt, 150), ip(25), nil, nil)
	// c10, outside the period, has a full pair that must not count.
	completeCheckin(t, s, cs[10].ID, "who5", day(cs[10].CreatedAt, 1), ip(25), nil, nil)
	completeCheckin(t, s, cs[10].ID, "who5", day(cs[10].CreatedAt, 91), ip(0), nil, nil)

	stop := models.OptOutBySMS
	must(t, s.UpdateCitizen(ctx, cs[7].ID, models.CitizenUpdate{PhoneInvalidAt: h(cs[7].CreatedAt, 3)}))
	must(t, s.UpdateCitizen(ctx, cs[8].ID, models.CitizenUpdate{UnreachableAt: h(cs[8].CreatedAt, 100)}))
	must(t, s.UpdateCitizen(ctx, cs[6].ID, models.CitizenUpdate{OptedOutAt: h(cs[6].CreatedAt, 100), OptOutSource: &stop}))
	must(t, s.UpdateCitizen(ctx, cs[4].ID, models.CitizenUpdate{CompletedAt: h(cs[4].CreatedAt, 2000), OptedOutAt: h(cs[4].CreatedAt, 2100), OptOutSource: &stop}))
	_, err := s.TransitionReferral(ctx, refs[9], models.ReferralTransition{To: models.ReferralDeclined, Note: "Bor uden for kommunen"}, worker.ID)
	must(t, err)

	p, err := models.ParseReportPeriod("2026-01-01", "2026-03-31", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), copenhagen(t))
	must(t, err)
	return p
}

func TestStore_ReportFigures(t *testing.T) {
	var now time.Time
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		p := reportCaseload(t, s, func(t time.Time) { now = t })
		f, err := s.ReportFigures(context.Background(), p)
		must(t, err)

		wantMonths := []report.MonthFigure{{Month: "2026-01", Referrals: 7}, {Month: "2026-02", Referrals: 3}, {Month: "2026-03", Referrals: 0}}
		if fmt.Sprint(f.Months) != fmt.Sprint(wantMonths) {
			t.Errorf("months = %v", f.Months)
		}
		if fmt.Sprint(f.Clinics) != "[{Lægehuset A 7} {Lægehuset B 3}]" {
			t.Errorf("clinics = %v", f.Clinics)
		}
		if f.Aged60Plus != 5 || f.Under60 != 3 || f.AgeUnknown != 2 {
			t.Errorf("age = %d 60+, %d under 60, %d unknown", f.Aged60Plus, f.Under60, f.AgeUnknown)
		}
		if f.Referred != 10 || f.Contacted != 9 || f.Confirmed != 7 || f.Engaged != 6 {
			t.Errorf("path = %d %d %d %d", f.Referred, f.Contacted, f.Confirmed, f.Engaged)
		}
		wantHist := map[string][2]report.Histogram{
			"referred→contacted":  {f.ReferredToContacted, {2: 8, 26: 1}},
			"contacted→confirmed": {f.ContactedToConfirmed, {22: 5, 70: 2}},
			"confirmed→engaged":   {f.ConfirmedToEngaged, {48: 5, 24: 1}},
		}
		for name, h := range wantHist {
			if !maps.Equal(h[0], h[1]) {
				t.Errorf("%s hours = %v, want %v", name, h[0], h[1])
			}
		}
		if len(f.Offers) != 2 || fmt.Sprint(f.Offers) != fmt.Sprintf("[{%s Strikkecafé 5 5} {%s Kor for alle 2 2}]", f.Offers[0].OfferID, f.Offers[1].OfferID) {
			t.Errorf("offers = %v", f.Offers)
		}
		wantEndings := "[{unreachable phone_invalid 1} {unreachable no_delivery 1} {unreachable closed_unreachable 0} " +
			"{declined not_accepted 1} {declined declined_by_sms 0} {declined opted_out 1} {declined closed_declined 0}]"
		if fmt.Sprint(f.Endings) != wantEndings {
			t.Errorf("endings = %v", f.Endings)
		}
		// WHO-5 (score = raw × 4): c0–c4 10..14 → 14..18 and c5 15 → 19 (day 95, not the decoy):
		// baseline mean 4 × 12.5 = 50, 3 months 4 × 16.5 = 66. At 9 months only c0–c2.
		want := map[string]report.Paired{
			"who5/month3":  {N: 6, SumBefore: 4 * (10 + 11 + 12 + 13 + 14 + 15), SumAfter: 4 * (14 + 15 + 16 + 17 + 18 + 19)},
			"who5/month9":  {N: 3, SumBefore: 4 * (10 + 11 + 12), SumAfter: 4 * 60},
			"ucla3/month3": {N: 5, SumBefore: 35, SumAfter: 25},
			"ucla3/month9": {},
		}
		for _, o := range f.Outcomes {
			if w := want[o.Instrument+"/"+o.Occasion]; o.Paired != w {
				t.Errorf("%s %s = %+v, want %+v", o.Instrument, o.Occasion, o.Paired, w)
			}
		}

		r := report.Build(f, p.FromDate, p.ToDate, now)
		if b, a, c, _ := f.Outcomes[0].Paired.Means(); b != 50 || a != 66 || c != 16 || r.Outcomes[0].Suppressed {
			t.Errorf("who5 3 months = %v → %v (%v)", b, a, c)
		}
		if !r.Outcomes[1].Suppressed || r.Outcomes[1].BaselineMean != nil {
			t.Errorf("three pairs at 9 months are shown: %+v", r.Outcomes[1])
		}
		if *r.PathTimes[0].MedianDays != 0.1 || *r.PathTimes[1].MedianDays != 0.9 || *r.PathTimes[2].MedianDays != 2 {
			t.Errorf("medians = %+v", r.PathTimes)
		}
		if *r.Referrals != 10 || !r.ByMonth[1].Suppressed || !r.ByMonth[0].Suppressed || r.ByMonth[2].Suppressed {
			t.Errorf("months = %+v", r.ByMonth)
		}
	}, models.WithClock(func() time.Time { return now }))
}

func TestParseReportPeriod(t *testing.T) {
	loc := copenhagen(t)
	now := time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)
	p, err := models.ParseReportPeriod("", "", now, loc)
	if err != nil || p.FromDate != "2026-01-01" || p.ToDate != "2026-12-05" || !p.To.Equal(time.Date(2026, 12, 5, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("default period = %+v %v", p, err)
	}
	for _, bad := range [][2]string{{"2026-13-01", ""}, {"", "5/12/2026"}, {"2026-03-01", "2026-02-01"}, {"2000-01-01", "2026-01-01"}} {
		if _, err := models.ParseReportPeriod(bad[0], bad[1], now, loc); !models.IsCode(err, models.EINVALID) {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
