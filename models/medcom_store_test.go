package models_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
	"brobygger/models/storetest"
)

const vendorAHeader = "6a1d2f1e-3b1c-4c55-8f0e-2d5b7c9e1a11"

func medcomCfg(t *testing.T) models.MedComConfig {
	t.Helper()
	v, err := medcom.NewCPRVault(bytes.Repeat([]byte{7}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return models.MedComConfig{ReceiverSORs: []string{"481461000016006", "481461000016007"}, Name: "Brobygger", Vault: v}
}

func medcomFixture(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile("medcom/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// withHeader makes another message from a fixture by giving it a new MessageHeader id.
func withHeader(raw []byte, old, id string) []byte {
	return []byte(strings.ReplaceAll(string(raw), old, id))
}

func countRows(t *testing.T, s *models.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.GormDB().Table(table).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

// TestStore_ReceiveMedCom_ReferralsAndDuplicate receives three vendors' messages: each is
// acknowledged ok and becomes a received referral (with a mobile number, or waiting as missing
// phone); the clinic register fills; a second delivery answers the same acknowledgement and adds
// nothing; nothing stored holds the CPR number in the clear.
func TestStore_ReceiveMedCom_ReferralsAndDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		want := map[string]models.MedComReferralStatus{"vendor_a_absolute.json": models.MedComWaiting,
			"vendor_b_urnuuid.json": models.MedComMissingPhone, "vendor_c_relative.json": models.MedComMissingPhone}
		for file, status := range want {
			r, err := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, file))
			if err != nil {
				t.Fatal(err)
			}
			if r.AckCode != medcom.AckOK || r.Outcome != "referral" || r.Duplicate {
				t.Fatalf("%s: %+v", file, r)
			}
			ack, p := medcom.ReadAcknowledgement(r.AckJSON)
			if p != nil || ack.Answers != r.HeaderID || ack.Code != medcom.AckOK {
				t.Fatalf("%s ack: %+v %v", file, ack, p)
			}
			ref, err := s.MedComReferralByID(ctx, r.MedComReferralID)
			if err != nil || ref.Status != status {
				t.Fatalf("%s: %+v %v", file, ref, err)
			}
		}
		first, _ := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, "vendor_a_absolute.json"))
		again, err := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, "vendor_a_absolute.json"))
		if err != nil || !again.Duplicate || !bytes.Equal(first.AckJSON, again.AckJSON) {
			t.Fatalf("duplicate: %+v %v", again, err)
		}
		if n := countRows(t, s, "medcom_messages"); n != 3 {
			t.Fatalf("messages = %d, want 3", n)
		}
		if n := countRows(t, s, "medcom_referrals"); n != 3 {
			t.Fatalf("referrals = %d", n)
		}
		clinics, _ := s.Clinics(ctx)
		if len(clinics) != 2 {
			t.Fatalf("clinics %+v", clinics)
		}
		var a models.MedComReferralRow
		rows, _, _ := s.MedComReferrals(ctx, models.MedComReferralQuery{Status: models.MedComWaiting})
		a = rows[0]
		if a.Phone != "+4520304050" || a.ClinicName != "Lægerne på Torvet" || a.Practitioner != "Ole Lægesen" || !strings.Contains(a.Attachments, "konsultationsnotat") {
			t.Fatalf("%+v", a)
		}
		if a.MaskedCPR(cfg.Vault) != "010170-xxxx" {
			t.Fatal(a.MaskedCPR(cfg.Vault))
		}
		if cpr, _ := s.RevealCPR(ctx, cfg.Vault, &a); cpr != "010170-1234" {
			t.Fatal(cpr)
		}
		// CPR encryption: no column anywhere holds the number in the clear.
		for _, q := range []string{"SELECT COUNT(*) FROM medcom_messages WHERE raw_sealed LIKE '%0101701234%' OR ack_json LIKE '%0101701234%' OR body LIKE '%0101701234%'",
			"SELECT COUNT(*) FROM medcom_referrals WHERE cpr_sealed LIKE '%0101701234%' OR cpr_hash LIKE '%0101701234%'"} {
			var n int64
			if err := s.GormDB().Raw(q).Scan(&n).Error; err != nil || n != 0 {
				t.Fatalf("%s: %d %v", q, n, err)
			}
		}
	})
}

