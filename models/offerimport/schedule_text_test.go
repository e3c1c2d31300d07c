package offerimport

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestParseScheduleText reads the "when" column as Danish and English directories write it.
// want lists sessions as "weekday start-end"; a trailing "+note" says the text was kept as the
// note because it holds words no weekly session can express.
func TestParseScheduleText(t *testing.T) {
	cases := []struct {
		text string
		want string
	}{
		{"mandag 14-16", "1 14:00-16:00"},
		{"Mandag kl. 14-16", "1 14:00-16:00"},
		{"tirsdag og torsdag kl. 10.00-12.00", "2 10:00-12:00, 4 10:00-12:00"},
		{"Mon 14:00-16:00", "1 14:00-16:00"},
		{"Tuesdays and Thursdays 2pm-4pm", "2 14:00-16:00, 4 14:00-16:00"},
		{"onsdage kl. 9.30 – 11.30", "3 09:30-11:30"},
		{"Hver fredag fra kl. 10 til kl. 12", "5 10:00-12:00"},
		{"mandag 10-12, torsdag 14-16", "1 10:00-12:00, 4 14:00-16:00"},
		{"mandag og onsdag 10-12; fredag 9-11", "1 10:00-12:00, 3 10:00-12:00, 5 09:00-11:00"},
		{"mandag 10-12 og 14-16", "1 10:00-12:00, 1 14:00-16:00"},
		{"10-12 mandag og onsdag", "1 10:00-12:00, 3 10:00-12:00"},
		{"man-fre 9-15", "1 09:00-15:00, 2 09:00-15:00, 3 09:00-15:00, 4 09:00-15:00, 5 09:00-15:00"},
		{"mandag til onsdag kl. 8-9", "1 08:00-09:00, 2 08:00-09:00, 3 08:00-09:00"},
		{"lør.-søn. 10-14", "6 10:00-14:00, 7 10:00-14:00"},
		{"Fri to Mon 18:00-20:00", "1 18:00-20:00, 5 18:00-20:00, 6 18:00-20:00, 7 18:00-20:00"},
		{"hverdage 8-9", "1 08:00-09:00, 2 08:00-09:00, 3 08:00-09:00, 4 08:00-09:00, 5 08:00-09:00"},
		{"weekend 10-12", "6 10:00-12:00, 7 10:00-12:00"},
		{"søndag 13-15\n", "7 13:00-15:00"},
		{"lørdag & søndag 13.00-15.00", "6 13:00-15:00, 7 13:00-15:00"},
		{"hver anden tirsdag kl. 19-21", "2 19:00-21:00 +note"},
		{"Man kan komme torsdag 10-12", "4 10:00-12:00 +note"},
		{"tirsdag 10-12 (ikke i skoleferier)", "2 10:00-12:00 +note"},
		{"mandag mandag 10-12", "1 10:00-12:00"},
		{"", ""},
		{"   ", ""},
	}
	for _, c := range cases {
		got, err := parseSchedule(c.text)
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		if s := describeSessions(got); s != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.text, s, c.want)
		}
	}
}

// TestParseScheduleText_Refuses reports what cannot be a weekly session instead of guessing.
func TestParseScheduleText_Refuses(t *testing.T) {
	for _, text := range []string{
		"mandag 25:00-26:00", // impossible time
		"mandag 14:75-16",    // impossible minutes
		"tirsdag 16-14",      // ends before it starts
		"efter aftale",       // no weekday, no time
		"mandag kl. 14",      // no end time
		"kl. 10-12",          // no weekday
		"mandag 10-12, fredag",
		"13pm-14pm",
	} {
		_, err := parseSchedule(text)
		var se *scheduleError
		if !errors.As(err, &se) || se.Message == "" {
			t.Errorf("%q: want a scheduleError saying what is wrong, got %v", text, err)
		}
	}
}

func describeSessions(ss []Session) string {
	var parts []string
	for _, s := range ss {
		p := fmt.Sprintf("%d %s-%s", s.Weekday, s.StartTime, s.EndTime)
		if s.Note != "" {
			p += " +note"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}
