package offerimport

import (
	"fmt"
	"regexp"
	"strings"
)

// columnAliases maps a normalised header (lower case, "_" as space) to the offer field
// it fills. "contact" is free text from which a phone number and an email are split out.
var columnAliases = map[string]string{
	"navn": "title", "name": "title", "title": "title", "titel": "title", "aktivitet": "title", "tilbud": "title", "activity": "title",
	"organisation": "organisation", "organization": "organisation", "forening": "organisation", "arrangør": "organisation",
	"udbyder": "organisation", "organiser": "organisation", "organizer": "organisation", "provider": "organisation",
	"målgruppe": "target_group", "target group": "target_group",
	"formål": "purpose", "purpose": "purpose",
	"indhold": "description", "content": "description", "description": "description", "beskrivelse": "description",
	"adresse": "address_line", "address": "address_line", "address line": "address_line", "mødested": "address_line",
	"postnr": "postal_code", "postnummer": "postal_code", "postal code": "postal_code", "postcode": "postal_code", "zip": "postal_code",
	"by": "city", "city": "city", "postdistrikt": "city", "town": "city",
	"kontakt": "contact", "contact": "contact", "kontaktperson": "contact", "contact person": "contact", "contact name": "contact",
	"telefon": "contact_phone", "phone": "contact_phone", "tlf": "contact_phone", "telefonnummer": "contact_phone",
	"contact phone": "contact_phone", "phone number": "contact_phone",
	"email": "contact_email", "e-mail": "contact_email", "mail": "contact_email", "contact email": "contact_email",
	"hjemmeside": "url", "url": "url", "website": "url", "web": "url", "link": "url",
	"tidspunkt": "schedule", "tidspunkter": "schedule", "tid": "schedule", "mødetid": "schedule", "mødetider": "schedule",
	"schedule": "schedule", "when": "schedule", "time": "schedule", "times": "schedule",
}

// mapColumns says which offer field each column fills ("" for columns it ignores). A
// missing title column or two columns for one field are problems in row 1.
func mapColumns(header []string) (cols []string, ignored []string, problems []RowError) {
	seen := map[string]string{}
	for _, h := range header {
		key := normaliseHeader(h)
		field := columnAliases[key]
		cols = append(cols, field)
		switch {
		case field == "" && key != "":
			ignored = append(ignored, strings.TrimSpace(h))
		case field != "" && seen[field] != "":
			problems = append(problems, RowError{Row: 1, Field: field,
				Message: fmt.Sprintf("The columns %q and %q both fill the %s; keep one.", seen[field], strings.TrimSpace(h), fieldWords(field))})
		case field != "":
			seen[field] = strings.TrimSpace(h)
		}
	}
	if seen["title"] == "" {
		problems = append(problems, RowError{Row: 1, Field: "title", Message: "No column holds the offer's title; name one \"navn\" or \"title\"."})
	}
	return cols, ignored, problems
}

func normaliseHeader(h string) string {
	h = strings.ToLower(strings.ReplaceAll(h, "_", " "))
	h = strings.Join(strings.Fields(h), " ")
	return strings.TrimRight(h, ":.")
}

// Fields are one row's offer fields as written, trimmed, with the contact text split into a
// name, a phone number and an email, and the schedule text read into sessions.
type Fields struct {
	Title, Organisation, TargetGroup, Purpose, Description string
	AddressLine, PostalCode, City                          string
	ContactName, ContactPhone, ContactEmail, URL           string
	Schedules                                              []Session
}

// buildRow reads one row's fields and hands them to build; a schedule problem comes first and
// names "schedule", the column the link worker has to fix.
func buildRow[T any](cols, rec []string, row int, build BuildFunc[T]) (T, []RowError) {
	v := map[string]string{}
	for i, field := range cols {
		if field != "" && i < len(rec) {
			v[field] = strings.TrimSpace(rec[i])
		}
	}
	name, phone, email := splitContact(v["contact"])
	f := Fields{Title: v["title"], Organisation: v["organisation"], TargetGroup: v["target_group"], Purpose: v["purpose"],
		Description: v["description"], AddressLine: v["address_line"], PostalCode: v["postal_code"], City: v["city"],
		ContactName: name, ContactPhone: firstNonEmpty(phoneInText(v["contact_phone"]), phone),
		ContactEmail: firstNonEmpty(v["contact_email"], email), URL: v["url"]}
	var problems []RowError
	schedules, err := parseSchedule(v["schedule"])
	if err != nil {
		problems = append(problems, RowError{Row: row, Field: "schedule", Message: err.Error()})
	}
	f.Schedules = schedules
	item, built := build(f)
	for _, p := range built {
		p.Row = row
		problems = append(problems, p)
	}
	return item, problems
}

var (
	emailInText = regexp.MustCompile(`[^\s@<>(),;:"'\[\]]+@[^\s@<>(),;:"'\[\]]+\.[^\s@<>(),;:"'\[\].]+`)
	phoneRE     = regexp.MustCompile(`(?:\+|00)?\d[\d \-]{6,}\d`)
	// contactLabels are the words people put before a number or address ("tlf.", "mail:").
	contactLabels = regexp.MustCompile(`(?i)\b(tlf|telefon|tel|phone|mobil|mobile|e-mail|email|mail)\b\.?:?`)
)

// splitContact splits free contact text ("Hanne Holm, tlf. 20 30 40 50, hanne@klub.dk") into
// a name, a phone number and an email; labels and separators left over are dropped.
func splitContact(text string) (name, phone, email string) {
	email = emailInText.FindString(text)
	rest := strings.Replace(text, email, " ", 1)
	phone = strings.TrimSpace(phoneRE.FindString(rest))
	if phone != "" {
		rest = strings.Replace(rest, phone, " ", 1)
	}
	rest = contactLabels.ReplaceAllString(rest, " ")
	name = strings.Trim(strings.Join(strings.Fields(rest), " "), " ,;:/-–()")
	return name, phone, email
}

// phoneInText takes the number out of a phone cell that also has a label ("Tlf. 20 30 40 50"),
// or returns the cell as it is so validation can say what is wrong with it.
func phoneInText(cell string) string {
	if p := phoneRE.FindString(cell); p != "" {
		return strings.TrimSpace(p)
	}
	return cell
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// fieldWords turns a field name into words for a sentence ("target_group" → "target group").
func fieldWords(field string) string { return strings.ReplaceAll(field, "_", " ") }
