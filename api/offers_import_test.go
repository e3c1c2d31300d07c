package api_test

import (
	"brobygger/api/apitest"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"brobygger/models"
)

// danishDirectory is the first site's directory as Danish Excel saves "CSV UTF-8": a byte order
// mark, ";" between cells, CRLF line ends, quoted cells holding ";" and line breaks, free-text
// contacts and schedules, and a column ("Pris") the import does not know.
const danishDirectory = "\uFEFF" +
	"Navn;Forening;Målgruppe;Formål;Indhold;Adresse;Postnr.;By;Kontakt;Hjemmeside;Tidspunkt;Pris\r\n" +
	"Strikkeklub;Ældre Sagen Vesterbro;Ældre;Fællesskab;\"Vi strikker; og drikker kaffe\";Vesterbrogade 10;1620;København V;Hanne Holm, tlf. 20 30 40 50, hanne@strik.dk;www.strik.dk;mandag 14-16;Gratis\r\n" +
	"Gåtur i Valbyparken;DGI;Alle;Motion;Rolig gåtur i eget tempo;Valbyparken;2500;Valby;Per Madsen 31 22 33 44;;tirsdag og torsdag kl. 10.00-12.00;\r\n" +
	"Fællesspisning;Frivilligcenter Sydhavn;Enlige;Fællesskab;\"Vi laver mad sammen.\r\nTag gerne en ven med.\";Kulturhuset;2450;København SV;kontakt@fcsydhavn.dk;https://fcsydhavn.dk;onsdag 17:30-20:00;40 kr.\r\n" +
	"Syng sammen;Sions Kirke;Alle;Glæde;;Kirkevej 1;2400;København NV;Organist Lone;;hver anden torsdag kl. 19-21;\r\n" +
	"Skak for alle;Skakklubben Løberen;;;;Biblioteket;2300;København S;;;Mon 14:00-16:00;\r\n" +
	"Mandeklub;Mænds Mødesteder;Mænd 60+;;Værksted og kaffe;Værkstedet;2450;København SV;;;man-fre 9-12;\r\n" +
	"Bridge;Bridgeklubben;;;;;;;;;fredag 13-16;50 kr.\r\n" +
	"Havefællesskab;Byhaven;;;;;;;;;lørdag og søndag 10-14;\r\n" +
	"Læseklub;Biblioteket;;;;;;;;;tirsdag 16.30-18;\r\n" +
	"Café for pårørende;SIND;Pårørende;;;;;;;;søndag 13-15;\r\n" +
	";;;;;;;;;;;\r\n"

// brokenDirectory has three bad rows: no title (row 3), an impossible time (row 5) and an
// email that is not one (row 4).
const brokenDirectory = "Navn;Tidspunkt;E-mail\n" +
	"Strikkeklub;mandag 14-16;\n" +
	";tirsdag 10-12;\n" +
	"Bridge;fredag 13-16;bridge at klubben\n" +
	"Skak;onsdag 25:00-26:00;\n" +
	"Læseklub;torsdag 16-18;\n"

func csvRequest(path, body, token string) *http.Request {
	req := httptest.NewRequest("POST", apitest.Base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "text/csv; charset=utf-8")
	req.Header.Set("Authorization", "Bearer "+token)
	return req
}

