package models

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"brobygger/models/report"
	"brobygger/models/research"
)

// ReportFigures gathers the commissioner's report for the citizens referred in the period.
// Counts, the age split, the offers and the endings are GROUP BY queries, and the times between
// steps come back as histograms of whole hours, so no query returns a row per citizen. Only the
// paired scores read rows: the WHO-5 and UCLA-3 answers of the cohort, streamed in citizen
// order, because the research export's occasions count local calendar days (which SQLite
// cannot compute in a time zone) and the report must pick the same answers as the export.
func (s *Store) ReportFigures(ctx context.Context, p ReportPeriod) (report.Figures, error) {
	var f report.Figures
	steps := []func(context.Context, ReportPeriod, *report.Figures) error{
		s.reportReferrals, s.reportPath, s.reportOffers, s.reportEndings, s.reportOutcomes,
	}
	for _, step := range steps {
		if err := step(ctx, p, &f); err != nil {
			return f, fmt.Errorf("report: %w", err)
		}
	}
	return f, nil
}

// reportReferrals counts referrals by local month and clinic in one query, with the age split:
// age is the referral year (the month's, in the site's zone) minus the year of birth, as the
// research export's age bands count it.
func (s *Store) reportReferrals(ctx context.Context, p ReportPeriod, f *report.Figures) error {
	months := p.months()
	ts := s.sql.TimestampType()
	var parts []string
	var args []any
	for _, m := range months {
		parts = append(parts, "SELECT CAST(? AS TEXT) AS k, CAST(? AS INTEGER) AS y, CAST(? AS "+ts+") AS s, CAST(? AS "+ts+") AS e")
		args = append(args, m.Key, m.Year, m.Start, m.End)
	}
	var rows []struct {
		Month, Clinic      string
		N, Aged60, Unknown int
	}
	// A referral received by MedCom counts under its clinic's name in the clinic register (issue
	// 19), so an admin's correction of the name applies to the report too.
	clinic := "COALESCE(k.name, r.referrer_clinic)"
	err := s.q(ctx).Raw(`SELECT m.k AS month, `+clinic+` AS clinic, COUNT(*) AS n,
		SUM(CASE WHEN r.birth_year IS NOT NULL AND m.y - r.birth_year >= 60 THEN 1 ELSE 0 END) AS aged60,
		SUM(CASE WHEN r.birth_year IS NULL THEN 1 ELSE 0 END) AS unknown
		FROM referrals AS r JOIN (`+strings.Join(parts, " UNION ALL ")+`) AS m ON r.created_at >= m.s AND r.created_at < m.e
		LEFT JOIN medcom_referrals AS mr ON mr.referral_id = r.id LEFT JOIN clinics AS k ON k.id = mr.clinic_id
		GROUP BY m.k, `+clinic+` ORDER BY m.k, `+clinic, args...).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("referrals: %w", err)
	}
	byMonth := map[string]int{}
	byClinic := map[string]int{}
	var clinics []string
	for _, r := range rows {
		byMonth[r.Month] += r.N
		if _, seen := byClinic[r.Clinic]; !seen {
			clinics = append(clinics, r.Clinic)
		}
		byClinic[r.Clinic] += r.N
		f.Aged60Plus += r.Aged60
		f.AgeUnknown += r.Unknown
		f.Under60 += r.N - r.Aged60 - r.Unknown
	}
	for _, m := range months {
		f.Months = append(f.Months, report.MonthFigure{Month: m.Key, Referrals: byMonth[m.Key]})
	}
	for _, c := range sortedByCount(clinics, byClinic) {
		f.Clinics = append(f.Clinics, report.ClinicFigure{Clinic: c, Referrals: byClinic[c]})
	}
	return nil
}

