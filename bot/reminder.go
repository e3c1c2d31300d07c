package bot

import (
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
)

// ActivityReminder is one session of an activity to remind a citizen of.
type ActivityReminder struct {
	Activity string
	Place    string
	// Start is when the session begins; SendAt when the reminder goes out.
	Start, SendAt time.Time
}

// ReminderSMS renders the reminder in the citizen's language. "Today" or "tomorrow" is decided
// by the local dates of SendAt and Start, and the time is the local clock time of the start.
func (e *Engine) ReminderSMS(c *models.Citizen, r ActivityReminder) string {
	loc := e.cfg.Location
	when := "reminder_today"
	if calendar.DateIn(r.SendAt, loc) != calendar.DateIn(r.Start, loc) {
		when = "reminder_tomorrow"
	}
	return e.texts.Text("reminder", c.Language, map[string]string{
		"first": firstName(c.Name), "activity": r.Activity, "place": r.Place,
		"when": e.texts.Raw(when, c.Language), "time": r.Start.In(loc).Format("15:04"),
	})
}
