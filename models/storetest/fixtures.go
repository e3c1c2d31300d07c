package storetest

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

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
