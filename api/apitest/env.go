package apitest

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

var JWTSecret = []byte("test-secret-test-secret-test-secret!")

// Clock is a settable clock shared by the store and the API.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *Clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *Clock) Advance(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }
func (c *Clock) Set(t time.Time)         { c.mu.Lock(); defer c.mu.Unlock(); c.t = t }

// Env is the whole API over a real store with a fake clock.
type Env struct {
	T      *testing.T
	Store  *models.Store
	Bot    *bot.Engine
	Clock  *Clock
	Client *Client
}

func NewEnv(t *testing.T, d models.Dialect) *Env { return NewEnvWith(t, d, nil) }

// NewEnvWith is newAPIEnv with dependencies adjusted by tune (nil: none).
func NewEnvWith(t *testing.T, d models.Dialect, tune func(*api.Deps)) *Env {
	clock := &Clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	s := storetest.Open(t, d, models.WithClock(clock.Now))
	reg, _ := models.LoadInstruments()
	engine, err := bot.New(s, reg, bot.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	deps := Deps(t, s)
	deps.Bot, deps.JWTSecret, deps.Now = engine, JWTSecret, clock.Now
	deps.TwilioAuthToken = AuthToken
	// The site's zone, as in production: quiet hours and "09:00" are Copenhagen time, whatever
	// the machine's own zone.
	if deps.Location, err = time.LoadLocation("Europe/Copenhagen"); err != nil {
		t.Fatal(err)
	}
	deps.PublicBaseURL, _ = url.Parse(Base)
	if tune != nil {
		tune(&deps)
	}
	return &Env{T: t, Store: s, Bot: engine, Clock: clock, Client: NewClient(t, api.New(deps))}
}

// Each runs fn on SQLite and, when configured, PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, e *Env)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, NewEnv(t, d)) })
	}
}

type Tokens struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	ExpiresIn    int    `json:"expires_in"`
}

// Staff creates a staff member and logs them in.
func (e *Env) Staff(email string, role models.StaffRole) (*models.Staff, Tokens) {
	e.T.Helper()
	st, err := e.Store.CreateStaff(context.Background(), models.NewStaff{Email: email, Name: "Staff " + email, Role: role,
		Password: "correct horse battery", Phone: "33123456"})
	if err != nil {
		e.T.Fatal(err)
	}
	res := e.Client.Do(NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": email, "password": "correct horse battery"}, ""))
	if res.Status != 200 {
		e.T.Fatalf("staff login: %d %s", res.Status, res.Body)
	}
	var tk Tokens
	res.JSON(e.T, &tk)
	return st, tk
}

// Refer creates a citizen through the API as the given staff token.
func (e *Env) Refer(token, phone string) (citizenID string) {
	e.T.Helper()
	return e.ReferWith(token, map[string]any{"name": "Anna Jensen", "phone": phone, "language": "da",
		"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset", "reason": "Ensom", "consent_contact": true, "consent_data": true})
}

// ReferWith posts a referral with the given body as the given staff token, fails the test unless
// it is created, and returns the new citizen's id.
func (e *Env) ReferWith(token string, body map[string]any) (citizenID string) {
	e.T.Helper()
	res := e.Client.Do(NewJSONRequest("POST", "/v1/referrals", body, token))
	if res.Status != 201 {
		e.T.Fatalf("referral: %d %s", res.Status, res.Body)
	}
	var out struct {
		CitizenID string `json:"citizen_id"`
	}
	res.JSON(e.T, &out)
	return out.CitizenID
}

var CodeInSMS = regexp.MustCompile(`[0-9]{6}`)

// CitizenLogin requests a code, reads it from the outbox as the phone would, and exchanges it.
func (e *Env) CitizenLogin(phone string) Tokens {
	e.T.Helper()
	if res := e.Client.Do(NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": phone}, "")); res.Status != 202 {
		e.T.Fatalf("code: %d %s", res.Status, res.Body)
	}
	code := e.LastCode(phone)
	res := e.Client.Do(NewJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"phone": phone, "code": code}, ""))
	if res.Status != 200 {
		e.T.Fatalf("token: %d %s", res.Status, res.Body)
	}
	var tk Tokens
	res.JSON(e.T, &tk)
	return tk
}

func (e *Env) LastCode(phone string) string {
	e.T.Helper()
	e164, _ := models.NormalizePhone(phone)
	rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{Phone: e164})
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind == models.KindLoginCode {
			return CodeInSMS.FindString(rows[i].Body)
		}
	}
	e.T.Fatalf("no login code queued for %s", phone)
	return ""
}

// NewClock is a clock standing at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }
