package report

import "time"

// Report is the commissioner's report as it is shown: every figure about fewer than MinGroup
// citizens is null with Suppressed set, and so is any figure a shown total would give away.
type Report struct {
	From        string    `json:"from"`
	To          string    `json:"to"`
	GeneratedAt time.Time `json:"generated_at"`
	MinGroup    int       `json:"min_group"`
	// Referrals is the cohort's size (null when it is itself below MinGroup).
	Referrals *int         `json:"referrals"`
	ByMonth   []MonthRow   `json:"referrals_by_month"`
	ByClinic  []ClinicRow  `json:"referrals_by_clinic"`
	Age       AgeTable     `json:"age"`
	Path      []StepRow    `json:"path"`
	PathTimes []TimeRow    `json:"path_times"`
	Offers    []OfferRow   `json:"offers"`
	Outcomes  []OutcomeRow `json:"outcomes"`
	Endings   []EndingRow  `json:"endings"`
}

// MonthRow is one month's referrals.
type MonthRow struct {
	Month      string `json:"month"`
	Referrals  *int   `json:"referrals"`
	Suppressed bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// ClinicRow is one clinic's referrals.
type ClinicRow struct {
	Clinic     string `json:"clinic"`
	Referrals  *int   `json:"referrals"`
	Suppressed bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// AgeTable splits the cohort by age; Share60Plus is the share of those with a known year of
// birth who were 60 or older in the referral year (unknown is left out of the share and shown
// as its own row).
type AgeTable struct {
	Rows            []AgeRow `json:"rows"`
	Share60Plus     *float64 `json:"share_60_plus"`
	ShareSuppressed bool     `json:"share_suppressed"`
}

// AgeRow is one age group: "60_plus", "under_60" or "unknown".
type AgeRow struct {
	Group      string `json:"group"`
	Citizens   *int   `json:"citizens"`
	Suppressed bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// StepRow is one step of the path: referred, contacted, confirmed, engaged.
type StepRow struct {
	Step       string `json:"step"`
	Citizens   *int   `json:"citizens"`
	Suppressed bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// TimeRow is the median time between two steps, over the citizens who took both.
type TimeRow struct {
	From       string   `json:"from_step"`
	To         string   `json:"to_step"`
	Citizens   *int     `json:"citizens"`
	MedianDays *float64 `json:"median_days"`
	Suppressed bool     `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// OfferRow is one offer's prescriptions.
type OfferRow struct {
	OfferID       string `json:"offer_id"`
	Title         string `json:"title"`
	Citizens      *int   `json:"citizens"`
	Prescriptions *int   `json:"prescriptions"`
	Suppressed    bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// OutcomeRow is one instrument's paired means at baseline and a follow-up.
type OutcomeRow struct {
	Instrument   string   `json:"instrument"`
	Occasion     string   `json:"occasion"`
	Citizens     *int     `json:"citizens"`
	BaselineMean *float64 `json:"baseline_mean"`
	FollowupMean *float64 `json:"followup_mean"`
	MeanChange   *float64 `json:"mean_change"`
	Suppressed   bool     `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// EndingRow is one reason for an ending; Reason "total" is the outcome's subtotal.
type EndingRow struct {
	Outcome    string `json:"outcome"`
	Reason     string `json:"reason"`
	Citizens   *int   `json:"citizens"`
	Suppressed bool   `json:"suppressed"`
	// small: hidden for its own size (1–4), not only to protect another cell.
	small bool
}

// Build applies suppression to the figures. from and to are the period's dates as asked.
func Build(f Figures, from, to string, generatedAt time.Time) Report {
	r := Report{From: from, To: to, GeneratedAt: generatedAt.UTC(), MinGroup: minGroup}
	r.ByMonth, r.Referrals = monthRows(f.Months)
	r.ByClinic = clinicRows(f.Clinics)
	r.Age = ageTable(f)
	r.Path, r.PathTimes = pathRows(f)
	r.Offers = offerRows(f.Offers)
	r.Outcomes = outcomeRows(f.Outcomes)
	r.Endings = endingRows(f.Endings)
	return r
}

// shown is n, or nil when hidden.
func shown(n int, hidden bool) *int {
	if hidden {
		return nil
	}
	return &n
}

func monthRows(ms []MonthFigure) ([]MonthRow, *int) {
	counts := make([]int, len(ms))
	total := 0
	for i, m := range ms {
		counts[i] = m.Referrals
		total += m.Referrals
	}
	hidden, hideTotal := suppress(counts)
	rows := make([]MonthRow, len(ms))
	for i, m := range ms {
		rows[i] = MonthRow{Month: m.Month, Referrals: shown(m.Referrals, hidden[i]), Suppressed: hidden[i], small: small(m.Referrals)}
	}
	return rows, shown(total, hideTotal)
}

func clinicRows(cs []ClinicFigure) []ClinicRow {
	counts := make([]int, len(cs))
	for i, c := range cs {
		counts[i] = c.Referrals
	}
	hidden, _ := suppress(counts)
	rows := make([]ClinicRow, len(cs))
	for i, c := range cs {
		rows[i] = ClinicRow{Clinic: c.Clinic, Referrals: shown(c.Referrals, hidden[i]), Suppressed: hidden[i], small: small(c.Referrals)}
	}
	return rows
}

// ageTable hides small groups with the cohort total in mind, and the share whenever one of its
// two parts is hidden (the share and the other part would give it away).
func ageTable(f Figures) AgeTable {
	groups := []string{"60_plus", "under_60", "unknown"}
	counts := []int{f.Aged60Plus, f.Under60, f.AgeUnknown}
	hidden, _ := suppress(counts)
	t := AgeTable{}
	for i, g := range groups {
		t.Rows = append(t.Rows, AgeRow{Group: g, Citizens: shown(counts[i], hidden[i]), Suppressed: hidden[i], small: small(counts[i])})
	}
	known := f.Aged60Plus + f.Under60
	switch {
	case hidden[0] || hidden[1]:
		t.ShareSuppressed = true
	case known > 0:
		s := round1(100*float64(f.Aged60Plus)/float64(known)) / 100
		t.Share60Plus = &s
	}
	return t
}

// pathRows are the step counts and the median times between steps. The steps are nested (every
// confirmed citizen was contacted), not parts of a whole, so each count is hidden only when it
// is itself below MinGroup; the drop between two shown steps is a service step, not a group
// with a health attribute, and is left visible.
func pathRows(f Figures) ([]StepRow, []TimeRow) {
	steps := []struct {
		name string
		n    int
	}{{"referred", f.Referred}, {"contacted", f.Contacted}, {"confirmed", f.Confirmed}, {"engaged", f.Engaged}}
	var rows []StepRow
	for _, s := range steps {
		rows = append(rows, StepRow{Step: s.name, Citizens: shown(s.n, small(s.n)), Suppressed: small(s.n), small: small(s.n)})
	}
	hists := []Histogram{f.ReferredToContacted, f.ContactedToConfirmed, f.ConfirmedToEngaged}
	var times []TimeRow
	for i, h := range hists {
		n := h.N()
		row := TimeRow{From: steps[i].name, To: steps[i+1].name, Citizens: shown(n, small(n)), Suppressed: small(n), small: small(n)}
		if m, ok := h.median(); ok && !row.Suppressed {
			d := hoursToDays(m)
			row.MedianDays = &d
		}
		times = append(times, row)
	}
	return rows, times
}

// offerRows hides offers prescribed to fewer than MinGroup citizens. The table has no total
// row (a citizen may have several offers), so no complementary suppression is needed.
func offerRows(os []OfferFigure) []OfferRow {
	rows := make([]OfferRow, len(os))
	for i, o := range os {
		h := small(o.Citizens)
		rows[i] = OfferRow{OfferID: o.OfferID, Title: o.Title, Citizens: shown(o.Citizens, h), Prescriptions: shown(o.Prescriptions, h), Suppressed: h, small: h}
	}
	return rows
}

func outcomeRows(os []OutcomeFigure) []OutcomeRow {
	rows := make([]OutcomeRow, len(os))
	for i, o := range os {
		row := OutcomeRow{Instrument: o.Instrument, Occasion: o.Occasion, Suppressed: small(o.Paired.N), small: small(o.Paired.N)}
		row.Citizens = shown(o.Paired.N, row.Suppressed)
		if b, a, c, ok := o.Paired.Means(); ok && !row.Suppressed {
			row.BaselineMean, row.FollowupMean, row.MeanChange = &b, &a, &c
		}
		rows[i] = row
	}
	return rows
}

// endingRows lists each outcome's reasons and its subtotal; suppression is per outcome, against
// its subtotal.
func endingRows(es []EndingFigure) []EndingRow {
	var rows []EndingRow
	for _, outcome := range []string{"unreachable", "declined"} {
		var part []EndingFigure
		var counts []int
		total := 0
		for _, e := range es {
			if e.Outcome == outcome {
				part, counts, total = append(part, e), append(counts, e.Count), total+e.Count
			}
		}
		hidden, hideTotal := suppress(counts)
		for i, e := range part {
			rows = append(rows, EndingRow{Outcome: outcome, Reason: e.Reason, Citizens: shown(e.Count, hidden[i]), Suppressed: hidden[i], small: small(e.Count)})
		}
		rows = append(rows, EndingRow{Outcome: outcome, Reason: "total", Citizens: shown(total, hideTotal), Suppressed: hideTotal, small: small(total)})
	}
	return rows
}
