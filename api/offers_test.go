package api_test

import (
	"brobygger/api/apitest"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

type offerPage struct {
	Items      []apitest.OfferOut `json:"items"`
	NextCursor string             `json:"next_cursor"`
}

func listOffers(e *apitest.Env, token string, query url.Values) offerPage {
	e.T.Helper()
	res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers?"+query.Encode(), nil, token))
	if res.Status != 200 {
		e.T.Fatalf("list offers: %d %s", res.Status, res.Body)
	}
	var p offerPage
	res.JSON(e.T, &p)
	return p
}

// errorField returns error.field from an error body.
func errorField(t *testing.T, r apitest.Response) string {
	t.Helper()
	var e struct {
		Error struct{ Field string }
	}
	r.JSON(t, &e)
	return e.Error.Field
}

func TestOffers_CRUDRoundTrip(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)

		o := apitest.CreateOffer(e, lw.AccessToken, apitest.KnittingClub())
		if o.ContactPhone != "+4520304050" || o.URL != "https://www.strik.dk" || !o.Active {
			t.Fatalf("not normalised: %+v", o)
		}
		if len(o.Schedules) != 2 || o.Schedules[0].Weekday != 1 || o.Schedules[0].Note != "Ikke i juli" || o.Schedules[1].Weekday != 4 {
			t.Fatalf("schedules not in weekday order: %+v", o.Schedules)
		}
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers/"+o.ID, nil, admin.AccessToken))
		var got apitest.OfferOut
		res.JSON(t, &got)
		if res.Status != 200 || got.Title != "Strikkeklub" || len(got.Schedules) != 2 || got.Schedules[1].StartTime != "10:00" {
			t.Fatalf("get: %d %s", res.Status, res.Body)
		}
		walk := apitest.CreateOffer(e, admin.AccessToken, map[string]any{"title": "Gåtur i Valbyparken", "organisation": "DGI"})

		if p := listOffers(e, lw.AccessToken, url.Values{"q": {"STRIK"}}); len(p.Items) != 1 || p.Items[0].ID != o.ID {
			t.Fatalf("search by title: %+v", p)
		}
		if p := listOffers(e, lw.AccessToken, url.Values{"q": {"dgi"}}); len(p.Items) != 1 || p.Items[0].ID != walk.ID {
			t.Fatalf("search by organisation: %+v", p)
		}
		first := listOffers(e, lw.AccessToken, url.Values{"limit": {"1"}})
		if len(first.Items) != 1 || first.Items[0].ID != walk.ID || first.NextCursor == "" {
			t.Fatalf("first page (by title): %+v", first)
		}
		second := listOffers(e, lw.AccessToken, url.Values{"limit": {"1"}, "cursor": {first.NextCursor}})
		if len(second.Items) != 1 || second.Items[0].ID != o.ID || second.NextCursor != "" {
			t.Fatalf("second page: %+v", second)
		}

		e.Clock.Advance(time.Minute) // access tokens live 15 minutes
		replaced := map[string]any{"title": "Strik og snak", "schedules": []map[string]any{{"weekday": 3, "start_time": "09:30", "end_time": "11:00"}}}
		res = e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/offers/"+o.ID, replaced, lw.AccessToken))
		res.JSON(t, &got)
		if res.Status != 200 || got.Title != "Strik og snak" || got.Organisation != "" || got.ContactPhone != "" || !got.Active ||
			len(got.Schedules) != 1 || got.Schedules[0].Weekday != 3 || !got.CreatedAt.Equal(o.CreatedAt) || !got.UpdatedAt.After(o.UpdatedAt) {
			t.Fatalf("full replace: %d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers/"+o.ID, nil, lw.AccessToken))
		res.JSON(t, &got)
		if len(got.Schedules) != 1 || got.Schedules[0].StartTime != "09:30" || !got.CreatedAt.Equal(o.CreatedAt) {
			t.Fatalf("schedules not replaced: %s", res.Body)
		}

		if res := e.Client.Do(apitest.NewJSONRequest("DELETE", "/v1/offers/"+o.ID, nil, lw.AccessToken)); res.Status != 204 {
			t.Fatalf("deactivate: %d %s", res.Status, res.Body)
		}
		res = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers/"+o.ID, nil, lw.AccessToken))
		res.JSON(t, &got)
		if res.Status != 200 || got.Active {
			t.Fatalf("deactivated offer must remain, inactive: %d %s", res.Status, res.Body)
		}
		if p := listOffers(e, lw.AccessToken, url.Values{"active": {"false"}}); len(p.Items) != 1 || p.Items[0].ID != o.ID {
			t.Fatalf("inactive filter: %+v", p)
		}
		if p := listOffers(e, lw.AccessToken, url.Values{"active": {"true"}}); len(p.Items) != 1 || p.Items[0].ID != walk.ID {
			t.Fatalf("active filter: %+v", p)
		}
	})
}

func TestOffers_NotFoundAndAccess(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		missing := models.NewID()
		for _, req := range []*http.Request{
			apitest.NewJSONRequest("GET", "/v1/offers/"+missing, nil, lw.AccessToken),
			apitest.NewJSONRequest("PUT", "/v1/offers/"+missing, map[string]any{"title": "X"}, lw.AccessToken),
			apitest.NewJSONRequest("DELETE", "/v1/offers/"+missing, nil, lw.AccessToken),
		} {
			if res := e.Client.Do(req); res.Status != 404 || res.ErrorCode(t) != "ENOTFOUND" {
				t.Errorf("%s %s: %d %s", req.Method, req.URL.Path, res.Status, res.Body)
			}
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/offers/not-an-id", nil, lw.AccessToken)); res.Status != 404 {
			t.Errorf("malformed id: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers", nil, "")); res.Status != 401 {
			t.Errorf("no token: %d %s", res.Status, res.Body)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/offers?active=maybe", nil, lw.AccessToken)); res.Status != 400 || errorField(t, res) != "active" {
			t.Errorf("bad active filter: %d %s", res.Status, res.Body)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/offers?cursor=garbage", nil, lw.AccessToken)); res.Status != 400 || errorField(t, res) != "cursor" {
			t.Errorf("bad cursor: %d %s", res.Status, res.Body)
		}
	})
}

