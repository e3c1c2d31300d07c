package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
	"brobygger/models/storetest"
)

// gpSOR is the clinic's SOR in the vendor A fixture: the receiver of our replies.
const gpSOR = "372351000016002"

// sentMedComReply registers the vendor A referral, queues the drafted "accepted" reply and
// records it as handed to the gateway at the clock's time.
func sentMedComReply(t *testing.T, s *models.Store, cfg models.MedComConfig, now time.Time) *models.MedComMessage {
	t.Helper()
	ctx := context.Background()
	_, _, ref, worker := registerVendorA(t, s, cfg)
	if _, err := s.TransitionReferral(ctx, ref, models.ReferralTransition{To: models.ReferralAccepted}, worker.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DraftMedComReplies(ctx, time.UTC); err != nil {
		t.Fatal(err)
	}
	drafts, _, _ := s.MedComMessages(ctx, models.MedComQuery{Direction: models.MedComOut, Status: models.MedComDraft})
	if len(drafts) != 1 {
		t.Fatalf("drafts %+v", drafts)
	}
	m, err := s.MedComMessageForStaff(ctx, drafts[0].ID, "", true)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.QueueMedComReply(ctx, cfg, m, worker.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkMedComSent(ctx, m.ID, now); err != nil {
		t.Fatal(err)
	}
	m, _ = s.MedComMessageForStaff(ctx, m.ID, "", true)
	return m
}

// ackOf is the GP's acknowledgement of our message headerID, addressed to toSOR.
func ackOf(headerID string, code medcom.AckCode, toSOR string, now time.Time) []byte {
	raw, _ := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: headerID, Code: code,
		From: medcom.NewParty(medcom.Org{SOR: gpSOR}, ""), To: medcom.NewParty(medcom.Org{SOR: toSOR}, ""), Now: now})
	return raw
}

// TestStore_MedComAck_OtherReceiverIsIgnored: an acknowledgement of one of our messages that is
// addressed to a SOR not ours (as a care communication to another SOR is refused) settles
// nothing and is not stored; the same acknowledgement addressed to us then settles the message.
func TestStore_MedComAck_OtherReceiverIsIgnored(t *testing.T) {
	clock := &fakeClock{t: time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)}
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx, cfg := context.Background(), medcomCfg(t)
		m := sentMedComReply(t, s, cfg, clock.Now())
		before := countRows(t, s, "medcom_messages")
		for _, code := range []medcom.AckCode{medcom.AckOK, medcom.AckFatalError, medcom.AckTransientError} {
			r, err := s.ReceiveMedCom(ctx, cfg, ackOf(m.HeaderID, code, "999999000016009", clock.Now()))
			if err != nil || r.Outcome != "ignored" || r.Reason == "" || r.MessageID != "" {
				t.Fatalf("%s addressed elsewhere: %+v %v", code, r, err)
			}
		}
		if n := countRows(t, s, "medcom_messages"); n != before {
			t.Fatalf("an ignored acknowledgement was stored: %d rows, was %d", n, before)
		}
		got, _ := s.MedComMessageForStaff(ctx, m.ID, "", true)
		if got.Status != models.MedComSent || got.AckCode != "" || got.AckedAt != nil || !got.UpdatedAt.Equal(m.UpdatedAt) {
			t.Fatalf("an ignored acknowledgement changed the message: %s %q %v %v", got.Status, got.AckCode, got.AckedAt, got.UpdatedAt)
		}
		r, err := s.ReceiveMedCom(ctx, cfg, ackOf(m.HeaderID, medcom.AckOK, cfg.ReceiverSORs[1], clock.Now()))
		if err != nil || r.Outcome != "ack" {
			t.Fatalf("addressed to our second SOR: %+v %v", r, err)
		}
		if got, _ := s.MedComMessageForStaff(ctx, m.ID, "", true); got.Status != models.MedComDelivered {
			t.Fatalf("status %s", got.Status)
		}
	}, models.WithClock(clock.Now))
}
