package api

import (
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"
)

// The HSDS 3.0 (Open Referral) shape of the directory: an offer is a service, its organisation
// an organization, its address a physical location, its sessions WEEKLY schedules.
type hsdsService struct {
	ID                     string                `json:"id"`
	Name                   string                `json:"name"`
	Description            string                `json:"description"`
	URL                    string                `json:"url,omitempty"`
	Email                  string                `json:"email,omitempty"`
	Status                 string                `json:"status"`
	EligibilityDescription string                `json:"eligibility_description,omitempty"`
	Organization           *hsdsOrganization     `json:"organization,omitempty"`
	ServiceAtLocations     []hsdsServiceLocation `json:"service_at_locations"`
	Phones                 []hsdsPhone           `json:"phones"`
	Contacts               []hsdsContact         `json:"contacts"`
	Schedules              []hsdsSchedule        `json:"schedules"`
}

type hsdsOrganization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type hsdsServiceLocation struct {
	ID       string       `json:"id"`
	Location hsdsLocation `json:"location"`
}

type hsdsLocation struct {
	ID           string        `json:"id"`
	LocationType string        `json:"location_type"`
	Name         string        `json:"name"`
	Addresses    []hsdsAddress `json:"addresses"`
}

type hsdsAddress struct {
	ID            string `json:"id"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

type hsdsPhone struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	Type   string `json:"type"`
}

type hsdsContact struct {
	ID     string      `json:"id"`
	Name   string      `json:"name,omitempty"`
	Email  string      `json:"email,omitempty"`
	Phones []hsdsPhone `json:"phones"`
}

type hsdsSchedule struct {
	ID          string `json:"id"`
	Freq        string `json:"freq"`
	ByDay       string `json:"byday"`
	OpensAt     string `json:"opens_at"`
	ClosesAt    string `json:"closes_at"`
	Description string `json:"description"`
	Notes       string `json:"notes,omitempty"`
}

// hsdsNamespace derives stable ids for the HSDS objects we do not store (organization,
// LocalZone, phone, contact), so a consumer that imports the export twice sees the same ids.
var hsdsNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:brobygger:hsds"))

func hsdsID(parts ...string) string {
	return uuid.NewSHA1(hsdsNamespace, []byte(strings.Join(parts, "\x00"))).String()
}

var hsdsDays = [8]string{"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"}
var hsdsDayNames = [8]string{"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

// handleExportOffersHSDS exports the directory as HSDS 3.0 services, active offers only
// unless ?include_inactive=true.
func (h *handlers) handleExportOffersHSDS(c *fiber.Ctx) error {
	all, err := optionalBoolQuery(c, "include_inactive")
	if err != nil {
		return err
	}
	offers, err := h.deps.Store.OffersForExport(c.UserContext(), all != nil && *all)
	if err != nil {
		return err
	}
	out := make([]hsdsService, 0, len(offers))
	for i := range offers {
		out = append(out, hsdsServiceOf(&offers[i]))
	}
	return c.JSON(out)
}

func hsdsServiceOf(o *models.Offer) hsdsService {
	s := hsdsService{ID: o.ID, Name: o.Title, Description: hsdsDescription(o), URL: o.URL, Email: o.ContactEmail,
		Status: "inactive", EligibilityDescription: o.TargetGroup, ServiceAtLocations: []hsdsServiceLocation{},
		Phones: []hsdsPhone{}, Contacts: []hsdsContact{}, Schedules: make([]hsdsSchedule, 0, len(o.Schedules))}
	if o.Active {
		s.Status = "active"
	}
	if o.Organisation != "" {
		key := strings.ToLower(o.Organisation)
		s.Organization = &hsdsOrganization{ID: hsdsID("organization", key), Name: o.Organisation, Description: ""}
	}
	if o.AddressLine != "" || o.PostalCode != "" || o.City != "" {
		s.ServiceAtLocations = append(s.ServiceAtLocations, hsdsLocationOf(o))
	}
	if o.ContactPhone != "" {
		s.Phones = append(s.Phones, hsdsPhone{ID: hsdsID(o.ID, "phone"), Number: o.ContactPhone, Type: "voice"})
	}
	if o.ContactName != "" || o.ContactEmail != "" {
		s.Contacts = append(s.Contacts, hsdsContact{ID: hsdsID(o.ID, "contact"), Name: o.ContactName, Email: o.ContactEmail, Phones: s.Phones})
	}
	for _, sc := range o.Schedules {
		s.Schedules = append(s.Schedules, hsdsSchedule{ID: sc.ID, Freq: "WEEKLY", ByDay: hsdsDays[sc.Weekday],
			OpensAt: sc.StartTime, ClosesAt: sc.EndTime, Notes: sc.Note,
			Description: "Every " + hsdsDayNames[sc.Weekday] + " " + sc.StartTime + "-" + sc.EndTime + " local time"})
	}
	return s
}

// hsdsDescription folds the purpose into the description: HSDS has no field of its own for it.
func hsdsDescription(o *models.Offer) string {
	if o.Purpose == "" {
		return o.Description
	}
	if o.Description == "" {
		return o.Purpose
	}
	return o.Description + "\n\n" + o.Purpose
}

func hsdsLocationOf(o *models.Offer) hsdsServiceLocation {
	name := o.AddressLine
	if o.Organisation != "" {
		name = o.Organisation
	}
	return hsdsServiceLocation{ID: hsdsID(o.ID, "service_at_location"), Location: hsdsLocation{
		ID: hsdsID(o.ID, "location"), LocationType: "physical", Name: name,
		Addresses: []hsdsAddress{{ID: hsdsID(o.ID, "address"), Address1: o.AddressLine, City: o.City,
			PostalCode: o.PostalCode, Country: "DK", AddressType: "physical"}},
	}}
}