// TestStore_ReceiveMedCom_Refused answers malformed messages with a fatal-error acknowledgement
// that says why, stores them as rejected, and answers their second delivery the same way.
func TestStore_ReceiveMedCom_Refused(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		a := string(medcomFixture(t, "vendor_a_absolute.json"))
		noPatient := strings.Replace(a, `"resourceType": "Patient"`, `"resourceType": "Basic"`, 1)
		wrongReceiver := strings.ReplaceAll(a, "481461000016006", "999991000016001")
		wrongProfile := strings.Replace(a, "medcom-careCommunication-message\"]", "other-message\"]", 1)
		cases := []struct{ name, raw, reason string }{
			{"missing patient", noPatient, "Patient"},
			{"wrong receiver", wrongReceiver, "not this receiver"},
			{"wrong profile", wrongProfile, "meta.profile"},
			{"broken JSON", a[:300], "not valid JSON"},
		}
		for i, c := range cases {
			raw := withHeader([]byte(c.raw), vendorAHeader, "00000000-0000-4000-8000-00000000000"+string(rune('1'+i)))
			r, err := s.ReceiveMedCom(ctx, cfg, raw)
			if err != nil {
				t.Fatal(err)
			}
			if r.AckCode != medcom.AckFatalError || !strings.Contains(r.Reason, c.reason) {
				t.Fatalf("%s: %+v", c.name, r)
			}
			ack, p := medcom.ReadAcknowledgement(r.AckJSON)
			if p != nil || ack.Code != medcom.AckFatalError || !strings.Contains(ack.Reason, c.reason) {
				t.Fatalf("%s: ack %+v %v", c.name, ack, p)
			}
			if c.name != "broken JSON" {
				again, _ := s.ReceiveMedCom(ctx, cfg, raw)
				if !again.Duplicate || !bytes.Equal(again.AckJSON, r.AckJSON) {
					t.Fatalf("%s: second delivery %+v", c.name, again)
				}
			}
		}
		if n := countRows(t, s, "medcom_referrals"); n != 0 {
			t.Fatalf("a refused message made %d referrals", n)
		}
	})
}

func registerVendorA(t *testing.T, s *models.Store, cfg models.MedComConfig) (*models.MedComReferralRow, *models.Citizen, *models.Referral, *models.Staff) {
	t.Helper()
	ctx := context.Background()
	r, err := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, "vendor_a_absolute.json"))
	if err != nil {
		t.Fatal(err)
	}
	mr, _ := s.MedComReferralByID(ctx, r.MedComReferralID)
	worker := storetest.LinkWorker(t, s, "Lise")
	var c *models.Citizen
	var ref *models.Referral
	err = s.InTx(ctx, func(tx *models.Store) error {
		c, ref, err = tx.RegisterMedComReferral(ctx, cfg, mr, models.RegisterMedCom{LinkWorkerID: worker.ID, Language: models.LangDA, ActorID: worker.ID})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mr, c, ref, worker
}

// TestStore_ReceiveMedCom_FollowUp attaches a second message about a registered citizen (same CPR)
// to that citizen, for the link worker's inbox and the timeline.
func TestStore_ReceiveMedCom_FollowUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		_, c, ref, worker := registerVendorA(t, s, cfg)
		if ref.ReferrerClinic != "Lægerne på Torvet" || ref.ReferrerName != "Ole Lægesen" || c.Phone != "+4520304050" {
			t.Fatalf("%+v %+v", ref, c)
		}
		follow := withHeader(medcomFixture(t, "vendor_a_absolute.json"), vendorAHeader, "11111111-2222-4333-8444-555555555555")
		r, err := s.ReceiveMedCom(ctx, cfg, follow)
		if err != nil || r.Outcome != "follow_up" || r.CitizenID != c.ID || r.AckCode != medcom.AckOK {
			t.Fatalf("%+v %v", r, err)
		}
		items, err := s.MedComFollowUps(ctx, worker.ID, false, 10)
		if err != nil || len(items) != 1 || items[0].ID != r.MessageID {
			t.Fatalf("%+v %v", items, err)
		}
		other := storetest.LinkWorker(t, s, "Other")
		if items, _ := s.MedComFollowUps(ctx, other.ID, false, 10); len(items) != 0 {
			t.Fatal("another link worker must not see the follow-up")
		}
		tl, _ := s.Timeline(ctx, c.ID, 100)
		found := 0
		for _, e := range tl {
			if e.Kind == "medcom_in" {
				found++
			}
		}
		if found != 2 {
			t.Fatalf("timeline has %d MedCom messages, want 2", found)
		}
	})
}

