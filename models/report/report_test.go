package report

import (
	"bytes"
	"slices"
	"testing"
	"time"
)

func TestSuppress(t *testing.T) {
	cases := []struct {
		name      string
		counts    []int
		hidden    []bool
		hideTotal bool
	}{
		{"nothing small", []int{5, 12, 0}, []bool{false, false, false}, false},
		{"one small cell takes the smallest other with it", []int{3, 20, 9}, []bool{true, false, true}, false},
		{"two small cells adding to less than five take a third", []int{1, 1, 30, 7}, []bool{true, true, false, true}, false},
		{"two small cells adding to five are enough", []int{4, 1, 30}, []bool{true, true, false}, false},
		{"zero is shown and never taken", []int{2, 0, 8}, []bool{true, false, true}, false},
		{"a lone small cell hides the total", []int{3}, []bool{true}, true},
		{"a small total is hidden", []int{2, 2}, []bool{true, true}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hidden, hideTotal := suppress(c.counts)
			if !slices.Equal(hidden, c.hidden) || hideTotal != c.hideTotal {
				t.Errorf("Suppress(%v) = %v, %v; want %v, %v", c.counts, hidden, hideTotal, c.hidden, c.hideTotal)
			}
		})
	}
}

func TestHistogramMedian(t *testing.T) {
	if _, ok := (Histogram{}).median(); ok {
		t.Error("an empty histogram has a median")
	}
	cases := []struct {
		h    Histogram
		want float64
	}{
		{Histogram{5: 1}, 5},
		{Histogram{1: 1, 3: 1}, 2},
		{Histogram{1: 2, 10: 1}, 1},
		{Histogram{0: 1, 4: 2, 9: 1}, 4},
		{Histogram{2: 1, 8: 1, 24: 1, 48: 1}, 16},
	}
	for _, c := range cases {
		if got, _ := c.h.median(); got != c.want {
			t.Errorf("median of %v = %v, want %v", c.h, got, c.want)
		}
	}
	if hoursToDays(36) != 1.5 {
		t.Errorf("36 hours = %v days", hoursToDays(36))
	}
}

func TestPairedMeans(t *testing.T) {
	var p Paired
	if _, _, _, ok := p.Means(); ok {
		t.Error("no pairs gave means")
	}
	p.Add(40, 52)
	p.Add(60, 64)
	b, a, c, _ := p.Means()
	if p.N != 2 || b != 50 || a != 58 || c != 8 {
		t.Errorf("means = %v %v %v (n %d)", b, a, c, p.N)
	}
}

func TestBuild_HidesSmallGroupsAndWhatWouldRevealThem(t *testing.T) {
	f := Figures{
		Months:     []MonthFigure{{"2026-01", 2}, {"2026-02", 10}, {"2026-03", 6}},
		Clinics:    []ClinicFigure{{"A", 12}, {"B", 6}},
		Aged60Plus: 9, Under60: 7, AgeUnknown: 2,
		Referred: 18, Contacted: 17, Confirmed: 4, Engaged: 0,
		ReferredToContacted: Histogram{2: 10, 30: 7}, ContactedToConfirmed: Histogram{5: 4},
		Offers:   []OfferFigure{{"o1", "Strik", 5, 7}, {"o2", "Kor", 2, 2}},
		Outcomes: []OutcomeFigure{{"who5", "month3", Paired{N: 5, SumBefore: 200, SumAfter: 260}}, {"who5", "month9", Paired{N: 3, SumBefore: 1, SumAfter: 2}}},
		Endings:  []EndingFigure{{"unreachable", "phone_invalid", 1}, {"unreachable", "no_delivery", 6}, {"declined", "opted_out", 0}},
	}
	r := Build(f, "2026-01-01", "2026-03-31", time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
	if *r.Referrals != 18 || !r.ByMonth[0].Suppressed || !r.ByMonth[2].Suppressed || r.ByMonth[1].Suppressed || r.ByMonth[0].Referrals != nil {
		t.Errorf("months = %+v total %v", r.ByMonth, r.Referrals)
	}
	if r.ByClinic[0].Suppressed || r.ByClinic[1].Suppressed {
		t.Errorf("clinics = %+v", r.ByClinic)
	}
	// Unknown age (2) is small: the smaller known group goes with it, and so does the share.
	if !r.Age.Rows[2].Suppressed || !r.Age.Rows[1].Suppressed || r.Age.Rows[0].Suppressed || r.Age.Share60Plus != nil || !r.Age.ShareSuppressed {
		t.Errorf("age = %+v", r.Age)
	}
	if r.Path[2].Citizens != nil || *r.Path[3].Citizens != 0 || *r.PathTimes[0].MedianDays != 0.1 || r.PathTimes[1].MedianDays != nil || !r.PathTimes[1].Suppressed {
		t.Errorf("path = %+v %+v", r.Path, r.PathTimes)
	}
	if r.Offers[0].Suppressed || !r.Offers[1].Suppressed || r.Offers[1].Prescriptions != nil {
		t.Errorf("offers = %+v", r.Offers)
	}
	if *r.Outcomes[0].MeanChange != 12 || r.Outcomes[1].BaselineMean != nil || !r.Outcomes[1].Suppressed {
		t.Errorf("outcomes = %+v", r.Outcomes)
	}
	// The lone small reason takes the other with it; the subtotal (7) stays.
	if !r.Endings[0].Suppressed || !r.Endings[1].Suppressed || *r.Endings[2].Citizens != 7 || *r.Endings[3].Citizens != 0 {
		t.Errorf("endings = %+v", r.Endings)
	}
	var buf bytes.Buffer
	tbl, _ := r.TableByName("age")
	if err := tbl.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "group,citizens,suppressed\n60_plus,9,false\nunder_60,x,true\nunknown,<5,true\nshare_60_plus,x,true\n"; buf.String() != want {
		t.Errorf("age csv =\n%s", buf.String())
	}
	if len(r.Tables()) != len(TableNames) {
		t.Errorf("%d tables, %d names", len(r.Tables()), len(TableNames))
	}
}
