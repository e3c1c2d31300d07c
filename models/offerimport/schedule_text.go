package offerimport

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Session is one weekly session read from a schedule text: an ISO weekday (1 Monday … 7
// Sunday), "HH:MM" times, and the whole text as a note when it held words no weekly session can
// express.
type Session struct {
	Weekday            int
	StartTime, EndTime string
	Note               string
}

// scheduleError says, in a sentence for the link worker, why a schedule text cannot be read as
// weekly sessions.
type scheduleError struct {
	Message string
}

func (e *scheduleError) Error() string { return e.Message }

func scheduleProblem(format string, args ...any) error {
	return &scheduleError{Message: fmt.Sprintf(format, args...)}
}

// parseSchedule reads the weekly sessions out of a directory's free-text "when" column, in
// Danish or English: "mandag 14-16", "tirsdag og torsdag kl. 10.00-12.00", "man-fre 9-15",
// "Mon 14:00-16:00", "10-12 mandag og onsdag", "mandag 10-12 og 14-16".
//
// Words it does not understand ("hver anden", "i lige uger") cannot be expressed as a weekly
// session, so the whole text is kept as each session's note rather than silently dropped. Text
// that names no weekday with a time, or an impossible time, is a *scheduleError. An empty text
// is no sessions.
func parseSchedule(text string) ([]Session, error) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return nil, nil
	}
	toks, err := scheduleTokens(text)
	if err != nil {
		return nil, err
	}
	groups, unknown := groupSessions(toks)
	return sessionsFromGroups(text, groups, unknown)
}

type schedTokKind int

const (
	tokDays  schedTokKind = iota // one weekday or a set ("hverdage")
	tokRange                     // a time range "14-16"
	tokLink                      // "-" or "til"/"to" (a day range when between days)
	tokNoise                     // words that carry no schedule ("kl.", "og", "hver")
	tokOther                     // anything else: kept as the note
)

type schedTok struct {
	kind       schedTokKind
	days       []int
	start, end string
}

// scheduleTokenRE finds, in order: time ranges ("14-16", "10.00 - 12.30", "9 til kl. 11", "2pm-4pm"),
// numbers, words (with an abbreviation's dot) and dashes. Everything else separates.
var scheduleTokenRE = regexp.MustCompile(`(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)?\s*(?:-|til\b|to\b|until\b)\s*(?:kl\.?\s*)?(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm)?\b` +
	`|\d+(?:[.:]\d+)?|\p{L}+\.?|-`)

func scheduleTokens(text string) ([]schedTok, error) {
	lower := strings.NewReplacer("–", "-", "—", "-", "‐", "-").Replace(strings.ToLower(text))
	matches := scheduleTokenRE.FindAllStringSubmatch(lower, -1)
	toks := make([]schedTok, 0, len(matches))
	for i, m := range matches {
		switch {
		case m[1] != "" && m[4] != "":
			start, end, err := clockRange(text, m)
			if err != nil {
				return nil, err
			}
			toks = append(toks, schedTok{kind: tokRange, start: start, end: end})
		case m[0] == "-":
			toks = append(toks, schedTok{kind: tokLink})
		default:
			toks = append(toks, classifyScheduleWord(matches, i))
		}
	}
	return toks, nil
}

// clockRange turns a matched range into "HH:MM" times, refusing "25:00" and ranges that end
// before they start.
func clockRange(text string, m []string) (string, string, error) {
	start, ok1 := clockOf(m[1], m[2], m[3])
	end, ok2 := clockOf(m[4], m[5], m[6])
	if !ok1 || !ok2 {
		return "", "", scheduleProblem("The schedule %q has an impossible time of day in %q.", text, strings.TrimSpace(m[0]))
	}
	if end <= start {
		return "", "", scheduleProblem("In the schedule %q the session %q ends before it starts.", text, strings.TrimSpace(m[0]))
	}
	return start, end, nil
}

func clockOf(hour, minute, ampm string) (string, bool) {
	h, _ := strconv.Atoi(hour)
	m := 0
	if minute != "" {
		m, _ = strconv.Atoi(minute)
	}
	switch ampm {
	case "am", "pm":
		if h < 1 || h > 12 {
			return "", false
		}
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	}
	if h > 23 || m > 59 {
		return "", false
	}
	return strconv.Itoa(100 + h)[1:] + ":" + strconv.Itoa(100 + m)[1:], true
}

// groupSessions pairs weekdays with times. Days followed by times form a group ("mandag og
// onsdag 10-12"); times may also come first ("10-12 mandag"); a day after a finished group
// starts the next one ("mandag 10-12, fredag 9-11").
func groupSessions(toks []schedTok) (groups []sessionGroup, unknown bool) {
	var cur sessionGroup
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.kind {
		case tokDays:
			if len(cur.times) > 0 && len(cur.days) > 0 && !cur.timesFirst {
				groups, cur = append(groups, cur), sessionGroup{}
			}
			if len(cur.times) > 0 && len(cur.days) == 0 {
				cur.timesFirst = true
			}
			days, used := dayRange(toks, i)
			cur.days, i = append(cur.days, days...), i+used
		case tokRange:
			if cur.timesFirst && len(cur.days) > 0 {
				groups, cur = append(groups, cur), sessionGroup{}
			}
			cur.times = append(cur.times, [2]string{t.start, t.end})
		case tokOther:
			unknown = true
		}
	}
	if len(cur.days) > 0 || len(cur.times) > 0 {
		groups = append(groups, cur)
	}
	return groups, unknown
}

type sessionGroup struct {
	days  []int
	times [][2]string
	// timesFirst: the group's times came before its days ("10-12 mandag og onsdag").
	timesFirst bool
}

// dayRange expands "mandag-fredag" or "mon to fri" starting at toks[i] (wrapping past Sunday)
// and says how many extra tokens it used.
func dayRange(toks []schedTok, i int) ([]int, int) {
	from := toks[i]
	if len(from.days) == 1 && i+2 < len(toks) && toks[i+1].kind == tokLink &&
		toks[i+2].kind == tokDays && len(toks[i+2].days) == 1 {
		var days []int
		for d := from.days[0]; ; d = d%7 + 1 {
			days = append(days, d)
			if d == toks[i+2].days[0] {
				return days, 2
			}
		}
	}
	return from.days, 0
}

func sessionsFromGroups(text string, groups []sessionGroup, unknown bool) ([]Session, error) {
	if len(groups) == 0 {
		return nil, scheduleProblem("The schedule %q names no weekday and time; write e.g. \"mandag 14-16\", or leave it empty and put the text in the description.", text)
	}
	note := ""
	if unknown {
		note = truncateRunes(text, 200)
	}
	seen := map[[3]string]bool{}
	var out []Session
	for _, g := range groups {
		if len(g.days) == 0 {
			return nil, scheduleProblem("The schedule %q gives a time but no weekday for it.", text)
		}
		if len(g.times) == 0 {
			return nil, scheduleProblem("The schedule %q names a weekday without a time like 14-16.", text)
		}
		for _, d := range g.days {
			for _, t := range g.times {
				key := [3]string{strconv.Itoa(d), t[0], t[1]}
				if !seen[key] {
					seen[key] = true
					out = append(out, Session{Weekday: d, StartTime: t[0], EndTime: t[1], Note: note})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Weekday != out[j].Weekday {
			return out[i].Weekday < out[j].Weekday
		}
		return out[i].StartTime < out[j].StartTime
	})
	return out, nil
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
