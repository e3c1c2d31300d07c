package dashboard

import (
	"strconv"
	"time"

	"brobygger/models"
)

// chartScale is one instrument's panel in the score chart: its range and the cut-offs marked.
type chartScale struct {
	Instrument string
	TitleKey   string
	Min, Max   float64
	Guides     []chartGuide
}

// chartGuide is a cut-off line; its class colours it by what crossing it means.
type chartGuide struct {
	Value float64
	Class string
}

// scoreScales are the charted instruments. WHO-5: 50 or less is poor wellbeing, 28 or less
// suggests depression and calls for assessment. UCLA-3 (3–9, higher is lonelier): 6 is lonely,
// 7 and above severe loneliness (the instrument file's bands).
var scoreScales = []chartScale{
	{Instrument: "who5", TitleKey: "chart.who5", Min: 0, Max: 100, Guides: []chartGuide{{28, "guide-red"}, {50, "guide-amber"}}},
	{Instrument: "ucla3", TitleKey: "chart.ucla3", Min: 3, Max: 9, Guides: []chartGuide{{6, "guide-amber"}, {7, "guide-red"}}},
}

// Chart geometry in SVG user units; the SVG scales to its box with viewBox.
const (
	chartWidth    = 640.0
	chartLeft     = 44.0
	chartRight    = 24.0
	chartFirstTop = 30.0
	chartPanelGap = 46.0
)

var chartPanelHeights = []float64{140, 100}

// scoreChart is the view of the inline SVG: everything is already a coordinate or a word.
type scoreChart struct {
	Width, Height   string
	Panels          []chartPanel
	XLabels         []chartText
	Empty           string
	EmptyX, EmptyY  string
	Count           int
	PlotL, PlotR    string
	AxisY, AxisText string
}

type chartPanel struct {
	Instrument, Title, TitleY, Top, Bottom string
	Guides                                 []chartText
	Ticks                                  []chartText
	Line                                   string
	Points                                 []chartDot
}

// chartText is a label or a guide line at Y (X and Anchor where it needs them).
type chartText struct{ X, Y, Text, Anchor, Class string }

// chartDot is one scored check-in; Title is its tooltip.
type chartDot struct{ X, Y, Title string }

// buildScoreChart lays out the citizen's WHO-5 and UCLA-3 scores on one shared time axis. No
// points leaves the empty frame with a sentence; one point sits in the middle with no line.
func buildScoreChart(checkins []models.Checkin, loc locale) scoreChart {
	series := map[string][]models.Checkin{}
	var first, last time.Time
	for _, ck := range checkins {
		if ck.Score == nil || !charted(ck.Instrument) {
			continue
		}
		at := checkinTime(ck)
		if len(series) == 0 || at.Before(first) {
			first = at
		}
		if at.After(last) {
			last = at
		}
		series[ck.Instrument] = append(series[ck.Instrument], ck)
	}
	x := timeAxis(first, last)
	ch := scoreChart{Width: num(chartWidth), PlotL: num(chartLeft), PlotR: num(chartWidth - chartRight)}
	top := chartFirstTop
	for i, sc := range scoreScales {
		p := buildPanel(sc, series[sc.Instrument], top, top+chartPanelHeights[i], x, loc)
		ch.Count += len(p.Points)
		ch.Panels = append(ch.Panels, p)
		top += chartPanelHeights[i] + chartPanelGap
	}
	axisY := top - chartPanelGap + 20
	ch.AxisY, ch.Height = num(axisY), num(axisY+12)
	if ch.Count == 0 {
		ch.Empty, ch.EmptyX, ch.EmptyY = loc.T("chart.empty"), num(chartWidth/2), num(chartFirstTop+chartPanelHeights[0]/2)
		return ch
	}
	ch.XLabels = append(ch.XLabels, chartText{X: num(x(first)), Y: ch.AxisY, Text: loc.Day(first), Anchor: "start"})
	if loc.Day(last) != loc.Day(first) {
		ch.XLabels = append(ch.XLabels, chartText{X: num(x(last)), Y: ch.AxisY, Text: loc.Day(last), Anchor: "end"})
	} else {
		ch.XLabels[0].Anchor = "middle"
	}
	return ch
}

// buildPanel draws one instrument between the y coordinates top and bottom.
func buildPanel(sc chartScale, pts []models.Checkin, top, bottom float64, x func(time.Time) float64, loc locale) chartPanel {
	y := func(v float64) float64 {
		v = min(max(v, sc.Min), sc.Max)
		return bottom - (v-sc.Min)/(sc.Max-sc.Min)*(bottom-top)
	}
	p := chartPanel{Instrument: sc.Instrument, Title: loc.T(sc.TitleKey), TitleY: num(top - 12), Top: num(top), Bottom: num(bottom)}
	for _, v := range []float64{sc.Min, sc.Max} {
		p.Ticks = append(p.Ticks, chartText{X: num(chartLeft - 8), Y: num(y(v) + 4), Text: loc.Number(v), Anchor: "end"})
	}
	for _, g := range sc.Guides {
		p.Guides = append(p.Guides, chartText{X: num(chartLeft - 8), Y: num(y(g.Value)), Text: loc.Number(g.Value), Class: g.Class})
	}
	for i, ck := range pts {
		px, py := num(x(checkinTime(ck))), num(y(*ck.Score))
		p.Points = append(p.Points, chartDot{X: px, Y: py, Title: loc.When(checkinTime(ck)) + ": " + loc.Number(*ck.Score)})
		if i > 0 {
			p.Line += " "
		}
		p.Line += px + "," + py
	}
	if len(pts) < 2 {
		p.Line = "" // a line needs two points
	}
	return p
}

// timeAxis maps a moment to x; when every point is at the same moment they sit in the middle.
func timeAxis(first, last time.Time) func(time.Time) float64 {
	left, right := chartLeft+8, chartWidth-chartRight-8
	span := last.Sub(first)
	return func(t time.Time) float64 {
		if span <= 0 {
			return (left + right) / 2
		}
		return left + float64(t.Sub(first))/float64(span)*(right-left)
	}
}

func charted(instrument string) bool {
	for _, sc := range scoreScales {
		if sc.Instrument == instrument {
			return true
		}
	}
	return false
}

// checkinTime is when a score was given (completion), or when the check-in was made if unknown.
func checkinTime(ck models.Checkin) time.Time {
	if ck.CompletedAt != nil {
		return *ck.CompletedAt
	}
	return ck.CreatedAt
}

// num writes an SVG coordinate with one decimal, which is finer than a pixel.
func num(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// chartTitleKeys are the catalogue keys of the charted instruments' titles (a test checks the
// catalogue has them).
func chartTitleKeys() []string {
	keys := make([]string, len(scoreScales))
	for i, sc := range scoreScales {
		keys[i] = sc.TitleKey
	}
	return keys
}