// TestStore_MedComReplies drafts the accept, contact and closing replies once each, queues one,
// hands it to the gateway, settles it by the clinic's acknowledgement, and flags one that waits too
// long for its acknowledgement.
func TestStore_MedComReplies(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		_, c, ref, worker := registerVendorA(t, s, cfg)
		if _, err := s.TransitionReferral(ctx, ref, models.ReferralTransition{To: models.ReferralAccepted}, worker.ID); err != nil {
			t.Fatal(err)
		}
		confirmed := clock.Now()
		if err := s.UpdateCitizen(ctx, c.ID, models.CitizenUpdate{ContactedAt: &confirmed, ContactConfirmedAt: &confirmed}); err != nil {
			t.Fatal(err)
		}
		if n, err := s.DraftMedComReplies(ctx, time.UTC); err != nil || n != 2 {
			t.Fatalf("drafted %d, %v", n, err)
		}
		if n, _ := s.DraftMedComReplies(ctx, time.UTC); n != 0 {
			t.Fatalf("a second sweep drafted %d", n)
		}
		if _, err := s.TransitionReferral(ctx, ref, models.ReferralTransition{To: models.ReferralClosed, Reason: models.CloseCompleted}, worker.ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.DraftMedComReplies(ctx, time.UTC); n != 1 {
			t.Fatalf("closing drafted %d", n)
		}
		drafts, _, _ := s.MedComMessages(ctx, models.MedComQuery{Direction: models.MedComOut, Status: models.MedComDraft})
		kinds := map[models.ReplyKind]string{}
		for _, d := range drafts {
			kinds[d.ReplyKind] = d.Body
		}
		if !strings.Contains(kinds[models.ReplyAccepted], "taget imod") || !strings.Contains(kinds[models.ReplyContact], "1.12.2026") ||
			!strings.Contains(kinds[models.ReplyClosed], "gennemført") {
			t.Fatalf("%v", kinds)
		}
		m, err := s.MedComMessageForStaff(ctx, drafts[0].ID, worker.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.EditMedComDraft(ctx, m, "Karen er godt i gang.", worker.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.QueueMedComReply(ctx, cfg, m, worker.ID); err != nil {
			t.Fatal(err)
		}
		due, _ := s.DueMedCom(ctx, clock.Now().Add(time.Hour), 10)
		if len(due) != 1 || due[0].ID != m.ID {
			t.Fatalf("due %+v", due)
		}
		raw, _ := due[0].OpenRaw(cfg.Vault)
		cc, p := medcom.ReadCareCommunication(raw, []string{"372351000016002"})
		if p != nil || cc.Activity != medcom.ActivityReply || cc.Previous != vendorAHeader || cc.Payloads[0].Text != "Karen er godt i gang." || cc.Patient.CPR != "0101701234" {
			t.Fatalf("%+v %v", cc, p)
		}
		sentAt := clock.Now()
		if err := s.MarkMedComSent(ctx, m.ID, sentAt); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.FlagOverdueMedCom(ctx, sentAt.Add(time.Hour), 2*time.Hour); n != 0 {
			t.Fatal("not overdue yet")
		}
		if n, _ := s.FlagOverdueMedCom(ctx, sentAt.Add(3*time.Hour), 2*time.Hour); n != 1 {
			t.Fatal("overdue after the timeout")
		}
		if rows, _, _ := s.MedComMessages(ctx, models.MedComQuery{Overdue: true}); len(rows) != 1 {
			t.Fatal("the admin's list shows the overdue message")
		}
		ack, _ := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: m.HeaderID, Code: medcom.AckOK,
			From: medcom.NewParty(medcom.Org{SOR: "372351000016002"}, ""), To: medcom.NewParty(medcom.Org{SOR: "481461000016006"}, ""), Now: clock.Now()})
		r, err := s.ReceiveMedCom(ctx, cfg, ack)
		if err != nil || r.Outcome != "ack" {
			t.Fatalf("%+v %v", r, err)
		}
		again, _ := s.ReceiveMedCom(ctx, cfg, ack)
		if again == nil || !again.Duplicate {
			t.Fatalf("second ack %+v", again)
		}
		got, _ := s.MedComMessageForStaff(ctx, m.ID, worker.ID, true)
		if got.Status != models.MedComDelivered || got.AckCode != "ok" {
			t.Fatalf("%+v", got)
		}
	}, models.WithClock(clock.Now))
}

// TestStore_MedComDeclineBeforeRegistering drafts the decline with the link worker's reason.
func TestStore_MedComDeclineBeforeRegistering(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		r, _ := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, "vendor_b_urnuuid.json"))
		mr, _ := s.MedComReferralByID(ctx, r.MedComReferralID)
		if err := s.DeclineMedComReferral(ctx, mr, "Borgeren bor uden for kommunen.", time.UTC); err != nil {
			t.Fatal(err)
		}
		drafts, _, _ := s.MedComMessages(ctx, models.MedComQuery{Direction: models.MedComOut})
		if len(drafts) != 1 || drafts[0].ReplyKind != models.ReplyDeclined || !strings.Contains(drafts[0].Body, "uden for kommunen") {
			t.Fatalf("%+v", drafts)
		}
		if n, _ := s.DraftMedComReplies(ctx, time.UTC); n != 0 {
			t.Fatal("the sweep must not draft the decline again")
		}
		if err := s.SetMedComReferralPhone(ctx, mr, "+4520304050"); err == nil {
			t.Fatal("a declined referral cannot be given a phone")
		}
	})
}

