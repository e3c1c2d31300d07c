package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/url"
	"strings"
	"testing"

	"brobygger/models"
)

// TestOffers_OnlyAdminOrCreatorEdits: a link worker changes and deactivates only the offers they
// added (by hand or in an import); a colleague gets 403 with a JSON error and nothing changes;
// an admin changes any offer, including old ones with no recorded creator, which link workers
// cannot. Each offer says whether the caller may change it (editable).
func TestOffers_OnlyAdminOrCreatorEdits(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		owner, ot := e.Staff("owner@example.dk", models.RoleLinkWorker)
		_, wt := e.Staff("colleague@example.dk", models.RoleLinkWorker)
		mine := apitest.CreateOffer(e, ot.AccessToken, apitest.KnittingClub())
		legacy := models.Offer{Organisation: "Biblioteket", Title: "Læsekreds", Active: true}
		if err := e.Store.CreateOffer(context.Background(), &legacy); err != nil {
			t.Fatal(err)
		}
		put := func(id, token, title string) apitest.Response {
			body := apitest.KnittingClub()
			body["title"] = title
			return e.Client.Do(apitest.NewJSONRequest("PUT", "/v1/offers/"+id, body, token))
		}
		for _, tc := range []struct {
			name   string
			res    apitest.Response
			status int
		}{
			{"a colleague changes it", put(mine.ID, wt.AccessToken, "Kapret"), 403},
			{"a colleague deactivates it", e.Client.Do(apitest.NewJSONRequest("DELETE", "/v1/offers/"+mine.ID, nil, wt.AccessToken)), 403},
			{"a worker changes an offer with no creator", put(legacy.ID, ot.AccessToken, "Kapret"), 403},
			{"the creator changes it", put(mine.ID, ot.AccessToken, "Strikkeklub for alle"), 200},
			{"an admin changes it", put(mine.ID, at.AccessToken, "Strikkeklub og kaffe"), 200},
			{"an admin changes an offer with no creator", put(legacy.ID, at.AccessToken, "Læsekreds"), 200},
			{"an unknown offer", put(models.NewID(), wt.AccessToken, "x"), 404},
		} {
			if tc.res.Status != tc.status {
				t.Errorf("%s: %d %s, want %d", tc.name, tc.res.Status, tc.res.Body, tc.status)
			}
			if tc.status == 403 && !strings.Contains(string(tc.res.Body), `"code":"EFORBIDDEN"`) {
				t.Errorf("%s: %s", tc.name, tc.res.Body)
			}
		}
		var got apitest.OfferOut
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/offers/"+mine.ID, nil, ot.AccessToken)).JSON(t, &got)
		if got.Title != "Strikkeklub og kaffe" || !got.Active {
			t.Fatalf("after the refusals: %+v", got)
		}
		editable := func(token string) map[string]bool {
			out := map[string]bool{}
			for _, o := range listOffers(e, token, url.Values{}).Items {
				out[o.ID] = o.Editable
			}
			return out
		}
		if m := editable(ot.AccessToken); !m[mine.ID] || m[legacy.ID] {
			t.Errorf("the creator's view: %v", m)
		}
		if m := editable(wt.AccessToken); m[mine.ID] || m[legacy.ID] {
			t.Errorf("a colleague's view: %v", m)
		}
		if m := editable(at.AccessToken); !m[mine.ID] || !m[legacy.ID] {
			t.Errorf("the admin's view: %v", m)
		}
		if got.CreatedByID == nil || *got.CreatedByID != owner.ID {
			t.Errorf("created_by_id = %v, want %s", got.CreatedByID, owner.ID)
		}

		// An import records the importer as the creator of every row.
		res := e.Client.Do(csvRequest("/v1/offers/import", danishDirectory, wt.AccessToken))
		var imported struct{ IDs []string }
		res.JSON(t, &imported)
		if res.Status != 201 || len(imported.IDs) == 0 {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("DELETE", "/v1/offers/"+imported.IDs[0], nil, ot.AccessToken)); res.Status != 403 {
			t.Errorf("another worker deactivates an imported offer: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("DELETE", "/v1/offers/"+imported.IDs[0], nil, wt.AccessToken)); res.Status != 204 {
			t.Errorf("the importer deactivates their offer: %d %s", res.Status, res.Body)
		}
	})
}
