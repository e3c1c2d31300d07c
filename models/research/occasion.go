package research

import "time"

// Occasion is a measurement point of the evaluation protocol, counted in days from the day the
// referral was received (day 0).
type Occasion struct {
	// Key names the occasion in the export ("baseline", "month3", "month9").
	Key string
	// TargetDay is when the protocol wants the measurement.
	TargetDay int
	// WindowStart and WindowEnd (inclusive) bound the answers that count for the occasion.
	WindowStart, WindowEnd int
}

// The protocol's occasions. The windows do not overlap, so one answer belongs to at most one
// occasion. Baseline opens two weeks before the referral day (a check-in answered just before
// the referral was registered) and closes after 30 days, which gives a slow first contact time;
// the follow-ups allow roughly two weeks before and a month to two months after their target,
// as postal and SMS follow-ups in such studies commonly do.
var (
	Baseline = Occasion{Key: "baseline", TargetDay: 0, WindowStart: -14, WindowEnd: 30}
	Month3   = Occasion{Key: "month3", TargetDay: 91, WindowStart: 76, WindowEnd: 120}
	Month9   = Occasion{Key: "month9", TargetDay: 273, WindowStart: 240, WindowEnd: 330}
)

// Occasions lists the protocol's occasions in time order.
func Occasions() []Occasion { return []Occasion{Baseline, Month3, Month9} }

// OccasionByKey finds an occasion by its key.
func OccasionByKey(key string) (Occasion, bool) {
	for _, o := range Occasions() {
		if o.Key == key {
			return o, true
		}
	}
	return Occasion{}, false
}

// contains reports whether day (days since the referral) lies in the occasion's window.
func (o Occasion) contains(day int) bool { return day >= o.WindowStart && day <= o.WindowEnd }

// distance is how far day lies from the target; nearer answers win.
func (o Occasion) distance(day int) int { return max(day-o.TargetDay, o.TargetDay-day) }

// state says whether an occasion's window is still to come, open or over at now.
func (o Occasion) state(referredAt, now time.Time, loc *time.Location) string {
	today := daysSince(referredAt, now, loc)
	switch {
	case today < o.WindowStart:
		return "not_started"
	case today <= o.WindowEnd:
		return "open"
	default:
		return "closed"
	}
}

// daysSince counts whole calendar days from from's local date to at's local date in loc, so an
// answer on the evening of the referral day is day 0 and one the next morning day 1, whatever
// the hours. A date is a local matter: Copenhagen's midnight, not UTC's.
func daysSince(from, at time.Time, loc *time.Location) int {
	fy, fm, fd := from.In(loc).Date()
	ay, am, ad := at.In(loc).Date()
	a := time.Date(fy, fm, fd, 12, 0, 0, 0, time.UTC)
	b := time.Date(ay, am, ad, 12, 0, 0, 0, time.UTC)
	return int(b.Sub(a).Round(24*time.Hour) / (24 * time.Hour))
}