func TestOfferImport_DanishDirectory(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)

		res := e.Client.Do(csvRequest("/v1/offers/import?dry_run=true", danishDirectory, lw.AccessToken))
		var preview struct {
			DryRun bool `json:"dry_run"`
			Valid  int
			Offers []struct {
				Row       int
				Title     string
				Schedules []struct{ Weekday int }
			}
		}
		res.JSON(t, &preview)
		if res.Status != 200 || !preview.DryRun || preview.Valid != 10 || preview.Offers[2].Row != 4 || len(preview.Offers[5].Schedules) != 5 {
			t.Fatalf("dry run: %d %s", res.Status, res.Body)
		}
		if p := listOffers(e, lw.AccessToken, url.Values{}); len(p.Items) != 0 {
			t.Fatalf("a dry run wrote %d offers", len(p.Items))
		}

		res = e.Client.Do(csvRequest("/v1/offers/import", danishDirectory, lw.AccessToken))
		var out struct {
			Imported       int
			IDs            []string
			IgnoredColumns []string `json:"ignored_columns"`
		}
		res.JSON(t, &out)
		if res.Status != 201 || out.Imported != 10 || len(out.IDs) != 10 || len(out.IgnoredColumns) != 1 || out.IgnoredColumns[0] != "Pris" {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		byTitle := map[string]apitest.OfferOut{}
		for _, o := range listOffers(e, lw.AccessToken, url.Values{"limit": {"100"}}).Items {
			byTitle[o.Title] = o
		}
		wantSchedules := map[string]string{
			"Strikkeklub":         "1 14:00-16:00",
			"Gåtur i Valbyparken": "2 10:00-12:00, 4 10:00-12:00",
			"Fællesspisning":      "3 17:30-20:00",
			"Syng sammen":         "4 19:00-21:00 +note",
			"Skak for alle":       "1 14:00-16:00",
			"Mandeklub":           "1 09:00-12:00, 2 09:00-12:00, 3 09:00-12:00, 4 09:00-12:00, 5 09:00-12:00",
			"Havefællesskab":      "6 10:00-14:00, 7 10:00-14:00",
			"Læseklub":            "2 16:30-18:00",
			"Café for pårørende":  "7 13:00-15:00",
		}
		for title, want := range wantSchedules {
			if got := describeOfferSessions(byTitle[title]); got != want {
				t.Errorf("%s: schedules %q, want %q", title, got, want)
			}
		}
		if o := byTitle["Strikkeklub"]; o.ContactName != "Hanne Holm" || o.ContactPhone != "+4520304050" ||
			o.ContactEmail != "hanne@strik.dk" || o.URL != "https://www.strik.dk" || o.Organisation != "Ældre Sagen Vesterbro" || !o.Active {
			t.Errorf("contact not split: %+v", o)
		}
		if o := byTitle["Gåtur i Valbyparken"]; o.ContactName != "Per Madsen" || o.ContactPhone != "+4531223344" {
			t.Errorf("contact not split: %+v", o)
		}
		if o := byTitle["Fællesspisning"]; o.ContactName != "" || o.ContactEmail != "kontakt@fcsydhavn.dk" {
			t.Errorf("email-only contact: %+v", o)
		}
		if n := byTitle["Syng sammen"].Schedules[0].Note; n != "hver anden torsdag kl. 19-21" {
			t.Errorf("unexpressible schedule words must be kept as the note, got %q", n)
		}
	})
}

func TestOfferImport_OneBadRowImportsNothing(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		for _, path := range []string{"/v1/offers/import", "/v1/offers/import?dry_run=true"} {
			res := e.Client.Do(csvRequest(path, brokenDirectory, lw.AccessToken))
			var body struct {
				Error struct {
					Code, Message string
					Rows          []struct {
						Row            int
						Field, Message string
					}
				}
			}
			res.JSON(t, &body)
			if res.Status != 422 || body.Error.Code != "EINVALID" || body.Error.Message != "3 rows have errors; nothing was imported." {
				t.Fatalf("%s: %d %s", path, res.Status, res.Body)
			}
			got := map[int]string{}
			for _, r := range body.Error.Rows {
				got[r.Row] = r.Field
				if r.Message == "" {
					t.Errorf("row %d without a message", r.Row)
				}
			}
			if len(got) != 3 || got[3] != "title" || got[4] != "contact_email" || got[5] != "schedule" {
				t.Fatalf("%s: row report %+v", path, body.Error.Rows)
			}
		}
		if p := listOffers(e, lw.AccessToken, url.Values{}); len(p.Items) != 0 {
			t.Fatalf("a refused file left %d offers", len(p.Items))
		}
	})
}

func TestOfferImport_RefusesWhatIsNotADirectory(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		req := csvRequest("/v1/offers/import", danishDirectory, lw.AccessToken)
		req.Header.Set("Content-Type", "application/json")
		if res := e.Client.DoInvalid(req); res.Status != 415 || res.ErrorCode(t) != "EUNSUPPORTED" {
			t.Errorf("json body: %d %s", res.Status, res.Body)
		}
		for name, body := range map[string]string{
			"no title column": "Forening;Tidspunkt\nDGI;mandag 10-12\n",
			"empty file":      "",
			"header only":     "Navn;Tidspunkt\n",
			"two title cols":  "Navn;Title\nA;B\n",
		} {
			// DoInvalid: the spec requires a body, and the empty file has none.
			if res := e.Client.DoInvalid(csvRequest("/v1/offers/import", body, lw.AccessToken)); res.Status != 422 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		// A body over 1 MiB is refused with 413 before routing (TestErrors_BodyOverLimit).
	})
}

func describeOfferSessions(o apitest.OfferOut) string {
	var parts []string
	for _, s := range o.Schedules {
		p := strconv.Itoa(s.Weekday) + " " + s.StartTime + "-" + s.EndTime
		if s.Note != "" {
			p += " +note"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}
