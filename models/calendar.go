package models

import (
	"errors"

	"brobygger/models/calendar"
)

// The calendar's types under their old names: the store's methods and many callers speak of them.
type (
	// Date is calendar.Date: a day with no time of day and no zone.
	Date = calendar.Date
	// SendWindow is calendar.SendWindow: when scheduled SMS may go out.
	SendWindow = calendar.SendWindow
	// ClosedDate is calendar.ClosedDate: an extra day without scheduled SMS.
	ClosedDate = calendar.ClosedDate
	// ClosedDays is calendar.ClosedDays: the site's choice of closed days.
	ClosedDays = calendar.ClosedDays
)

// ParseClosedDayList is calendar.ParseClosedDayList with its error as the domain EINVALID error
// the API shows an admin.
func ParseClosedDayList(days []string) ([]ClosedDate, error) {
	out, err := calendar.ParseClosedDayList(days)
	return out, fromCalendar(err)
}

// fromCalendar turns the calendar's invalid-input error into the domain error callers expect,
// keeping the field and the message.
func fromCalendar(err error) error {
	var ie *calendar.InvalidError
	if errors.As(err, &ie) {
		return Invalid(ie.Field, "%s", ie.Message)
	}
	return err
}
