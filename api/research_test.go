package api_test

import (
	"brobygger/api/apitest"
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"

	"github.com/getkin/kin-openapi/openapi3filter"
)

const apiResearchKey = "the research pseudonym key for the api tests, long enough"

// newResearchEnv is newAPIEnv with RESEARCH_PSEUDONYM_KEY set to key ("" leaves it unset).
func newResearchEnv(t *testing.T, d models.Dialect, key string) *apitest.Env {
	openapi3filter.RegisterBodyDecoder("text/markdown", apitest.PlainBody)
	clock := apitest.NewClock(time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC))
	s := storetest.Open(t, d, models.WithClock(clock.Now))
	reg, _ := models.LoadInstruments()
	engine, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	deps := apitest.Deps(t, s)
	deps.Bot, deps.JWTSecret, deps.Now, deps.ResearchPseudonymKey = engine, apitest.JWTSecret, clock.Now, key
	if deps.Location, err = time.LoadLocation("Europe/Copenhagen"); err != nil {
		t.Fatal(err)
	}
	deps.PublicBaseURL, _ = url.Parse(apitest.Base)
	return &apitest.Env{T: t, Store: s, Bot: engine, Clock: clock, Client: apitest.NewClient(t, api.New(deps))}
}

func eachResearchAPI(t *testing.T, key string, fn func(t *testing.T, e *apitest.Env)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, newResearchEnv(t, d, key)) })
	}
}

// referWithResearch refers a citizen with research consent and the evaluation's facts.
func referWithResearch(e *apitest.Env, token, name, phone string) string {
	e.T.Helper()
	return e.ReferWith(token, map[string]any{"name": name, "phone": phone, "language": "da",
		"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset Amager", "reason": "Ensom efter flytning", "consent_contact": true,
		"consent_data": true, "consent_research": true, "birth_year": 1948, "sex": "male", "municipality": "0101",
		"email": "borger" + phone + "@example.dk", "reason_category": "loneliness"}) // an address is one open citizen's
}

func TestAPI_ResearchExport(t *testing.T) {
	eachResearchAPI(t, apiResearchKey, func(t *testing.T, e *apitest.Env) {
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		lwStaff, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		_, other := e.Staff("other@example.dk", models.RoleLinkWorker)
		karl := referWithResearch(e, lw.AccessToken, "Karl Eksportsen", "26400001")
		mette := referWithResearch(e, lw.AccessToken, "Mette Udmeldtsen", "26400002")
		ctx := context.Background()

		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export", nil, lw.AccessToken)); r.Status != 403 {
			t.Fatalf("a link worker got the research export: %d", r.Status)
		}
		r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export?format=csv", nil, admin.AccessToken))
		if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/csv") {
			t.Fatalf("csv export: %d %s %s", r.Status, r.Header.Get("Content-Type"), r.Body)
		}
		body := string(r.Body)
		for _, secret := range []string{"Karl", "Mette", "26400001", "26400002", karl, mette, "@example.dk", "Amager", "Ensom", "1948", "0101"} {
			if strings.Contains(body, secret) {
				t.Errorf("the export contains %q", secret)
			}
		}
		if n := strings.Count(body, "\n"); n != 7 || !strings.Contains(body, ",70-79,male,loneliness,C") {
			t.Errorf("csv = %s", body)
		}

		// Another worker's citizen is not found; their own worker records Mette's withdrawal.
		if r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+mette+"/research-consent/withdraw", nil, other.AccessToken)); r.Status != 404 {
			t.Fatalf("another worker withdrew: %d", r.Status)
		}
		e.Clock.Advance(5 * time.Minute)
		r = e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+mette+"/research-consent/withdraw", nil, lw.AccessToken))
		var consent struct {
			Given       bool       `json:"given"`
			Active      bool       `json:"active"`
			WithdrawnAt *time.Time `json:"withdrawn_at"`
			Source      *string    `json:"source"`
			Message     string     `json:"message"`
		}
		r.JSON(t, &consent)
		if r.Status != 200 || consent.Active || !consent.Given || consent.WithdrawnAt == nil || !consent.WithdrawnAt.Equal(e.Clock.Now()) || *consent.Source != "link_worker" {
			t.Fatalf("withdraw: %d %s", r.Status, r.Body)
		}
		if w, err := e.Store.ResearchWithdrawalOf(ctx, mette); err != nil || w.ActorID == nil || *w.ActorID != lwStaff.ID {
			t.Errorf("withdrawal actor = %+v %v", w, err)
		}

		r = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export?format=json&from=2026-11-01&to=2026-11-30", nil, admin.AccessToken))
		var doc struct {
			Rows []map[string]any `json:"rows"`
		}
		r.JSON(t, &doc)
		if r.Status != 200 || len(doc.Rows) != 3 || doc.Rows[0]["age_band"] != "70-79" {
			t.Fatalf("json export after withdrawal: %d %s", r.Status, r.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export?format=json&from=2026-11-24", nil, admin.AccessToken)); r.Status != 200 || string(r.Body) != "{\"rows\":[]}\n" {
			t.Errorf("export of later referrals: %d %s", r.Status, r.Body)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export?format=codebook", nil, admin.AccessToken)); r.Status != 200 ||
			!strings.Contains(string(r.Body), "| who5_raw | integer | 0-25 | who5 (v1) |") || !strings.Contains(string(r.Body), "FORSKNING STOP") {
			t.Errorf("codebook: %d %s", r.Status, r.Body)
		}
		if r := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/admin/research-export?format=xml", nil, admin.AccessToken)); r.Status != 400 {
			t.Errorf("format=xml: %d", r.Status)
		}
		if r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export?from=2026-12-01&to=2026-11-01", nil, admin.AccessToken)); r.Status != 400 {
			t.Errorf("to before from: %d", r.Status)
		}

		trail, err := e.Store.AuditTrail(ctx, "json:2026-11-01..2026-11-30", 10)
		if err != nil || len(trail) != 1 || trail[0].Action != "research_export" {
			t.Errorf("audit of the export = %+v %v", trail, err)
		}
		if trail, _ := e.Store.AuditTrail(ctx, mette, 10); !hasAction(trail, "withdraw_research_consent") {
			t.Errorf("the withdrawal is not audited: %+v", trail)
		}
	})
}

