package api_test

import (
	"context"
	"net/url"
	"regexp"
	"sync"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/bot"
	"brobygger/models"
	"brobygger/models/storetest"
)

var testJWTSecret = []byte("test-secret-test-secret-test-secret!")

// testClock is a settable clock shared by the store and the API.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }
func (c *testClock) Set(t time.Time)         { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// apiEnv is the whole API over a real store with a fake clock.
type apiEnv struct {
	t      *testing.T
	store  *models.Store
	bot    *bot.Engine
	clock  *testClock
	client *client
}

func newAPIEnv(t *testing.T, d models.Dialect) *apiEnv { return newAPIEnvWith(t, d, nil) }

// newAPIEnvWith is newAPIEnv with dependencies adjusted by tune (nil: none).
func newAPIEnvWith(t *testing.T, d models.Dialect, tune func(*api.Deps)) *apiEnv {
	clock := &testClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	s := storetest.Open(t, d, models.WithClock(clock.Now))
	reg, _ := models.LoadInstruments()
	engine, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	deps := testDeps(t, s)
	deps.Bot, deps.JWTSecret, deps.Now = engine, testJWTSecret, clock.Now
	deps.TwilioAuthToken = testAuthToken
	// The site's zone, as in production: quiet hours and "09:00" are Copenhagen time, whatever
	// the machine's own zone.
	if deps.Location, err = time.LoadLocation("Europe/Copenhagen"); err != nil {
		t.Fatal(err)
	}
	deps.PublicBaseURL, _ = url.Parse(testBase)
	if tune != nil {
		tune(&deps)
	}
	return &apiEnv{t: t, store: s, bot: engine, clock: clock, client: newClient(t, api.New(deps))}
}

// eachAPI runs fn on SQLite and, when configured, PostgreSQL.
func eachAPI(t *testing.T, fn func(t *testing.T, e *apiEnv)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, newAPIEnv(t, d)) })
	}
}

type tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

// staff creates a staff member and logs them in.
func (e *apiEnv) staff(email string, role models.StaffRole) (*models.Staff, tokens) {
	e.t.Helper()
	st, err := e.store.CreateStaff(context.Background(), models.NewStaff{Email: email, Name: "Staff " + email, Role: role,
		Password: "correct horse battery", Phone: "33123456"})
	if err != nil {
		e.t.Fatal(err)
	}
	res := e.client.Do(newJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": email, "password": "correct horse battery"}, ""))
	if res.Status != 200 {
		e.t.Fatalf("staff login: %d %s", res.Status, res.Body)
	}
	var tk tokens
	res.JSON(e.t, &tk)
	return st, tk
}

// refer creates a citizen through the API as the given staff token.
func (e *apiEnv) refer(token, phone string) (citizenID string) {
	e.t.Helper()
	res := e.client.Do(newJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Anna Jensen", "phone": phone, "language": "da",
		"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset", "reason": "Ensom", "consent_contact": true, "consent_data": true}, token))
	if res.Status != 201 {
		e.t.Fatalf("referral: %d %s", res.Status, res.Body)
	}
	var out struct {
		CitizenID string `json:"citizen_id"`
	}
	res.JSON(e.t, &out)
	return out.CitizenID
}

var codeInSMS = regexp.MustCompile(`[0-9]{6}`)

// citizenLogin requests a code, reads it from the outbox as the phone would, and exchanges it.
func (e *apiEnv) citizenLogin(phone string) tokens {
	e.t.Helper()
	if res := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": phone}, "")); res.Status != 202 {
		e.t.Fatalf("code: %d %s", res.Status, res.Body)
	}
	code := e.lastCode(phone)
	res := e.client.Do(newJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"phone": phone, "code": code}, ""))
	if res.Status != 200 {
		e.t.Fatalf("token: %d %s", res.Status, res.Body)
	}
	var tk tokens
	res.JSON(e.t, &tk)
	return tk
}

func (e *apiEnv) lastCode(phone string) string {
	e.t.Helper()
	e164, _ := models.NormalizePhone(phone)
	rows, _ := e.store.ListOutbox(context.Background(), models.OutboxFilter{Phone: e164})
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind == models.KindLoginCode {
			return codeInSMS.FindString(rows[i].Body)
		}
	}
	e.t.Fatalf("no login code queued for %s", phone)
	return ""
}
