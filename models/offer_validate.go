package models

import (
	"fmt"
	"net/mail"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxSchedulesPerOffer bounds an offer's weekly sessions; a real club meets a few times a week.
const maxSchedulesPerOffer = 21

// offerTextLimits are the column sizes of offers (runes), so a too-long value is a sentence for
// the link worker rather than a database error.
var offerTextLimits = []struct {
	field string
	get   func(*Offer) *string
	max   int
}{
	{"organisation", func(o *Offer) *string { return &o.Organisation }, 200},
	{"title", func(o *Offer) *string { return &o.Title }, 200},
	{"description", func(o *Offer) *string { return &o.Description }, 10000},
	{"target_group", func(o *Offer) *string { return &o.TargetGroup }, 2000},
	{"purpose", func(o *Offer) *string { return &o.Purpose }, 2000},
	{"address_line", func(o *Offer) *string { return &o.AddressLine }, 200},
	{"postal_code", func(o *Offer) *string { return &o.PostalCode }, 10},
	{"city", func(o *Offer) *string { return &o.City }, 100},
	{"contact_name", func(o *Offer) *string { return &o.ContactName }, 200},
	{"contact_email", func(o *Offer) *string { return &o.ContactEmail }, 254},
	{"url", func(o *Offer) *string { return &o.URL }, 500},
}

// validate normalises the offer in place (trimmed text, E.164 phone, a scheme on a bare web
// address) and returns its first problem as an EINVALID error naming the field, or nil.
func (o *Offer) validate() error {
	if problems := o.problems(); len(problems) > 0 {
		return problems[0]
	}
	return nil
}

// problems normalises the offer like Validate and returns every problem, one per field, so an
// import can report a whole spreadsheet row at once.
func (o *Offer) problems() []*Error {
	var out []*Error
	for _, t := range offerTextLimits {
		v := t.get(o)
		*v = strings.TrimSpace(*v)
		if n := utf8.RuneCountInString(*v); n > t.max {
			out = append(out, Invalid(t.field, "The %s is %d characters long; at most %d fit.", fieldWords(t.field), n, t.max))
		}
	}
	if o.Title == "" {
		out = append(out, Invalid("title", "The offer needs a title."))
	}
	for _, check := range []func() *Error{o.normalizeContactPhone, o.checkContactEmail, o.normalizeURL} {
		if err := check(); err != nil {
			out = append(out, err)
		}
	}
	return append(out, validateSchedules(o.Schedules)...)
}

func (o *Offer) normalizeContactPhone() *Error {
	o.ContactPhone = strings.TrimSpace(o.ContactPhone)
	if o.ContactPhone == "" {
		return nil
	}
	e164, err := NormalizePhone(o.ContactPhone)
	if err != nil {
		return Invalid("contact_phone", "The contact phone number %q could not be read as a phone number.", o.ContactPhone)
	}
	o.ContactPhone = e164
	return nil
}

func (o *Offer) checkContactEmail() *Error {
	if o.ContactEmail == "" || validEmail(o.ContactEmail) {
		return nil
	}
	return Invalid("contact_email", "The contact email %q is not an email address.", o.ContactEmail)
}

// normalizeURL accepts http and https addresses; "www.klub.dk", as directories often write it,
// becomes "https://www.klub.dk".
func (o *Offer) normalizeURL() *Error {
	if o.URL == "" {
		return nil
	}
	if !strings.Contains(o.URL, "://") && strings.Contains(o.URL, ".") && !strings.ContainsAny(o.URL, " @") {
		o.URL = "https://" + o.URL
	}
	u, err := url.Parse(o.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Invalid("url", "The web address %q must start with http:// or https://.", o.URL)
	}
	return nil
}

// validEmail reports whether s is a bare email address (no display name) with a dotted domain.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

func validateSchedules(ss []OfferSchedule) []*Error {
	if len(ss) > maxSchedulesPerOffer {
		return []*Error{Invalid("schedules", "An offer can have at most %d weekly sessions.", maxSchedulesPerOffer)}
	}
	var out []*Error
	for i := range ss {
		s := &ss[i]
		s.Note = strings.TrimSpace(s.Note)
		field := fmt.Sprintf("schedules[%d]", i)
		if err := validateSession(field, s.Weekday, s.StartTime, s.EndTime); err != nil {
			out = append(out, err)
		} else if utf8.RuneCountInString(s.Note) > 200 {
			out = append(out, Invalid(field+".note", "A session note can be at most 200 characters."))
		}
	}
	return out
}

// validateSession checks one weekly session: an ISO weekday (1 Monday … 7 Sunday) and "HH:MM"
// times with the end after the start. Errors name field plus the part at fault.
func validateSession(field string, weekday int, start, end string) *Error {
	if weekday < 1 || weekday > 7 {
		return Invalid(field+".weekday", "The weekday must be 1 (Monday) to 7 (Sunday).")
	}
	return validateTimes(field, start, end)
}

// validateTimes checks a pair of "HH:MM" times of day with the end after the start.
func validateTimes(field, start, end string) *Error {
	prefix := ""
	if field != "" {
		prefix = field + "."
	}
	if !validClock(start) {
		return Invalid(prefix+"start_time", "The start time %q must be a time of day written HH:MM.", start)
	}
	if !validClock(end) {
		return Invalid(prefix+"end_time", "The end time %q must be a time of day written HH:MM.", end)
	}
	if end <= start {
		return Invalid(prefix+"end_time", "The end time %s must be after the start time %s.", end, start)
	}
	return nil
}

// validClock reports whether s is a time of day written "HH:MM" (00:00 to 23:59). Such strings
// compare correctly as text, which validateTimes relies on.
func validClock(s string) bool {
	if len(s) != 5 || s[2] != ':' {
		return false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s[:2] <= "23" && s[3:] <= "59"
}

// fieldWords turns a field name into words for a sentence ("target_group" → "target group").
func fieldWords(field string) string { return strings.ReplaceAll(field, "_", " ") }