func hasAction(es []models.AuditEntry, action string) bool {
	for _, e := range es {
		if e.Action == action {
			return true
		}
	}
	return false
}

func TestAPI_ResearchExportRefusesWithoutKey(t *testing.T) {
	eachResearchAPI(t, "", func(t *testing.T, e *apitest.Env) {
		_, admin := e.Staff("admin@example.dk", models.RoleAdmin)
		r := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/research-export", nil, admin.AccessToken))
		if r.Status != 503 || r.ErrorCode(t) != "EUNAVAILABLE" || !strings.Contains(string(r.Body), "RESEARCH_PSEUDONYM_KEY") {
			t.Fatalf("without the key: %d %s", r.Status, r.Body)
		}
	})
}

func TestAPI_CitizenWithdrawsResearchConsent(t *testing.T) {
	eachResearchAPI(t, apiResearchKey, func(t *testing.T, e *apitest.Env) {
		_, lw := e.Staff("lw@example.dk", models.RoleLinkWorker)
		id := referWithResearch(e, lw.AccessToken, "Karl Appsen", "26400003")
		tk := e.CitizenLogin("26400003")
		r := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/me/research-consent/withdraw", nil, tk.AccessToken))
		var v map[string]any
		if err := json.Unmarshal(r.Body, &v); err != nil || r.Status != 200 || v["active"] != false || v["source"] != "app" ||
			!strings.Contains(v["message"].(string), "forskningen") {
			t.Fatalf("withdraw in the app: %d %s", r.Status, r.Body)
		}
		if _, err := e.Store.ResearchWithdrawalOf(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		// The citizen's own data export says so, and shows what the referral recorded.
		r = e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me/export", nil, tk.AccessToken))
		var x struct {
			Consents  map[string]*string `json:"consents"`
			Referrals []map[string]any   `json:"referrals"`
		}
		r.JSON(t, &x)
		if r.Status != 200 || x.Consents["research_withdrawn"] == nil || x.Consents["research"] == nil || x.Referrals[0]["birth_year"] != float64(1948) {
			t.Errorf("own export: %d %s", r.Status, r.Body)
		}
	})
}
