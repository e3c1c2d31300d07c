package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"brobygger/models"
)

// phoneSeq hands out distinct test numbers in a Danish range within one test binary.
var phoneSeq atomic.Int64

// NextPhone returns a fresh valid Danish mobile number in E.164.
func NextPhone() string {
	return fmt.Sprintf("+4526%06d", phoneSeq.Add(1)%1000000)
}

// LinkWorker creates a link worker.
func LinkWorker(t testing.TB, s *models.Store, name string) *models.Staff {
	t.Helper()
	st, err := s.CreateStaff(context.Background(), models.NewStaff{
		Email: fmt.Sprintf("%s.%d@example.dk", "lw", phoneSeq.Add(1)), Name: name,
		Role: models.RoleLinkWorker, Password: "a test password long enough", Phone: "+4533123456"})
	if err != nil {
		t.Fatalf("create link worker: %v", err)
	}
	return st
}

// Citizen refers a new citizen to worker (created when nil) and returns them.
func Citizen(t testing.TB, s *models.Store, worker *models.Staff, lang models.Lang) *models.Citizen {
	t.Helper()
	if worker == nil {
		worker = LinkWorker(t, s, "Lise Brobygger")
	}
	c, _, err := s.CreateReferral(context.Background(), models.NewReferral{
		Name: "Test Borger", Phone: NextPhone(), Language: lang, LinkWorkerID: worker.ID,
		ReferrerName: "Dr. Jensen", ReferrerClinic: "Lægehuset", Reason: "Ensom efter tab af ægtefælle",
		ConsentContact: true, ConsentData: true})
	if err != nil {
		t.Fatalf("create citizen: %v", err)
	}
	return c
}

// ConfirmedCitizen refers a citizen whose contact SMS went out just before confirmedAt and who
// replied JA at confirmedAt.
func ConfirmedCitizen(t testing.TB, s *models.Store, worker *models.Staff, lang models.Lang, confirmedAt time.Time) *models.Citizen {
	t.Helper()
	c := Citizen(t, s, worker, lang)
	contacted := confirmedAt.Add(-time.Hour).UTC()
	confirmed := confirmedAt.UTC()
	err := s.UpdateCitizen(context.Background(), c.ID, models.CitizenUpdate{ContactedAt: &contacted, ContactConfirmedAt: &confirmed})
	if err != nil {
		t.Fatalf("confirm citizen: %v", err)
	}
	c, err = s.CitizenByID(context.Background(), c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Activity prescribes a new offer called title to a citizen every ISO weekday (1 Monday … 7
// Sunday) at start ("HH:MM"), from the date startsOn.
func Activity(t testing.TB, s *models.Store, citizenID, title string, weekday int, start string, startsOn models.Date) *models.Prescription {
	t.Helper()
	ctx := context.Background()
	offer := models.Offer{Title: title, Organisation: "Frivilligcenter", AddressLine: "Kulturhuset, Hovedgaden 1", Active: true}
	if err := s.CreateOffer(ctx, &offer); err != nil {
		t.Fatalf("create offer: %v", err)
	}
	p := models.Prescription{CitizenID: citizenID, OfferID: offer.ID, Weekday: weekday, StartTime: start, EndTime: "23:59",
		StartsOn: startsOn.UTCMidnight(), Active: true}
	if err := s.CreatePrescription(ctx, &p); err != nil {
		t.Fatalf("create prescription: %v", err)
	}
	return &p
}
