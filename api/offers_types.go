package api

import (
	"time"

	"brobygger/models"
)

// offerBody is the offer as a link worker writes it (POST and the full replace of PUT).
type offerBody struct {
	offerFields
	// Active defaults to true: a full replace that leaves it out must not quietly deactivate.
	Active    *bool          `json:"active"`
	Schedules []scheduleBody `json:"schedules"`
}

// scheduleBody is one weekly session of an offer.
type scheduleBody struct {
	Weekday   int    `json:"weekday"`
	StartTime string `json:"start_time"`
	EndTime   string `json:"end_time"`
	Note      string `json:"note"`
}

// offerResponse is an offer as the API shows it.
type offerResponse struct {
	ID string `json:"id"`
	offerFields
	Active    bool           `json:"active"`
	Schedules []scheduleBody `json:"schedules"`
	// CreatedByID is who added the offer (null for offers from before it was recorded);
	// Editable says whether the caller may change or deactivate it.
	CreatedByID *string   `json:"created_by_id"`
	Editable    bool      `json:"editable"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// offerFields are the descriptive fields shared by requests, responses and the import preview.
type offerFields struct {
	Organisation string `json:"organisation"`
	Title        string `json:"title"`
	Description  string `json:"description"`
	TargetGroup  string `json:"target_group"`
	Purpose      string `json:"purpose"`
	AddressLine  string `json:"address_line"`
	PostalCode   string `json:"postal_code"`
	City         string `json:"city"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	ContactEmail string `json:"contact_email"`
	URL          string `json:"url"`
}

type offerPageResponse struct {
	Items      []offerResponse `json:"items"`
	NextCursor string          `json:"next_cursor,omitempty"`
}

func offerFieldsOf(o *models.Offer) offerFields {
	return offerFields{Organisation: o.Organisation, Title: o.Title, Description: o.Description, TargetGroup: o.TargetGroup,
		Purpose: o.Purpose, AddressLine: o.AddressLine, PostalCode: o.PostalCode, City: o.City, ContactName: o.ContactName,
		ContactPhone: o.ContactPhone, ContactEmail: o.ContactEmail, URL: o.URL}
}

func schedulesOf(ss []models.OfferSchedule) []scheduleBody {
	out := make([]scheduleBody, 0, len(ss))
	for _, s := range ss {
		out = append(out, scheduleBody{Weekday: s.Weekday, StartTime: s.StartTime, EndTime: s.EndTime, Note: s.Note})
	}
	return out
}

func offerResponseOf(o *models.Offer, viewer models.OfferEditor) offerResponse {
	return offerResponse{ID: o.ID, offerFields: offerFieldsOf(o), Active: o.Active, Schedules: schedulesOf(o.Schedules),
		CreatedByID: o.CreatedByID, Editable: viewer.MayEdit(o), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
}

// model turns the request into an offer for the store, which validates it.
func (b offerBody) model(id string) models.Offer {
	o := models.Offer{ID: id, Organisation: b.Organisation, Title: b.Title, Description: b.Description,
		TargetGroup: b.TargetGroup, Purpose: b.Purpose, AddressLine: b.AddressLine, PostalCode: b.PostalCode,
		City: b.City, ContactName: b.ContactName, ContactPhone: b.ContactPhone, ContactEmail: b.ContactEmail,
		URL: b.URL, Active: b.Active == nil || *b.Active}
	for _, s := range b.Schedules {
		o.Schedules = append(o.Schedules, models.OfferSchedule{Weekday: s.Weekday, StartTime: s.StartTime, EndTime: s.EndTime, Note: s.Note})
	}
	return o
}
