package api_test

import (
	"brobygger/api/apitest"
	"fmt"
	"strings"
	"testing"

	"brobygger/models"
)

// ceilingWave guesses at email from clients clients, one client after another, each sending its 5
// guesses at once (11 clients: 55, past the ceiling of 50), and returns the answers by status.
// The clients take turns so that at most 5 guesses wait for a password hash: 55 at once would
// overflow the hash gate's queue, whose 429s depend on the machine's speed, not on the account.
func ceilingWave(e *apitest.Env, email string, wave, clients int) map[int]int {
	all := map[int]int{}
	for i := range clients {
		counts, _ := guessInParallel(e, 5, fmt.Sprintf("192.0.%d.%d", 2+wave, 10+i), email)
		for k, v := range counts {
			all[k] += v
		}
	}
	return all
}

// TestSignin_CeilingFlagsTheAdmins: parallel guesses at a link worker's account from many
// clients past the hourly ceiling put one signin_ceiling flag in the admins' review queue (JSON
// and dashboard), none in a link worker's (not even the account owner's) and none twice in one
// window. Guesses at an unknown email get the same answers and raise no flag.
func TestSignin_CeilingFlagsTheAdmins(t *testing.T) {
	eachBehindProxy(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		target, tt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		known := ceilingWave(e, "lw@example.dk", 0, 11)
		unknown := ceilingWave(e, "nobody@example.dk", 1, 11)
		if known[401] == 0 || known[200] != 0 || fmt.Sprint(known) != fmt.Sprint(unknown) {
			t.Errorf("answers differ: known account %v, unknown email %v", known, unknown)
		}
		flags := func(token string) []string {
			t.Helper()
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/flags", nil, token))
			if res.Status != 200 {
				t.Fatalf("flags: %d %s", res.Status, res.Body)
			}
			var out struct {
				Items []struct {
					ID     string `json:"id"`
					Kind   string `json:"kind"`
					Reason string `json:"reason"`
				} `json:"items"`
			}
			res.JSON(t, &out)
			var got []string
			for _, f := range out.Items {
				if f.Kind == "signin_ceiling" {
					got = append(got, f.Reason)
				}
			}
			return got
		}
		got := flags(at.AccessToken)
		if len(got) != 1 || !strings.Contains(got[0], target.Name) || !strings.Contains(got[0], "50") {
			t.Fatalf("admin's queue: %q, want one signin_ceiling flag about %s", got, target.Name)
		}
		if mine := flags(tt.AccessToken); len(mine) != 0 {
			t.Errorf("a link worker's queue shows %q", mine)
		}
		dash := apitest.Browser(e)
		dash.MustLogin("admin@example.dk")
		page := string(dash.Get("/dashboard/review").Body)
		if !strings.Contains(page, "Gæt på adgangskode") || !strings.Contains(page, "Medarbejderkonto") || !strings.Contains(page, target.Name) {
			t.Errorf("the admin's review page does not show the flag")
		}

		ceilingWave(e, "lw@example.dk", 2, 2) // the same window: 10 more guesses, no second flag
		if got := flags(at.AccessToken); len(got) != 1 {
			t.Fatalf("%d flags after more guesses in the same window, want 1", len(got))
		}
	})
}