// sortedByCount orders names by count, largest first, then by name.
func sortedByCount(names []string, n map[string]int) []string {
	out := slices.Clone(names)
	slices.SortFunc(out, func(a, b string) int {
		if c := cmp.Compare(n[b], n[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return out
}

// cohortSQL is the cohort with each citizen's steps: contacted (the contact SMS went, or they
// confirmed without it), confirmed (replied JA), and engaged, as the caseload's status derives
// it: the first activity agreed or the first check-in answered, whichever came first. The two
// firsts are correlated subqueries on the citizen's own rows (indexed by citizen_id), so only the
// cohort's prescriptions, check-ins and answers are read.
const cohortSQL = `SELECT referred_at, COALESCE(contacted_at, contact_confirmed_at) AS contacted_at, contact_confirmed_at AS confirmed_at,
	CASE WHEN contact_confirmed_at IS NULL THEN NULL ELSE
		CASE WHEN rx_t IS NULL THEN ans_t WHEN ans_t IS NULL THEN rx_t WHEN rx_t < ans_t THEN rx_t ELSE ans_t END END AS engaged_at
	FROM (SELECT r.created_at AS referred_at, c.contacted_at, c.contact_confirmed_at,
		(SELECT MIN(p.created_at) FROM prescriptions AS p WHERE p.citizen_id = c.id) AS rx_t,
		(SELECT MIN(a.answered_at) FROM checkins AS k JOIN answers AS a ON a.checkin_id = k.id
			WHERE k.citizen_id = c.id AND a.value IS NOT NULL) AS ans_t
		FROM referrals AS r JOIN citizens AS c ON c.id = r.citizen_id WHERE r.created_at >= @from AND r.created_at < @to) AS x`

func (p ReportPeriod) args() map[string]any {
	return map[string]any{"from": p.From.UTC(), "to": p.To.UTC()}
}

// reportPath counts the citizens at each step and builds the hour histograms between steps, in
// one pass over the cohort: each citizen meets four step rows ("all", and the three intervals),
// and GROUP BY gives one row per (step, whole hours), however many citizens. Every confirmed
// citizen counts as contacted and only a confirmed one as engaged, so each interval's count is
// also its step's count.
func (s *Store) reportPath(ctx context.Context, p ReportPeriod, f *report.Figures) error {
	h := func(step, a, b string) string {
		return "WHEN st.step = '" + step + "' AND " + a + " IS NOT NULL AND " + b + " IS NOT NULL THEN " + s.sql.HoursBetween(a, b)
	}
	var rows []struct {
		Step string
		H, N int
	}
	// MATERIALIZED: the cohort (and its correlated subqueries) is computed once, not once per step.
	err := s.q(ctx).Raw(`WITH co AS MATERIALIZED (`+cohortSQL+`)
		SELECT step, h, COUNT(*) AS n FROM (
		SELECT st.step, CASE WHEN st.step = 'all' THEN 0 `+h("rc", "co.referred_at", "co.contacted_at")+` `+
		h("cc", "co.contacted_at", "co.confirmed_at")+` `+h("ce", "co.confirmed_at", "co.engaged_at")+` END AS h
		FROM co CROSS JOIN (SELECT 'all' AS step UNION ALL SELECT 'rc' UNION ALL SELECT 'cc' UNION ALL SELECT 'ce') AS st) AS d
		WHERE h IS NOT NULL GROUP BY step, h`, p.args()).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("path: %w", err)
	}
	f.ReferredToContacted, f.ContactedToConfirmed, f.ConfirmedToEngaged = report.Histogram{}, report.Histogram{}, report.Histogram{}
	for _, r := range rows {
		h := max(0, r.H) // a step recorded before the one it follows counts as at once
		switch r.Step {
		case "all":
			f.Referred += r.N
		case "rc":
			f.ReferredToContacted[h] += r.N
		case "cc":
			f.ContactedToConfirmed[h] += r.N
		case "ce":
			f.ConfirmedToEngaged[h] += r.N
		}
	}
	f.Contacted, f.Confirmed, f.Engaged = f.ReferredToContacted.N(), f.ContactedToConfirmed.N(), f.ConfirmedToEngaged.N()
	return nil
}

// reportOffers counts the cohort's prescriptions per offer, and the citizens behind them.
func (s *Store) reportOffers(ctx context.Context, p ReportPeriod, f *report.Figures) error {
	var rows []struct {
		ID, Title               string
		Citizens, Prescriptions int
	}
	err := s.q(ctx).Raw(`SELECT o.id, o.title, COUNT(DISTINCT pr.citizen_id) AS citizens, COUNT(*) AS prescriptions
		FROM prescriptions AS pr JOIN offers AS o ON o.id = pr.offer_id JOIN referrals AS r ON r.citizen_id = pr.citizen_id
		WHERE r.created_at >= @from AND r.created_at < @to
		GROUP BY o.id, o.title ORDER BY prescriptions DESC, o.title, o.id`, p.args()).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("offers: %w", err)
	}
	for _, r := range rows {
		f.Offers = append(f.Offers, report.OfferFigure{OfferID: r.ID, Title: r.Title, Citizens: r.Citizens, Prescriptions: r.Prescriptions})
	}
	return nil
}

// reportEnding gives each citizen of the cohort at most one ending, the first that applies: the
// link worker declined the referral; the number was invalid; SMS stopped arriving; the citizen
// said no by SMS; said STOP; or the link worker closed the referral as unreachable or declined.
// A completed course has no ending here, whatever came after.
const reportEnding = `CASE
	WHEN r.status = 'declined' THEN 'declined:not_accepted'
	WHEN c.completed_at IS NOT NULL THEN NULL
	WHEN c.phone_invalid_at IS NOT NULL THEN 'unreachable:phone_invalid'
	WHEN c.unreachable_at IS NOT NULL THEN 'unreachable:no_delivery'
	WHEN c.declined_at IS NOT NULL THEN 'declined:declined_by_sms'
	WHEN c.opted_out_at IS NOT NULL THEN 'declined:opted_out'
	WHEN r.close_reason = 'unreachable' THEN 'unreachable:closed_unreachable'
	WHEN r.close_reason = 'declined' THEN 'declined:closed_declined'
	END`

// reportEndings counts the endings by reason; every reason is listed, zero too.
func (s *Store) reportEndings(ctx context.Context, p ReportPeriod, f *report.Figures) error {
	var rows []struct {
		Ending string
		N      int
	}
	err := s.q(ctx).Raw(`SELECT ending, COUNT(*) AS n FROM (SELECT `+reportEnding+` AS ending
		FROM referrals AS r JOIN citizens AS c ON c.id = r.citizen_id WHERE r.created_at >= @from AND r.created_at < @to) AS e
		WHERE ending IS NOT NULL GROUP BY ending`, p.args()).Scan(&rows).Error
	if err != nil {
		return fmt.Errorf("endings: %w", err)
	}
	n := map[string]int{}
	for _, r := range rows {
		n[r.Ending] = r.N
	}
	for _, reason := range report.UnreachableReasons {
		f.Endings = append(f.Endings, report.EndingFigure{Outcome: "unreachable", Reason: reason, Count: n["unreachable:"+reason]})
	}
	for _, reason := range report.DeclinedReasons {
		f.Endings = append(f.Endings, report.EndingFigure{Outcome: "declined", Reason: reason, Count: n["declined:"+reason]})
	}
	return nil
}

// reportOutcomes pairs each citizen's baseline WHO-5 and UCLA-3 with their 3- and 9-month ones,
// choosing each occasion's answer as the research export does (research.Pick). SQL keeps only the
// answers that can fall in an occasion's window (elapsed days with two days' margin, since the
// windows count local calendar days), and they are streamed in citizen order, so memory holds
// one citizen at a time.
func (s *Store) reportOutcomes(ctx context.Context, p ReportPeriod, f *report.Figures) error {
	var windows []string
	for _, o := range research.Occasions() {
		windows = append(windows, fmt.Sprintf("(%s BETWEEN %d AND %d)", s.sql.DaysBetween("r.created_at", "k.completed_at"), o.WindowStart-2, o.WindowEnd+2))
	}
	rows, err := s.q(ctx).Raw(`SELECT k.citizen_id, r.created_at, k.instrument, k.completed_at, k.raw, k.score
		FROM referrals AS r JOIN checkins AS k ON k.citizen_id = r.citizen_id
		WHERE r.created_at >= @from AND r.created_at < @to AND k.status = @completed AND k.completed_at IS NOT NULL
		AND k.instrument IN @instruments AND (`+strings.Join(windows, " OR ")+`) ORDER BY k.citizen_id`,
		map[string]any{"from": p.From.UTC(), "to": p.To.UTC(), "completed": CheckinCompleted,
			"instruments": []string{research.InstrumentWHO5, research.InstrumentUCLA3}}).Rows()
	if err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	defer rows.Close()
	pairs := newOutcomePairs()
	var current string
	var referredAt time.Time
	var ms []research.Measurement
	for rows.Next() {
		var id, instrument string
		var m research.Measurement
		var refAt time.Time
		if err := rows.Scan(&id, &refAt, &instrument, &m.At, &m.Raw, &m.Score); err != nil {
			return fmt.Errorf("outcomes: %w", err)
		}
		if id != current {
			pairs.add(ms, referredAt, p.Location)
			current, referredAt, ms = id, refAt.UTC(), ms[:0]
		}
		m.Instrument, m.At = instrument, m.At.UTC()
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("outcomes: %w", err)
	}
	pairs.add(ms, referredAt, p.Location)
	f.Outcomes = pairs.figures()
	return nil
}
