package research

import (
	"math"
	"strconv"
	"time"
)

// Build turns subjects into rows: one per subject and occasion, in the subjects' order. now is
// the export's moment (window states, and engagement is counted up to it); loc is the site's
// time zone, in which days are counted.
func Build(subjects []Subject, p *Pseudonymiser, now time.Time, loc *time.Location) []Row {
	rows := make([]Row, 0, len(subjects)*len(Occasions()))
	for i := range subjects {
		for _, o := range Occasions() {
			rows = append(rows, buildRow(&subjects[i], o, p, now, loc))
		}
	}
	return rows
}

func buildRow(s *Subject, o Occasion, p *Pseudonymiser, now time.Time, loc *time.Location) Row {
	r := Row{StudyID: p.StudyID(s.CitizenID), Occasion: o, WindowState: o.state(s.ReferredAt, now, loc),
		AgeBand: ageBand(s.BirthYear, s.ReferredAt.In(loc).Year()), Sex: s.Sex, ReasonCategory: s.ReasonCategory,
		ClinicCode: p.clinicCode(s.Clinic)}
	if s.ContactConfirmedAt != nil {
		d := max(0, daysSince(s.ReferredAt, *s.ContactConfirmedAt, loc))
		r.DaysToContact = &d
	}
	day := func(t time.Time) int { return daysSince(s.ReferredAt, t, loc) }
	if m, d, ok := nearest(s.Measurements, InstrumentWHO5, o, day); ok && m.Raw != nil {
		score := *m.Raw * 4
		if m.Score != nil {
			score = int(math.Round(*m.Score))
		}
		r.WHO5Raw, r.WHO5Score, r.WHO5Day, r.WHO5Version = m.Raw, &score, &d, m.Version
	}
	if m, d, ok := nearest(s.Measurements, InstrumentUCLA3, o, day); ok && m.Raw != nil {
		r.UCLA3Score, r.UCLA3Day, r.UCLA3Version = m.Raw, &d, m.Version
	}
	if m, d, ok := nearest(s.Measurements, InstrumentParticipation, o, day); ok {
		if v, answered := m.Items[1]; answered {
			r.Participation, r.ParticipationDay, r.ParticipationVersion = &v, &d, m.Version
		}
	}
	if m, d, ok := nearest(s.Measurements, InstrumentONS4, o, day); ok {
		for item := 1; item <= 4; item++ {
			if v, answered := m.Items[item]; answered {
				r.ONS4[item-1] = &v
			}
		}
		r.ONS4Day, r.ONS4Version = &d, m.Version
	}
	countEngagement(&r, s, o, now, day)
	return r
}

// nearest picks the instrument's measurement in the occasion's window nearest its target day;
// of two equally near, the earlier (an answer given before the target was not prompted by the
// researcher's reminder, and the earlier one is the one the protocol asked for first).
func nearest(ms []Measurement, instrument string, o Occasion, day func(time.Time) int) (Measurement, int, bool) {
	var best Measurement
	bestDay, found := 0, false
	for _, m := range ms {
		if m.Instrument != instrument {
			continue
		}
		d := day(m.At)
		if !o.contains(d) {
			continue
		}
		if !found || o.distance(d) < o.distance(bestDay) || (o.distance(d) == o.distance(bestDay) && m.At.Before(best.At)) {
			best, bestDay, found = m, d, true
		}
	}
	return best, bestDay, found
}

// countEngagement counts the citizen's SMS and follow-up answers from the referral to the end of
// the occasion's window, or to now when that is earlier.
func countEngagement(r *Row, s *Subject, o Occasion, now time.Time, day func(time.Time) int) {
	inPeriod := func(t time.Time) bool { return !t.After(now) && day(t) <= o.WindowEnd }
	for _, t := range s.Replies {
		if inPeriod(t) {
			r.Replies++
		}
	}
	for _, f := range s.Followups {
		if inPeriod(f.On) {
			r.FollowupsAsked++
			if f.Attended {
				r.FollowupsAttended++
			}
		}
	}
}

// ageBand is the age band in the referral year from the year of birth alone; "" when it is not
// recorded.
func ageBand(birthYear *int, referralYear int) string {
	if birthYear == nil {
		return ""
	}
	age := referralYear - *birthYear
	switch {
	case age < 18:
		return "under_18"
	case age < 30:
		return "18-29"
	case age >= 80:
		return "80+"
	}
	lo := age / 10 * 10
	return strconv.Itoa(lo) + "-" + strconv.Itoa(lo+9)
}
