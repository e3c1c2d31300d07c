package calendar_test

import (
	"errors"
	"testing"
	"time"

	"brobygger/models/calendar"
)

func TestEasterSunday_KnownYears(t *testing.T) {
	want := map[int]string{
		2000: "2000-04-23", 2008: "2008-03-23", 2011: "2011-04-24", 2019: "2019-04-21", 2024: "2024-03-31",
		2025: "2025-04-20", 2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22",
	}
	for year, date := range want {
		if got := calendar.EasterSunday(year).String(); got != date {
			t.Errorf("Easter %d = %s, want %s", year, got, date)
		}
	}
}

func TestDanishHolidays_2026(t *testing.T) {
	want := []string{
		"2026-01-01 Nytårsdag", "2026-04-02 Skærtorsdag", "2026-04-03 Langfredag", "2026-04-05 Påskedag",
		"2026-04-06 2. påskedag", "2026-05-14 Kristi himmelfartsdag", "2026-05-24 Pinsedag", "2026-05-25 2. pinsedag",
		"2026-12-25 Juledag", "2026-12-26 2. juledag",
	}
	got := calendar.DanishHolidays(2026)
	if len(got) != len(want) {
		t.Fatalf("got %d holidays, want %d: %v", len(got), len(want), got)
	}
	for i, h := range got {
		if s := h.Date.String() + " " + h.Name; s != want[i] {
			t.Errorf("holiday %d = %s, want %s", i, s, want[i])
		}
		if name, ok := calendar.DanishHoliday(h.Date); !ok || name != h.Name {
			t.Errorf("DanishHoliday(%s) = %q %v, want %q", h.Date, name, ok, h.Name)
		}
	}
}

func TestDanishHoliday_StoreBededagUntil2023(t *testing.T) {
	if name, ok := calendar.DanishHoliday(calendar.Date{Year: 2023, Month: time.May, Day: 5}); !ok || name != "Store bededag" {
		t.Errorf("5 May 2023 = %q %v, want store bededag", name, ok)
	}
	if name, ok := calendar.DanishHoliday(calendar.Date{Year: 2024, Month: time.April, Day: 26}); ok {
		t.Errorf("26 April 2024 is %q, but store bededag was abolished from 2024", name)
	}
	if n := len(calendar.DanishHolidays(2023)); n != 11 {
		t.Errorf("2023 has %d holidays, want 11 with store bededag", n)
	}
}

func TestDanishHoliday_OrdinaryAndCustomaryDaysAreNotHolidays(t *testing.T) {
	for _, d := range []calendar.Date{{2026, time.June, 5}, {2026, time.December, 24}, {2026, time.December, 31},
		{2026, time.April, 4}, {2026, time.May, 1}, {2026, time.March, 29}} {
		if name, ok := calendar.DanishHoliday(d); ok {
			t.Errorf("%s is not a public holiday, got %q", d, name)
		}
	}
}

func TestParseClosedDates(t *testing.T) {
	got, err := calendar.ParseClosedDates(" 06-05, 12-24,2026-12-31 ,")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].String() != "06-05" || got[2].String() != "2026-12-31" {
		t.Fatalf("got %v", got)
	}
	if !got[1].Matches(calendar.Date{Year: 2031, Month: time.December, Day: 24}) || got[2].Matches(calendar.Date{Year: 2027, Month: time.December, Day: 31}) {
		t.Error("yearly closed days match every year, dated ones only their year")
	}
	for _, bad := range []string{"24-12", "12/24", "2026-13-01", "tomorrow"} {
		if _, err := calendar.ParseClosedDates(bad); !isInvalid(err) {
			t.Errorf("ParseClosedDates(%q) = %v, want EINVALID", bad, err)
		}
	}
}

// isInvalid reports whether err is the package's invalid-input error, which models reports as EINVALID.
func isInvalid(err error) bool {
	var ie *calendar.InvalidError
	return errors.As(err, &ie)
}
