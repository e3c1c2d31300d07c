package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

func emailReferral(workerID, phone, email string) models.NewReferral {
	n := models.NewReferral{Name: "Else Mail", Phone: phone, Language: models.LangDA, LinkWorkerID: workerID,
		ConsentContact: true, ConsentData: true}
	if email != "" {
		n.Email = &email
	}
	return n
}

// TestStore_ReferByEmailOnly: a citizen may be referred with an e-mail address and no phone; two
// such citizens coexist (no number is not a number both hold), the address is the citizen's in
// lower case, a taken address is ECONFLICT on email, and neither phone nor e-mail is EINVALID on
// phone. No phone lookup finds a phone-less citizen, and STOP bookkeeping leaves them alone.
func TestStore_ReferByEmailOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		c, ref, err := s.CreateReferral(ctx, emailReferral(worker.ID, "", " Else@Example.DK "))
		if err != nil {
			t.Fatal(err)
		}
		if c.Phone != "" || c.Email == nil || *c.Email != "else@example.dk" || ref.Email == nil || *ref.Email != "else@example.dk" {
			t.Fatalf("citizen phone %q email %v, referral email %v", c.Phone, c.Email, ref.Email)
		}
		if _, _, err := s.CreateReferral(ctx, emailReferral(worker.ID, "", "other@example.dk")); err != nil {
			t.Fatalf("a second phone-less citizen: %v", err)
		}
		_, _, err = s.CreateReferral(ctx, emailReferral(worker.ID, storetest.NextPhone(), "ELSE@example.dk"))
		if e, ok := err.(*models.Error); !ok || e.Code != models.ECONFLICT || e.Field != "email" || strings.Contains(e.Message, "Else") {
			t.Fatalf("taken address: %v", err)
		}
		_, _, err = s.CreateReferral(ctx, emailReferral(worker.ID, " ", ""))
		if e, ok := err.(*models.Error); !ok || e.Code != models.EINVALID || e.Field != "phone" || !strings.Contains(e.Message, "e-mail") {
			t.Fatalf("neither phone nor e-mail: %v", err)
		}
		if _, err := s.OpenCitizenByPhone(ctx, ""); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("phone lookup of \"\": %v", err)
		}
		if got, err := s.OpenCitizenByEmail(ctx, "else@example.dk"); err != nil || got.ID != c.ID {
			t.Fatalf("e-mail lookup: %v %v", got, err)
		}
		if since, err := s.PhoneOptedOut(ctx, ""); err != nil || since != nil {
			t.Fatalf("opt-out of no number: %v %v", since, err)
		}
		page, err := s.Caseload(ctx, models.CaseloadQuery{WorkerID: worker.ID, Search: "Else"})
		if err != nil || len(page.Rows) != 2 {
			t.Fatalf("caseload: %d rows, %v", len(page.Rows), err)
		}
		if _, err := s.EraseCitizen(ctx, models.Erasure{CitizenID: c.ID, ActorID: &worker.ID, ActorRole: "admin",
			Reason: models.ActionEraseOnRequest}); err != nil {
			t.Fatalf("erase a phone-less citizen: %v", err)
		}
		if _, err := s.OpenCitizenByEmail(ctx, "else@example.dk"); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("erased citizen still found by e-mail: %v", err)
		}
	})
}

// TestStore_SetCitizenEmail: set, change and clear; another open citizen's address is taken; a
// citizen with no phone keeps their address.
func TestStore_SetCitizenEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		withPhone := storetest.Citizen(t, s, worker, models.LangDA)
		onlyMail, _, err := s.CreateReferral(ctx, emailReferral(worker.ID, "", "only@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		addr := "New@Example.dk"
		got, err := s.SetCitizenEmail(ctx, withPhone.ID, &addr)
		if err != nil || got.Email == nil || *got.Email != "new@example.dk" {
			t.Fatalf("set: %v %v", got, err)
		}
		taken := "only@example.dk"
		if _, err := s.SetCitizenEmail(ctx, withPhone.ID, &taken); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("taken: %v", err)
		}
		bad := "Navn <x@example.dk>"
		if _, err := s.SetCitizenEmail(ctx, withPhone.ID, &bad); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("not a bare address: %v", err)
		}
		if got, err := s.SetCitizenEmail(ctx, withPhone.ID, nil); err != nil || got.Email != nil {
			t.Fatalf("clear: %v %v", got, err)
		}
		if _, err := s.SetCitizenEmail(ctx, onlyMail.ID, nil); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("clearing the only channel: %v", err)
		}
	})
}

// TestStore_EmailLoginCode: a code asked for by e-mail verifies by e-mail only, once; an unknown
// address gets no code and no error.
func TestStore_EmailLoginCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		c, _, err := s.CreateReferral(ctx, emailReferral(worker.ID, "", "code@example.dk"))
		if err != nil {
			t.Fatal(err)
		}
		if who, code, err := s.CreateEmailLoginCode(ctx, "nobody@example.dk"); who != nil || code != "" || err != nil {
			t.Fatalf("unknown address: %v %q %v", who, code, err)
		}
		who, code, err := s.CreateEmailLoginCode(ctx, "code@example.dk")
		if err != nil || who == nil || who.ID != c.ID || len(code) != 6 {
			t.Fatalf("create: %v %q %v", who, code, err)
		}
		if _, err := s.VerifyLoginCode(ctx, "", code); !models.IsCode(err, models.EUNAUTHORIZED) {
			t.Fatalf("the code must not verify by (empty) phone: %v", err)
		}
		if got, err := s.VerifyEmailLoginCode(ctx, "code@example.dk", code); err != nil || got.ID != c.ID {
			t.Fatalf("verify: %v %v", got, err)
		}
		if _, err := s.VerifyEmailLoginCode(ctx, "code@example.dk", code); !models.IsCode(err, models.EUNAUTHORIZED) {
			t.Fatalf("second use: %v", err)
		}
	})
}

// TestStore_ContactLink: a token names the open contact conversation until it closes or
// expires; a changed token is refused like a dead one.
func TestStore_ContactLink(t *testing.T) {
	clock := newClock()
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lise")
		c := storetest.Citizen(t, s, worker, models.LangDA)
		conv := &models.Conversation{CitizenID: c.ID, Kind: models.ConvContact, ExpiresAt: s.Now().Add(30 * 24 * time.Hour)}
		if err := s.StartConversation(ctx, conv); err != nil {
			t.Fatal(err)
		}
		token, err := s.ContactLinkToken(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := s.ContactLinkConversation(ctx, token); err != nil || got.ID != conv.ID {
			t.Fatalf("read: %v %v", got, err)
		}
		forged := token[:len(token)-2] + "xx"
		if _, err := s.ContactLinkConversation(ctx, forged); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("forged: %v", err)
		}
		other := strings.Replace(token, conv.ID, models.NewID(), 1)
		if _, err := s.ContactLinkConversation(ctx, other); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("another conversation's id under this signature: %v", err)
		}
		clock.Advance(models.ContactLinkTTL + time.Second)
		if _, err := s.ContactLinkConversation(ctx, token); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("expired: %v", err)
		}
		fresh, err := s.ContactLinkToken(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CloseConversation(ctx, conv, models.ConvClosed); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ContactLinkConversation(ctx, fresh); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("used (conversation closed): %v", err)
		}
	}, models.WithClock(clock.Now))
}
