package dashboard_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"

	"brobygger/models"
)

func TestDashboard_OfferDirectoryImport(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		br := apitest.Browser(e)
		br.MustLogin("lw@example.dk")
		page := br.Get("/dashboard/offers")
		if page.Status != 200 || !strings.Contains(string(page.Body), "Importér fra regneark") {
			t.Fatalf("offers page: %d", page.Status)
		}
		good := "\ufeffNavn;Forening;Adresse;Tidspunkt\nStrikkecafé;Frivilligcenter Amager;Amagerbrogade 10, 2300 København S;mandag 14-16\nGåklub;DGI;Amager Strandpark;tirsdag og torsdag kl. 10.00-11.30\n"
		res := br.Upload("/dashboard/offers/import", br.CSRF(page), good)
		if res.Status != 303 {
			t.Fatalf("import: %d %s", res.Status, res.Body)
		}
		list := br.Get(res.Header.Get("Location"))
		for _, want := range []string{"Strikkecafé", "Gåklub", "Mandag 14:00–16:00", "Torsdag 10:00–11:30", "Tilbuddene er importeret"} {
			if !strings.Contains(string(list.Body), want) {
				t.Errorf("directory lacks %q", want)
			}
		}
		broken := "Navn;Tidspunkt\nSangkor;onsdag 25:00-26:00\n;fredag 10-12\nBowling;lørdag 10-12\n"
		bad := br.Upload("/dashboard/offers/import", br.CSRF(list), broken)
		if bad.Status != 422 || !strings.Contains(string(bad.Body), "Intet blev importeret") || !strings.Contains(string(bad.Body), "Række 2") || !strings.Contains(string(bad.Body), "Række 3") {
			t.Fatalf("broken CSV: %d %s", bad.Status, bad.Body)
		}
		after := br.Get("/dashboard/offers")
		if strings.Contains(string(after.Body), "Bowling") {
			t.Fatal("a broken import imported its good rows")
		}
		if res := br.Upload("/dashboard/offers/import", "wrong-token", good); res.Status != 403 {
			t.Fatalf("import without a valid CSRF token: %d", res.Status)
		}
	})
}
