package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// Table is one of the report's tables as text cells, for CSV and for the dashboard.
type Table struct {
	Name   string
	Header []string
	Rows   [][]string
}

// TableNames are the tables a CSV download can ask for, in the report's order.
var TableNames = []string{"referrals_by_month", "referrals_by_clinic", "age", "path", "path_times", "offers", "outcomes", "endings"}

// Hidden is how a figure about 1–4 citizens is written in a table; Withheld is a larger figure
// hidden only because a shown total would give a small one away (complementary suppression).
const (
	Hidden   = "<5"
	Withheld = "x"
)

// Tables are the report's tables; a hidden figure reads "<5" and its row's suppressed column
// says true.
func (r Report) Tables() []Table {
	var ts []Table
	t := Table{Name: "referrals_by_month", Header: []string{"month", "referrals", "suppressed"}}
	for _, m := range r.ByMonth {
		t.Rows = append(t.Rows, []string{m.Month, cell(m.Referrals, m.small), flag(m.Suppressed)})
	}
	t.Rows = append(t.Rows, []string{"total", cell(r.Referrals, true), flag(r.Referrals == nil)})
	ts = append(ts, t)
	t = Table{Name: "referrals_by_clinic", Header: []string{"clinic", "referrals", "suppressed"}}
	for _, c := range r.ByClinic {
		t.Rows = append(t.Rows, []string{c.Clinic, cell(c.Referrals, c.small), flag(c.Suppressed)})
	}
	ts = append(ts, t)
	t = Table{Name: "age", Header: []string{"group", "citizens", "suppressed"}}
	for _, a := range r.Age.Rows {
		t.Rows = append(t.Rows, []string{a.Group, cell(a.Citizens, a.small), flag(a.Suppressed)})
	}
	t.Rows = append(t.Rows, []string{"share_60_plus", shareCell(r.Age), flag(r.Age.ShareSuppressed)})
	ts = append(ts, t)
	t = Table{Name: "path", Header: []string{"step", "citizens", "suppressed"}}
	for _, s := range r.Path {
		t.Rows = append(t.Rows, []string{s.Step, cell(s.Citizens, true), flag(s.Suppressed)})
	}
	ts = append(ts, t)
	t = Table{Name: "path_times", Header: []string{"from_step", "to_step", "citizens", "median_days", "suppressed"}}
	for _, p := range r.PathTimes {
		t.Rows = append(t.Rows, []string{p.From, p.To, cell(p.Citizens, true), decimalOr(p.MedianDays, p.Suppressed), flag(p.Suppressed)})
	}
	ts = append(ts, t)
	t = Table{Name: "offers", Header: []string{"offer_id", "title", "citizens", "prescriptions", "suppressed"}}
	for _, o := range r.Offers {
		t.Rows = append(t.Rows, []string{o.OfferID, o.Title, cell(o.Citizens, true), cell(o.Prescriptions, true), flag(o.Suppressed)})
	}
	ts = append(ts, t)
	t = Table{Name: "outcomes", Header: []string{"instrument", "occasion", "citizens", "baseline_mean", "followup_mean", "mean_change", "suppressed"}}
	for _, o := range r.Outcomes {
		t.Rows = append(t.Rows, []string{o.Instrument, o.Occasion, cell(o.Citizens, true), decimalOr(o.BaselineMean, o.Suppressed),
			decimalOr(o.FollowupMean, o.Suppressed), decimalOr(o.MeanChange, o.Suppressed), flag(o.Suppressed)})
	}
	ts = append(ts, t)
	t = Table{Name: "endings", Header: []string{"outcome", "reason", "citizens", "suppressed"}}
	for _, e := range r.Endings {
		t.Rows = append(t.Rows, []string{e.Outcome, e.Reason, cell(e.Citizens, e.small), flag(e.Suppressed)})
	}
	return append(ts, t)
}

// TableByName finds one of the report's tables.
func (r Report) TableByName(name string) (Table, bool) {
	for _, t := range r.Tables() {
		if t.Name == name {
			return t, true
		}
	}
	return Table{}, false
}

// WriteCSV writes the table with its header, comma-separated, UTF-8.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// cell writes a count; a hidden one reads "<5" when it is small itself, else "x".
func cell(n *int, small bool) string {
	if n == nil && small {
		return Hidden
	}
	if n == nil {
		return Withheld
	}
	return strconv.Itoa(*n)
}

// decimal writes a figure with a point (machine-readable); "" when there is none.
func decimal(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// decimalOr writes a hidden figure as "<5" and a missing one as "".
func decimalOr(v *float64, hidden bool) string {
	if hidden {
		return Hidden
	}
	return decimal(v)
}

// shareCell writes the share of 60+; hidden, it reads "x" (it is a share, not a group).
func shareCell(a AgeTable) string {
	if a.ShareSuppressed {
		return Withheld
	}
	return decimal(a.Share60Plus)
}

func flag(b bool) string { return strconv.FormatBool(b) }
