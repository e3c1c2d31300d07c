package dashboard

import (
	"slices"
	"strconv"

	"brobygger/models/report"
)

// reportBar is one bar of a report chart: a label and a figure, or a hidden figure ("<5", "x")
// drawn as an empty outline so the reader sees the row exists without seeing its size.
type reportBar struct {
	Label  string
	Value  float64
	Text   string
	Hidden bool
}

// barChart is a horizontal bar chart, laid out on the server: every coordinate is ready for the
// template. Title and Desc become the SVG's <title> and <desc>, which screen readers announce;
// the table beside the chart holds the same figures.
type barChart struct {
	ID, Title, Desc string
	Width, Height   string
	AxisX, AxisTop  string
	AxisBottom      string
	Bars            []barView
	Empty           string
}

type barView struct {
	Label, LabelY, Y, W, H, TextX, TextY, Text string
	Hidden                                     bool
}

// Report chart geometry in SVG user units (the SVG scales with viewBox).
const (
	barChartWidth = 640.0
	barLabelRight = 232.0
	barLeft       = 240.0
	barMaxWidth   = 320.0
	barRowHeight  = 28.0
	barThickness  = 18.0
	barTop        = 8.0
	barHiddenW    = 14.0
)

// buildBarChart lays out bars against scale (0 … scale); a scale of 0 uses the largest shown
// figure, so the longest bar fills the width. No bars leaves a short frame with a sentence.
func buildBarChart(id, title, desc, empty string, bars []reportBar, scale float64) barChart {
	if scale <= 0 {
		for _, b := range bars {
			if !b.Hidden && b.Value > scale {
				scale = b.Value
			}
		}
	}
	rows := max(len(bars), 1)
	height := barTop*2 + float64(rows)*barRowHeight
	ch := barChart{ID: id, Title: title, Desc: desc, Width: num(barChartWidth), Height: num(height), AxisX: num(barLeft),
		AxisTop: num(barTop - 2), AxisBottom: num(height - barTop + 2)}
	if len(bars) == 0 {
		ch.Empty = empty
		return ch
	}
	for i, b := range bars {
		y := barTop + float64(i)*barRowHeight + (barRowHeight-barThickness)/2
		w := 0.0
		if scale > 0 && !b.Hidden {
			w = b.Value / scale * barMaxWidth
		}
		if b.Hidden {
			w = barHiddenW
		}
		ch.Bars = append(ch.Bars, barView{Label: b.Label, LabelY: num(y + barThickness/2 + 4), Y: num(y), W: num(w), H: num(barThickness),
			TextX: num(barLeft + w + 6), TextY: num(y + barThickness/2 + 4), Text: b.Text, Hidden: b.Hidden})
	}
	return ch
}

// tableChart draws one column of a report table as bars, a row each, labelled by another column
// (codes in words). Totals and the share are left out: a bar beside its parts misleads. A cell of
// "<5" or "x" is a hidden bar.
func tableChart(loc locale, name string, t report.Table, label, value int) barChart {
	var bars []reportBar
	for _, row := range t.Rows {
		if row[0] == "total" || row[0] == "share_60_plus" || (t.Name == "endings" && row[1] == "total") {
			continue
		}
		l := reportCell(loc, t.Header[label], row[0], row[label])
		b := reportBar{Label: l, Text: row[value]}
		if n, err := strconv.ParseFloat(row[value], 64); err == nil {
			b.Value, b.Text = n, loc.Number(n)
		} else {
			b.Hidden = true
		}
		bars = append(bars, b)
	}
	return buildBarChart("chart-"+name, loc.T("report."+name+".title"), loc.T("report."+name+".desc"), loc.T("report.empty"), bars, 0)
}

// outcomeChart draws an instrument's paired means: for each follow-up, the same citizens'
// baseline mean and follow-up mean, on the instrument's whole scale so a change is not magnified.
func outcomeChart(loc locale, r report.Report, instrument string, scale float64) barChart {
	var bars []reportBar
	for _, o := range r.Outcomes {
		if o.Instrument != instrument {
			continue
		}
		occ := loc.T("report.v." + o.Occasion)
		n := report.Hidden
		if o.Citizens != nil {
			n = strconv.Itoa(*o.Citizens)
		}
		for _, m := range []struct {
			label string
			v     *float64
		}{{loc.T("report.bar.baseline") + " (" + occ + ", n = " + n + ")", o.BaselineMean}, {occ + " (n = " + n + ")", o.FollowupMean}} {
			b := reportBar{Label: m.label, Text: report.Hidden, Hidden: true}
			switch {
			case m.v != nil:
				b = reportBar{Label: m.label, Value: *m.v, Text: loc.Number(*m.v)}
			case o.Citizens != nil: // nobody has both measurements yet: no bar, and no outline
				b = reportBar{Label: m.label, Text: loc.T("common.none_yet")}
			}
			bars = append(bars, b)
		}
	}
	return buildBarChart("chart-"+instrument, loc.T("report."+instrument+".title"), loc.T("report."+instrument+".desc"), loc.T("report.empty"), bars, scale)
}

// reportCodeColumns hold codes that read as words on the page.
var reportCodeColumns = []string{"group", "step", "from_step", "to_step", "instrument", "occasion", "outcome", "reason"}

// reportCell writes a report cell for the reader: codes in words, shares as percentages, figures
// with the language's decimal mark; hidden and withheld marks stay as they are.
func reportCell(loc locale, col, first, cell string) string {
	switch {
	case cell == report.Hidden || cell == report.Withheld || cell == "":
		return cell
	case slices.Contains(reportCodeColumns, col) || (col == "month" && cell == "total"):
		return loc.tOr("report.v."+cell, cell)
	case first == "share_60_plus":
		if f, err := strconv.ParseFloat(cell, 64); err == nil {
			return loc.percent(&f)
		}
	}
	if f, err := strconv.ParseFloat(cell, 64); err == nil && col != "month" && col != "clinic" && col != "title" {
		return loc.Number(f)
	}
	return cell
}
