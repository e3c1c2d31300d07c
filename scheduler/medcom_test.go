package scheduler_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
	"brobygger/models/storetest"
	"brobygger/scheduler"
)

func medcomCfg(t testing.TB) models.MedComConfig {
	v, err := medcom.NewCPRVault(bytes.Repeat([]byte{3}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return models.MedComConfig{ReceiverSORs: []string{"481461000016006", "481461000016007"}, Name: "Brobygger", Vault: v}
}

func receive(t *testing.T, h *harness, cfg models.MedComConfig, file string) *models.MedComReferralRow {
	t.Helper()
	raw, err := os.ReadFile("../models/medcom/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := h.s.ReceiveMedCom(h.ctx, cfg, raw)
	if err != nil || r.AckCode != medcom.AckOK {
		t.Fatalf("%+v %v", r, err)
	}
	mr, err := h.s.MedComReferralByID(h.ctx, r.MedComReferralID)
	if err != nil {
		t.Fatal(err)
	}
	return mr
}

// sendAllDrafts does what the link worker does in the dashboard: look at each draft and send it.
func sendAllDrafts(t *testing.T, h *harness, cfg models.MedComConfig, worker string) map[models.ReplyKind]string {
	t.Helper()
	drafts, err := h.s.MedComDrafts(h.ctx, "", true, 100)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[models.ReplyKind]string{}
	for i := range drafts {
		m := &drafts[i].MedComMessage
		if err := h.s.QueueMedComReply(h.ctx, cfg, m, worker); err != nil {
			t.Fatal(err)
		}
		kinds[m.ReplyKind] = m.HeaderID
	}
	return kinds
}

// TestRunMedCom_RepliesToOutboxDir drafts the replies for accept, contact and closing (vendor A's
// referral) and for a decline (vendor B's), and, once the link worker has sent them, writes each
// as one CareCommunication file in the outbox directory, addressed to the clinic's SOR and
// replying to the GP's message.
func TestRunMedCom_RepliesToOutboxDir(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			h := newHarness(t, d, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
			cfg, dir := medcomCfg(t), t.TempDir()
			h.sched.EnableMedCom(scheduler.MedComJob{Config: cfg, Gateway: dirGateway{dir}, AckTimeout: 2 * time.Hour})
			worker := storetest.LinkWorker(t, h.s, "Lise")
			a := receive(t, h, cfg, "vendor_a_absolute.json")
			var ref *models.Referral
			var c *models.Citizen
			err := h.s.InTx(h.ctx, func(tx *models.Store) error {
				var err error
				c, ref, err = tx.RegisterMedComReferral(h.ctx, cfg, a, models.RegisterMedCom{LinkWorkerID: worker.ID, Language: models.LangDA, ActorID: worker.ID})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := h.s.TransitionReferral(h.ctx, ref, models.ReferralTransition{To: models.ReferralAccepted}, worker.ID); err != nil {
				t.Fatal(err)
			}
			now := h.clock.now()
			if err := h.s.UpdateCitizen(h.ctx, c.ID, models.CitizenUpdate{ContactedAt: &now, ContactConfirmedAt: &now}); err != nil {
				t.Fatal(err)
			}
			storetest.Activity(t, h.s, c.ID, "Gåklub", 3, "10:00", models.Date{Year: 2026, Month: 12, Day: 2})
			if _, err := h.s.TransitionReferral(h.ctx, ref, models.ReferralTransition{To: models.ReferralClosed, Reason: models.CloseCompleted}, worker.ID); err != nil {
				t.Fatal(err)
			}
			b := receive(t, h, cfg, "vendor_b_urnuuid.json")
			if err := h.s.DeclineMedComReferral(h.ctx, b, "Borgeren bor uden for kommunen.", h.loc); err != nil {
				t.Fatal(err)
			}
			rep, err := h.sched.RunMedCom(h.ctx, h.clock.now())
			if err != nil || rep.Drafted != 3 || rep.Sent != 0 {
				t.Fatalf("%+v %v", rep, err)
			}
			kinds := sendAllDrafts(t, h, cfg, worker.ID)
			if len(kinds) != 4 {
				t.Fatalf("kinds %v", kinds)
			}
			rep, err = h.sched.RunMedCom(h.ctx, h.clock.now())
			if err != nil || rep.Sent != 4 {
				t.Fatalf("%+v %v", rep, err)
			}
			want := map[models.ReplyKind]string{models.ReplyAccepted: "taget imod", models.ReplyContact: "bekræftet kontakten",
				models.ReplyClosed: "Gåklub", models.ReplyDeclined: "uden for kommunen"}
			for kind, header := range kinds {
				raw, err := os.ReadFile(filepath.Join(dir, header+".json"))
				if err != nil {
					t.Fatalf("%s: %v", kind, err)
				}
				receiver := []string{"372351000016002"}
				cc, p := medcom.ReadCareCommunication(raw, receiver)
				if p != nil || cc.Activity != medcom.ActivityReply || cc.Previous == "" || !strings.Contains(cc.Payloads[0].Text, want[kind]) {
					t.Fatalf("%s: %+v %v", kind, cc, p)
				}
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, h.clock.now()); rep.Sent != 0 {
				t.Fatal("a sent message must not be handed over again")
			}
		})
	}
}

// dirGateway writes one file per message, as the file drop in notify does (scheduler may not
// import notify).
type dirGateway struct{ dir string }

func (g dirGateway) Deliver(_ context.Context, name string, raw []byte) error {
	return os.WriteFile(filepath.Join(g.dir, name+".json"), raw, 0o600)
}

// flakyGateway fails the first n hand-overs.
type flakyGateway struct {
	mu    sync.Mutex
	fails int
	got   []string
}

func (g *flakyGateway) Deliver(_ context.Context, name string, _ []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.fails > 0 {
		g.fails--
		return errors.New("gateway down")
	}
	g.got = append(g.got, name)
	return nil
}

// TestRunMedCom_RetryAndAckTimeout retries a failed hand-over after its back-off, and flags a
// sent message with no acknowledgement after the timeout (and only once).
func TestRunMedCom_RetryAndAckTimeout(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			h := newHarness(t, d, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
			cfg, gw := medcomCfg(t), &flakyGateway{fails: 1}
			h.sched.EnableMedCom(scheduler.MedComJob{Config: cfg, Gateway: gw, AckTimeout: 2 * time.Hour})
			worker := storetest.LinkWorker(t, h.s, "Lise")
			b := receive(t, h, cfg, "vendor_c_relative.json")
			if err := h.s.DeclineMedComReferral(h.ctx, b, "Ikke i målgruppen.", h.loc); err != nil {
				t.Fatal(err)
			}
			sendAllDrafts(t, h, cfg, worker.ID)
			start := h.clock.now()
			if rep, err := h.sched.RunMedCom(h.ctx, start); err != nil || rep.Failed != 1 || rep.Sent != 0 {
				t.Fatalf("%+v %v", rep, err)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, start.Add(10*time.Second)); rep.Sent != 0 {
				t.Fatal("retried before its back-off")
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, start.Add(2*time.Minute)); rep.Sent != 1 || len(gw.got) != 1 {
				t.Fatalf("%+v", rep)
			}
			sent := start.Add(2 * time.Minute)
			if rep, _ := h.sched.RunMedCom(h.ctx, sent.Add(time.Hour)); rep.Overdue != 0 {
				t.Fatal("not overdue yet")
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, sent.Add(2*time.Hour+time.Minute)); rep.Overdue != 1 {
				t.Fatalf("%+v", rep)
			}
			if rep, _ := h.sched.RunMedCom(h.ctx, sent.Add(3*time.Hour)); rep.Overdue != 0 {
				t.Fatal("flagged twice")
			}
			if n, _ := h.s.MedComOverdueCount(h.ctx); n != 1 {
				t.Fatal(n)
			}
		})
	}
}
