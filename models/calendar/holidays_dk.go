package calendar

import "time"

// holiday is a Danish public holiday (helligdag).
type holiday struct {
	Date Date
	Name string
}

// EasterSunday returns Easter Sunday of a Gregorian year, by the anonymous Gregorian computus
// (Meeus/Jones/Butcher): the first Sunday after the ecclesiastical full moon on or after 21 March.
func EasterSunday(year int) Date {
	golden := year % 19
	century, yearInCentury := year/100, year%100
	leapCenturies, centuryRest := century/4, century%4
	moonCorrection := (century - (century+8)/25 + 1) / 3
	epact := (19*golden + century - leapCenturies - moonCorrection + 15) % 30
	leapYears, yearRest := yearInCentury/4, yearInCentury%4
	weekday := (32 + 2*centuryRest + 2*leapYears - epact - yearRest) % 7
	shift := (golden + 11*epact + 22*weekday) / 451
	n := epact + weekday - 7*shift + 114
	return Date{year, time.Month(n / 31), n%31 + 1}
}

// movableHoliday is a holiday counted in days from Easter Sunday.
type movableHoliday struct {
	fromEaster int
	name       string
}

// movableHolidays returns an array, not a shared slice, so no caller can change the calendar.
func movableHolidays() [7]movableHoliday {
	return [7]movableHoliday{
		{-3, "Skærtorsdag"}, {-2, "Langfredag"}, {0, "Påskedag"}, {1, "2. påskedag"},
		{39, "Kristi himmelfartsdag"}, {49, "Pinsedag"}, {50, "2. pinsedag"},
	}
}

// greatPrayerDay is store bededag, the fourth Friday after Easter, abolished from 2024.
const (
	greatPrayerDayFromEaster = 26
	greatPrayerDayLastYear   = 2023
)

// DanishHolidays lists the official public holidays of a year in date order. Grundlovsdag,
// juleaftensdag and nytårsaftensdag are not among them: see CustomaryClosedDates.
func DanishHolidays(year int) []holiday {
	easter := EasterSunday(year)
	out := []holiday{{Date{year, time.January, 1}, "Nytårsdag"}}
	for _, h := range movableHolidays() {
		out = append(out, holiday{easter.AddDays(h.fromEaster), h.name})
		if h.fromEaster == 1 && year <= greatPrayerDayLastYear {
			out = append(out, holiday{easter.AddDays(greatPrayerDayFromEaster), "Store bededag"})
		}
	}
	return append(out, holiday{Date{year, time.December, 25}, "Juledag"}, holiday{Date{year, time.December, 26}, "2. juledag"})
}

// DanishHoliday names the public holiday on d, if it is one. It allocates nothing, because the
// send window asks it for every scheduled SMS.
func DanishHoliday(d Date) (string, bool) {
	switch {
	case d.Month == time.January && d.Day == 1:
		return "Nytårsdag", true
	case d.Month == time.December && d.Day == 25:
		return "Juledag", true
	case d.Month == time.December && d.Day == 26:
		return "2. juledag", true
	case d.Month < time.March || d.Month > time.June:
		return "", false // every movable holiday falls between 19 March and 14 June
	}
	fromEaster := d.DaysSince(EasterSunday(d.Year))
	for _, h := range movableHolidays() {
		if h.fromEaster == fromEaster {
			return h.name, true
		}
	}
	if fromEaster == greatPrayerDayFromEaster && d.Year <= greatPrayerDayLastYear {
		return "Store bededag", true
	}
	return "", false
}

// CustomaryClosedDates are days that are not public holidays but that many Danes keep free:
// Grundlovsdag (5 June), juleaftensdag (24 December) and nytårsaftensdag (31 December).
func CustomaryClosedDates() []ClosedDate {
	return []ClosedDate{{Month: time.June, Day: 5}, {Month: time.December, Day: 24}, {Month: time.December, Day: 31}}
}
