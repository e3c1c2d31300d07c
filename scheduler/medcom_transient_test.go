package scheduler_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
	"brobygger/models/storetest"
	"brobygger/scheduler"
)

// recordingGateway keeps every hand-over: the MessageHeader id and the bytes.
type recordingGateway struct {
	flakyGateway
	raws [][]byte
}

func (g *recordingGateway) Deliver(ctx context.Context, name string, raw []byte) error {
	g.mu.Lock()
	g.raws = append(g.raws, raw)
	g.mu.Unlock()
	return g.flakyGateway.Deliver(ctx, name, raw)
}

// TestRunMedCom_TransientErrorAckIsRetriedOnce: a transient-error acknowledgement of a sent
// message (even one already flagged overdue) neither fails it nor leaves it waiting: it is handed
// over again after its back-off, once, as the very same message (same MessageHeader id, same
// bytes), and counts as overdue only from the new hand-over. A late acknowledgement of the first
// hand-over, transient or fatal, arriving after the ok one changes nothing and sends nothing.
func TestRunMedCom_TransientErrorAckIsRetriedOnce(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			h := newHarness(t, d, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
			cfg, gw := medcomCfg(t), &recordingGateway{}
			h.sched.EnableMedCom(scheduler.MedComJob{Config: cfg, Gateway: gw, AckTimeout: 2 * time.Hour})
			worker := storetest.LinkWorker(t, h.s, "Lise")
			b := receive(t, h, cfg, "vendor_c_relative.json")
			if err := h.s.DeclineMedComReferral(h.ctx, b, "Ikke i målgruppen.", h.loc); err != nil {
				t.Fatal(err)
			}
			header := sendAllDrafts(t, h, cfg, worker.ID)[models.ReplyDeclined]
			start := h.clock.now()
			if rep, err := h.sched.RunMedCom(h.ctx, start); err != nil || rep.Sent != 1 {
				t.Fatalf("%+v %v", rep, err)
			}
			late := start.Add(2*time.Hour + time.Minute)
			if rep, _ := h.sched.RunMedCom(h.ctx, late); rep.Overdue != 1 {
				t.Fatalf("overdue %+v", rep)
			}
			ack := func(code medcom.AckCode, at time.Time) *models.MedComReceipt {
				h.clock.set(at) // the store settles at its own clock's time
				raw, _ := medcom.BuildAcknowledgement(medcom.Ack{OriginalHeaderID: header, Code: code, Problem: &medcom.Problem{IssueCode: "transient", Text: "Try later."},
					From: medcom.NewParty(medcom.Org{SOR: "598761000016008"}, ""), To: medcom.NewParty(medcom.Org{SOR: cfg.ReceiverSORs[0]}, ""), Now: at})
				r, err := h.s.ReceiveMedCom(h.ctx, cfg, raw)
				if err != nil || r.Outcome != "ack" {
					t.Fatalf("%s ack: %+v %v", code, r, err)
				}
				return r
			}
			at := late.Add(time.Minute)
			ack(medcom.AckTransientError, at)
			msg := func() *models.MedComMessageRow {
				rows, _, err := h.s.MedComMessages(h.ctx, models.MedComQuery{Direction: models.MedComOut})
				if err != nil || len(rows) != 1 {
					t.Fatalf("%d outgoing messages, %v", len(rows), err)
				}
				return &rows[0]
			}
			if m := msg(); m.Status != models.MedComQueued || m.AckCode != string(medcom.AckTransientError) || m.AckedAt != nil {
				t.Fatalf("after transient-error: %s %q %v", m.Status, m.AckCode, m.AckedAt)
			}
			if n, _ := h.s.MedComOverdueCount(h.ctx); n != 0 {
				t.Fatalf("a message queued again still counts as overdue: %d", n)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, at.Add(30*time.Second)); rep.Sent != 0 {
				t.Fatal("handed over again before its back-off")
			}
			again := at.Add(time.Hour)
			if rep, err := h.sched.RunMedCom(h.ctx, again); err != nil || rep.Sent != 1 {
				t.Fatalf("the retry: %+v %v", rep, err)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, again.Add(time.Minute)); rep.Sent != 0 || rep.Overdue != 0 {
				t.Fatalf("handed over twice, or overdue at once: %+v", rep)
			}
			if len(gw.got) != 2 || gw.got[0] != header || gw.got[1] != header || !bytes.Equal(gw.raws[0], gw.raws[1]) {
				t.Fatalf("hand-overs %v (same bytes: %v)", gw.got, len(gw.raws) == 2 && bytes.Equal(gw.raws[0], gw.raws[1]))
			}
			if m := msg(); m.Status != models.MedComSent || m.Attempts != 2 {
				t.Fatalf("after the retry: %s, %d attempts", m.Status, m.Attempts)
			}
			if n, _ := h.s.MedComOverdueCount(h.ctx); n != 0 {
				t.Fatalf("the retry counts as overdue from the first hand-over: %d", n)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, again.Add(2*time.Hour+time.Minute)); rep.Overdue != 1 {
				t.Fatalf("the retry without acknowledgement is not flagged: %+v", rep)
			}
			ack(medcom.AckOK, again.Add(2*time.Hour+2*time.Minute))
			ack(medcom.AckTransientError, again.Add(2*time.Hour+3*time.Minute))
			ack(medcom.AckFatalError, again.Add(2*time.Hour+4*time.Minute))
			if m := msg(); m.Status != models.MedComDelivered || m.AckCode != string(medcom.AckOK) {
				t.Fatalf("a late acknowledgement moved a delivered message: %s %q", m.Status, m.AckCode)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, again.Add(5*time.Hour)); rep.Sent != 0 || len(gw.got) != 2 {
				t.Fatalf("a delivered message was handed over again: %+v", rep)
			}
		})
	}
}