func TestOffers_ValidationErrorsNameTheField(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		with := func(k string, v any) map[string]any {
			b := apitest.KnittingClub()
			b[k] = v
			return b
		}
		session := func(day int, start, end string) []map[string]any {
			return []map[string]any{{"weekday": day, "start_time": start, "end_time": end}}
		}
		cases := []struct {
			name  string
			body  any
			field string
		}{
			{"no title", with("title", "   "), "title"},
			{"bad phone", with("contact_phone", "12"), "contact_phone"},
			{"bad email", with("contact_email", "hanne at strik"), "contact_email"},
			{"ftp url", with("url", "ftp://strik.dk/filer"), "url"},
			{"weekday 8", with("schedules", session(8, "10:00", "12:00")), "schedules[0].weekday"},
			{"25 o'clock", with("schedules", session(1, "25:00", "26:00")), "schedules[0].start_time"},
			{"ends before start", with("schedules", session(1, "12:00", "10:00")), "schedules[0].end_time"},
			{"title too long", with("title", strings.Repeat("x", 201)), "title"},
			{"unknown field", with("colour", "red"), "colour"},
		}
		for _, c := range cases {
			res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/offers", c.body, lw.AccessToken))
			if res.Status != 400 || res.ErrorCode(t) != "EINVALID" || errorField(t, res) != c.field {
				t.Errorf("%s: %d %s", c.name, res.Status, res.Body)
			}
		}
		req := apitest.NewJSONRequest("POST", "/v1/offers", apitest.KnittingClub(), lw.AccessToken)
		req.Header.Set("Content-Type", "text/plain")
		if res := e.Client.DoInvalid(req); res.Status != 415 {
			t.Errorf("text body: %d %s", res.Status, res.Body)
		}
		if p := listOffers(e, lw.AccessToken, url.Values{}); len(p.Items) != 0 {
			t.Fatalf("refused offers were stored: %+v", p.Items)
		}
	})
}

func TestOffers_ExportHSDS(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		club := apitest.CreateOffer(e, lw.AccessToken, apitest.KnittingClub())
		gone := apitest.CreateOffer(e, lw.AccessToken, map[string]any{"title": "Nedlagt kor", "active": false})

		type service struct {
			ID           string
			Name         string
			Status       string
			Organization struct{ ID, Name string }
			Locations    []struct {
				Location struct {
					LocationType string `json:"location_type"`
					Addresses    []struct {
						Address1   string `json:"address_1"`
						PostalCode string `json:"postal_code"`
						City       string
						Country    string
					}
				}
			} `json:"service_at_locations"`
			Phones    []struct{ Number string }
			Contacts  []struct{ Name, Email string }
			Schedules []struct {
				Freq     string
				ByDay    string `json:"byday"`
				OpensAt  string `json:"opens_at"`
				ClosesAt string `json:"closes_at"`
				Notes    string
			}
		}
		export := func(query string) []service {
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers/export.hsds.json"+query, nil, lw.AccessToken))
			if res.Status != 200 {
				t.Fatalf("export: %d %s", res.Status, res.Body)
			}
			var out []service
			res.JSON(t, &out)
			return out
		}
		got := export("")
		if len(got) != 1 || got[0].ID != club.ID || got[0].Name != "Strikkeklub" || got[0].Status != "active" {
			t.Fatalf("active services: %+v", got)
		}
		s := got[0]
		if s.Organization.Name != "Ældre Sagen Vesterbro" || s.Organization.ID == "" {
			t.Errorf("organization: %+v", s.Organization)
		}
		if len(s.Locations) != 1 || s.Locations[0].Location.LocationType != "physical" || len(s.Locations[0].Location.Addresses) != 1 {
			t.Fatalf("locations: %+v", s.Locations)
		}
		if a := s.Locations[0].Location.Addresses[0]; a.Address1 != "Vesterbrogade 10" || a.PostalCode != "1620" || a.City != "København V" || a.Country != "DK" {
			t.Errorf("address: %+v", a)
		}
		if len(s.Phones) != 1 || s.Phones[0].Number != "+4520304050" || len(s.Contacts) != 1 || s.Contacts[0].Name != "Hanne Holm" {
			t.Errorf("phones/contacts: %+v %+v", s.Phones, s.Contacts)
		}
		if len(s.Schedules) != 2 || s.Schedules[0].Freq != "WEEKLY" || s.Schedules[0].ByDay != "MO" || s.Schedules[0].OpensAt != "14:00" ||
			s.Schedules[0].ClosesAt != "16:00" || s.Schedules[0].Notes != "Ikke i juli" || s.Schedules[1].ByDay != "TH" {
			t.Errorf("schedules: %+v", s.Schedules)
		}
		if again := export(""); again[0].Organization.ID != s.Organization.ID {
			t.Errorf("derived ids are not stable")
		}
		all := export("?include_inactive=true")
		if len(all) != 2 || all[0].ID != gone.ID || all[0].Status != "inactive" {
			t.Fatalf("include_inactive: %+v", all)
		}
	})
}
