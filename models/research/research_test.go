package research

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func cph(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Days are local calendar days: the evening of the referral day is day 0 and the next morning
// day 1, across the spring DST change too.
func TestDaysSince_LocalCalendarDays(t *testing.T) {
	loc := cph(t)
	referred := time.Date(2026, 3, 28, 23, 30, 0, 0, loc) // the night before summer time
	cases := []struct {
		at   time.Time
		want int
	}{
		{time.Date(2026, 3, 28, 23, 59, 0, 0, loc), 0},
		{time.Date(2026, 3, 29, 0, 1, 0, 0, loc), 1},
		{time.Date(2026, 3, 30, 9, 0, 0, 0, loc), 2},
		{time.Date(2026, 3, 20, 9, 0, 0, 0, loc), -8},
		{referred.AddDate(0, 0, 91), 91},
	}
	for _, c := range cases {
		if got := daysSince(referred, c.at, loc); got != c.want {
			t.Errorf("DaysSince(%s) = %d, want %d", c.at, got, c.want)
		}
	}
}

func TestOccasions_WindowsAndStates(t *testing.T) {
	loc := cph(t)
	referred := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	day := func(d int) time.Time { return referred.AddDate(0, 0, d) }
	for _, c := range []struct {
		o     Occasion
		in    []int
		out   []int
		state map[int]string
	}{
		{Baseline, []int{-14, 0, 30}, []int{-15, 31}, map[int]string{-20: "not_started", 0: "open", 31: "closed"}},
		{Month3, []int{76, 91, 120}, []int{75, 121}, map[int]string{75: "not_started", 76: "open", 120: "open", 121: "closed"}},
		{Month9, []int{240, 273, 330}, []int{239, 331}, map[int]string{239: "not_started", 300: "open", 331: "closed"}},
	} {
		for _, d := range c.in {
			if !c.o.contains(d) {
				t.Errorf("%s should contain day %d", c.o.Key, d)
			}
		}
		for _, d := range c.out {
			if c.o.contains(d) {
				t.Errorf("%s should not contain day %d", c.o.Key, d)
			}
		}
		for d, want := range c.state {
			if got := c.o.state(referred, day(d), loc); got != want {
				t.Errorf("%s on day %d: %s, want %s", c.o.Key, d, got, want)
			}
		}
	}
	// The windows never overlap, so an answer counts for one occasion at most.
	os := Occasions()
	for i := 1; i < len(os); i++ {
		if os[i].WindowStart <= os[i-1].WindowEnd {
			t.Errorf("%s overlaps %s", os[i].Key, os[i-1].Key)
		}
	}
}

// The answer nearest the target wins; of two equally near, the earlier; none outside the window.
func TestBuild_NearestAnswerInTheWindow(t *testing.T) {
	loc := cph(t)
	p, _ := NewPseudonymiser(strings.Repeat("k", 32))
	referred := time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)
	raw := func(n int) *int { return &n }
	m := func(inst string, d, r int) Measurement {
		return Measurement{Instrument: inst, Version: "1", At: referred.AddDate(0, 0, d), Raw: raw(r)}
	}
	s := Subject{CitizenID: "c1", ReferredAt: referred, Measurements: []Measurement{
		m("who5", 85, 10), m("who5", 97, 11), m("who5", 121, 12), // 85 and 97 are equally near 91
		m("ucla3", 70, 5), m("ucla3", 119, 6), // 70 is outside month3's window
	}}
	rows := Build([]Subject{s}, p, referred.AddDate(0, 0, 400), loc)
	if len(rows) != 3 {
		t.Fatalf("rows = %d", len(rows))
	}
	m3 := rows[1]
	if m3.Occasion.Key != "month3" || *m3.WHO5Raw != 10 || *m3.WHO5Score != 40 || *m3.WHO5Day != 85 || *m3.UCLA3Score != 6 || *m3.UCLA3Day != 119 {
		t.Errorf("month3 = %+v", m3)
	}
	if rows[0].WHO5Raw != nil || rows[2].WHO5Raw != nil {
		t.Errorf("baseline or month9 got an answer outside their windows")
	}
}

func TestAgeBand(t *testing.T) {
	y := func(n int) *int { return &n }
	for _, c := range []struct {
		birth *int
		want  string
	}{{nil, ""}, {y(2010), "under_18"}, {y(2008), "18-29"}, {y(1997), "18-29"}, {y(1996), "30-39"},
		{y(1966), "60-69"}, {y(1957), "60-69"}, {y(1956), "70-79"}, {y(1946), "80+"}} {
		if got := ageBand(c.birth, 2026); got != c.want {
			t.Errorf("AgeBand(%v) = %q, want %q", c.birth, got, c.want)
		}
	}
}

func TestPseudonymiser(t *testing.T) {
	if _, err := NewPseudonymiser(""); err != errNoKey {
		t.Errorf("empty key: %v", err)
	}
	if _, err := NewPseudonymiser("short"); err != ErrShortKey {
		t.Errorf("short key: %v", err)
	}
	a, _ := NewPseudonymiser(strings.Repeat("a", 32))
	again, _ := NewPseudonymiser(strings.Repeat("a", 32))
	b, _ := NewPseudonymiser(strings.Repeat("b", 32))
	id := "0190f3a1-7c2e-7000-8000-000000000001"
	if a.StudyID(id) != again.StudyID(id) || a.StudyID(id) == b.StudyID(id) || strings.Contains(a.StudyID(id), id[:8]) {
		t.Errorf("study IDs: %s %s %s", a.StudyID(id), again.StudyID(id), b.StudyID(id))
	}
	if len(a.StudyID(id)) != 21 || a.clinicCode(" Lægehuset  Nord ") != a.clinicCode("lægehuset nord") || a.clinicCode("") != "" {
		t.Errorf("codes: %s %s", a.StudyID(id), a.clinicCode("Lægehuset Nord"))
	}
}

// The codebook names every column and says how withdrawal is handled.
func TestCodebook_EveryColumn(t *testing.T) {
	var buf bytes.Buffer
	info := CodebookInfo{GeneratedAt: time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), Format: FormatCSV, TimeZone: "Europe/Copenhagen",
		Instruments: []InstrumentVersion{{Key: "who5", Version: "1", Name: "WHO-5"}}}
	if err := WriteCodebook(&buf, info); err != nil {
		t.Fatal(err)
	}
	book := buf.String()
	for _, c := range columns() {
		if !strings.Contains(book, "| "+c.Name+" |") || c.Description == "" || c.Type == "" || c.Values == "" {
			t.Errorf("column %s is not described", c.Name)
		}
	}
	for _, want := range []string{withdrawalNote, "| who5_raw | integer | 0-25 | who5 (v1) |", "| month3 | 91 | 76 to 120 |"} {
		if !strings.Contains(book, want) {
			t.Errorf("codebook lacks %q", want)
		}
	}
}