// TestStore_EraseCitizen_ForgetsMedCom: erasing a citizen who came by MedCom forgets the CPR
// number, the GP's messages and the referral as received.
func TestStore_EraseCitizen_ForgetsMedCom(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		mr, c, _, _ := registerVendorA(t, s, cfg)
		if _, err := s.EraseCitizen(ctx, models.Erasure{CitizenID: c.ID, ActorRole: "admin", Reason: models.ActionEraseOnRequest}); err != nil {
			t.Fatal(err)
		}
		if n := countRows(t, s, "citizen_cprs"); n != 0 {
			t.Fatalf("citizen_cprs = %d", n)
		}
		after, _ := s.MedComReferralByID(ctx, mr.ID)
		if after.CPRSealed != "" || after.PatientName != "" || after.Text != "" {
			t.Fatalf("%+v", after)
		}
		var raws []string
		s.GormDB().Table("medcom_messages").Where("citizen_id = ?", c.ID).Pluck("raw_sealed", &raws)
		for _, r := range raws {
			if r != "" {
				t.Fatal("the GP's message must be forgotten")
			}
		}
		// The same CPR number later is a new referral, not a follow-up for the erased citizen.
		again := withHeader(medcomFixture(t, "vendor_a_absolute.json"), vendorAHeader, "22222222-3333-4444-8555-666666666666")
		if r, err := s.ReceiveMedCom(ctx, cfg, again); err != nil || r.Outcome != "referral" {
			t.Fatalf("%+v %v", r, err)
		}
	})
}

// TestStore_ReportCountsMedComReferralsByClinic counts a MedCom referral under its clinic's name
// in the register, also after an admin corrects it.
func TestStore_ReportCountsMedComReferralsByClinic(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		mr, _, _, _ := registerVendorA(t, s, cfg)
		cl, _ := s.ClinicByID(ctx, mr.ClinicID)
		name := "Torvets Lægehus"
		if err := s.UpdateClinic(ctx, cl, models.ClinicInput{Name: &name}); err != nil {
			t.Fatal(err)
		}
		p, err := models.ParseReportPeriod("2026-12-01", "2026-12-31", clock.Now(), time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		f, err := s.ReportFigures(ctx, p)
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Clinics) != 1 || f.Clinics[0].Clinic != name {
			t.Fatalf("%+v", f.Clinics)
		}
	}, models.WithClock(clock.Now))
}

// TestStore_MedComLists_PageNewestFirst: the message and referral lists page one row at a time
// through every row once, newest first, and refuse a cursor that is not theirs.
func TestStore_MedComLists_PageNewestFirst(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		for _, f := range []string{"vendor_a_absolute.json", "vendor_b_urnuuid.json", "vendor_c_relative.json"} {
			if _, err := s.ReceiveMedCom(ctx, cfg, medcomFixture(t, f)); err != nil {
				t.Fatal(err)
			}
		}
		seen, cursor := map[string]bool{}, ""
		for range 5 {
			rows, next, err := s.MedComMessages(ctx, models.MedComQuery{Direction: models.MedComIn, Cursor: cursor, Limit: 1})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				if seen[r.ID] {
					t.Fatalf("message %s on two pages", r.ID)
				}
				seen[r.ID] = true
			}
			if cursor = next; cursor == "" {
				break
			}
		}
		if len(seen) != 3 {
			t.Fatalf("paged through %d messages, want 3", len(seen))
		}
		first, next, err := s.MedComReferrals(ctx, models.MedComReferralQuery{Limit: 2})
		if err != nil || len(first) != 2 || next == "" {
			t.Fatalf("first page: %d rows, next %q, %v", len(first), next, err)
		}
		rest, last, err := s.MedComReferrals(ctx, models.MedComReferralQuery{Limit: 2, Cursor: next})
		if err != nil || len(rest) != 1 || last != "" || rest[0].ID == first[0].ID || rest[0].ID == first[1].ID ||
			rest[0].CreatedAt.After(first[1].CreatedAt) {
			t.Fatalf("second page: %+v, next %q, %v", rest, last, err)
		}
		if _, _, err := s.MedComMessages(ctx, models.MedComQuery{Cursor: "not-a-cursor"}); models.ErrorCode(err) != models.EINVALID {
			t.Fatalf("a bad cursor: %v", err)
		}
	})
}
