package apitest

import (
	"brobygger/models"
	"context"
	"fmt"
	"net/http/httptest"
	"strings"
	"time"
)

// ReferFrom refers a citizen from a clinic with a year of birth, through the API.
func ReferFrom(e *Env, token, phone, clinic string, birthYear int) {
	e.T.Helper()
	res := e.Client.Do(NewJSONRequest("POST", "/v1/referrals", map[string]any{"name": "Borger " + phone, "phone": phone, "language": "da",
		"referrer_name": "Dr. Berg", "referrer_clinic": clinic, "reason": "Ensom", "consent_contact": true, "consent_data": true,
		"birth_year": birthYear}, token))
	if res.Status != 201 {
		e.T.Fatalf("referral: %d %s", res.Status, res.Body)
	}
}

// Login signs an existing staff member in again (after the fake clock outran their token).
func Login(e *Env, email string) Tokens {
	e.T.Helper()
	res := e.Client.Do(NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": email, "password": "correct horse battery"}, ""))
	if res.Status != 200 {
		e.T.Fatalf("staff login: %d %s", res.Status, res.Body)
	}
	var tk Tokens
	res.JSON(e.T, &tk)
	return tk
}

// Raise gives a citizen an open flag of severity, raised now.
func Raise(e *Env, citizenID string, sev models.Severity) {
	e.T.Helper()
	if _, err := e.Store.RaiseFlag(context.Background(), models.NewFlag{CitizenID: &citizenID, Kind: models.FlagFreeText,
		Severity: sev, Reason: "test"}); err != nil {
		e.T.Fatal(err)
	}
}

// OpenCheckin gives a citizen an SMS check-in of instrument key, as the scheduler would.
func OpenCheckin(e *Env, citizenID, key string) string {
	e.T.Helper()
	ctx := context.Background()
	c, _ := e.Store.CitizenByID(ctx, citizenID)
	ch := &models.Checkin{CitizenID: citizenID, Instrument: key, Version: "1", Status: models.CheckinPending, DueAt: e.Clock.Now()}
	err := e.Store.InTx(ctx, func(tx *models.Store) error {
		// The referral's contact question is still open; a check-in waits for it to close.
		if err := tx.CloseOpenConversations(ctx, citizenID, models.ConvClosed); err != nil {
			return err
		}
		if _, err := tx.CreateCheckin(ctx, ch); err != nil {
			return err
		}
		return e.Bot.StartCheckin(ctx, tx, c, ch, e.Clock.Now())
	})
	if err != nil {
		e.T.Fatal(err)
	}
	return ch.ID
}

// ConfirmedCitizen refers a citizen as token and has them answer JA, so later texts are free text.
func ConfirmedCitizen(e *Env, token, phone string) string {
	e.T.Helper()
	id := e.Refer(token, phone)
	SMS(e, phone, "JA")
	e.Clock.Advance(time.Minute)
	return id
}

// SMS delivers an inbound SMS from a citizen through the bot, as the webhook would.
func SMS(e *Env, from, body string) {
	e.T.Helper()
	e164, _ := models.NormalizePhone(from)
	e.Clock.Advance(1)
	if _, err := e.Bot.HandleInbound(context.Background(), models.InboundSMS{SID: fmt.Sprintf("SM%032d", e.Clock.Now().UnixNano()), From: e164, Body: body, Segments: 1}); err != nil {
		e.T.Fatal(err)
	}
}

// Deliver posts a FHIR message to the inbox as the gateway does.
func Deliver(e *Env, body, token string, valid bool) Response {
	e.T.Helper()
	req := httptest.NewRequest("POST", Base+"/medcom/inbox", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/fhir+json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if valid {
		return e.Client.Do(req)
	}
	return e.Client.DoInvalid(req)
}

// CreateOffer posts an offer and returns it, failing the test unless it is created.
func CreateOffer(e *Env, token string, body map[string]any) OfferOut {
	e.T.Helper()
	res := e.Client.Do(NewJSONRequest("POST", "/v1/offers", body, token))
	if res.Status != 201 {
		e.T.Fatalf("create offer: %d %s", res.Status, res.Body)
	}
	var o OfferOut
	res.JSON(e.T, &o)
	return o
}

func Prescriptions(e *Env, token, citizenID string) []PrescriptionOut {
	e.T.Helper()
	res := e.Client.Do(NewJSONRequest("GET", PrescriptionsPath(citizenID), nil, token))
	if res.Status != 200 {
		e.T.Fatalf("list prescriptions: %d %s", res.Status, res.Body)
	}
	var out struct{ Items []PrescriptionOut }
	res.JSON(e.T, &out)
	return out.Items
}

// OfferOut is an offer as the API answers it.
type OfferOut struct {
	ID           string `json:"id"`
	Title        string `json:"title"`
	Organisation string `json:"organisation"`
	ContactName  string `json:"contact_name"`
	ContactPhone string `json:"contact_phone"`
	ContactEmail string `json:"contact_email"`
	URL          string `json:"url"`
	Active       bool   `json:"active"`
	Schedules    []struct {
		Weekday   int    `json:"weekday"`
		StartTime string `json:"start_time"`
		EndTime   string `json:"end_time"`
		Note      string `json:"note"`
	} `json:"schedules"`
	CreatedByID *string   `json:"created_by_id"`
	Editable    bool      `json:"editable"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

type PrescriptionOut struct {
	ID         string  `json:"id"`
	CitizenID  string  `json:"citizen_id"`
	OfferID    string  `json:"offer_id"`
	OfferTitle string  `json:"offer_title"`
	Weekday    int     `json:"weekday"`
	OnceOn     *string `json:"once_on"`
	StartsOn   string  `json:"starts_on"`
	EndsOn     *string `json:"ends_on"`
	Active     bool    `json:"active"`
}

func PrescriptionsPath(citizenID string) string {
	return "/v1/citizens/" + citizenID + "/prescriptions"
}
