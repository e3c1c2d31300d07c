package models

import (
	"bytes"
	"errors"
	"strings"

	"brobygger/models/offerimport"
)

// OfferCSV is a directory spreadsheet read and validated, ready for CreateOffersBy.
type OfferCSV struct {
	Offers []Offer
	// Rows holds the spreadsheet row each offer came from.
	Rows []int
	// Ignored lists the headers, as written, of columns no offer field matched.
	Ignored []string
}

// ParseOfferCSV reads a directory exported from a spreadsheet (offerimport.Parse: Danish or
// English headers, Excel's encodings and separators) and validates every row as an Offer; if any
// row has a problem the result is an *ImportError listing them all.
func ParseOfferCSV(data []byte) (*OfferCSV, error) {
	// No spreadsheet writes a NUL, and PostgreSQL cannot store one: the file is refused whole.
	// (Bytes that are not UTF-8 are read as Windows-1252, the other encoding Excel writes.)
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, Invalid("file", "The file holds a NUL character (\\u0000); it is not a text spreadsheet. Save it again as CSV.")
	}
	sheet, err := offerimport.Parse(data, offerFromFields)
	var ie *offerimport.Error
	if errors.As(err, &ie) {
		return nil, &ImportError{Rows: ie.Rows}
	}
	if err != nil {
		return nil, err
	}
	return &OfferCSV{Offers: sheet.Items, Rows: sheet.Rows, Ignored: sheet.Ignored}, nil
}

// offerFromFields builds and validates one row's offer; a problem with a session names
// "schedule", the column the link worker has to fix.
func offerFromFields(f offerimport.Fields) (Offer, []RowError) {
	o := Offer{Title: f.Title, Organisation: f.Organisation, TargetGroup: f.TargetGroup, Purpose: f.Purpose,
		Description: f.Description, AddressLine: f.AddressLine, PostalCode: f.PostalCode, City: f.City,
		ContactName: f.ContactName, ContactPhone: f.ContactPhone, ContactEmail: f.ContactEmail, URL: f.URL, Active: true}
	for _, s := range f.Schedules {
		o.Schedules = append(o.Schedules, OfferSchedule{Weekday: s.Weekday, StartTime: s.StartTime, EndTime: s.EndTime, Note: s.Note})
	}
	var problems []RowError
	for _, p := range o.problems() {
		field := p.Field
		if strings.HasPrefix(field, "schedules") {
			field = "schedule"
		}
		problems = append(problems, RowError{Field: field, Message: p.Message})
	}
	return o, problems
}
