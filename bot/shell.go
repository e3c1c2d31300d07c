package bot

import (
	"context"
	"fmt"
	"time"

	"brobygger/models"
	"brobygger/models/calendar"
	"brobygger/models/phone"
)

// The shell around the conversation step: it reads what the step needs (loadInbound for one
// message; handleBatch reads the same for a batch with a few statements, then loadDetails),
// runs the step (rules.decide, which reads and writes nothing) and writes its decision (write)
// in the caller's transaction. The one-by-one path (handleOne, reprocess), the inbound batch
// and the app's message share it, so they share every rule.

// linkWorker is the citizen's link worker, whom the texts name.
func linkWorker(ctx context.Context, tx *models.Store, c *models.Citizen) (*models.Staff, error) {
	w, err := tx.StaffMember(ctx, c.LinkWorkerID)
	if err != nil {
		return nil, fmt.Errorf("load link worker: %w", err)
	}
	return w, nil
}

// loadInbound reads what the step needs for one stored message: citizen nil is an unknown
// sender; worker nil is read here. The citizen's earlier SMS are read when the distress
// detector may read them with this one (readRecent).
func (e *Engine) loadInbound(ctx context.Context, tx *models.Store, msg *models.Message, citizen *models.Citizen,
	worker *models.Staff, readRecent func(text string) bool, now time.Time) (*inbound, error) {
	in := &inbound{msg: msg, citizen: citizen, worker: worker}
	if citizen != nil {
		var err error
		if in.worker == nil {
			if in.worker, err = linkWorker(ctx, tx, citizen); err != nil {
				return nil, err
			}
		}
		if in.conv, err = tx.OpenConversation(ctx, citizen.ID); err != nil {
			return nil, err
		}
		if readRecent(msg.Body) {
			in.recent, err = tx.RecentInboundTexts(ctx, citizen.ID, msg.ID, now.Add(-recentWindow), recentLimit)
			if err != nil {
				return nil, err
			}
		}
	}
	return in, e.loadDetails(ctx, tx, in)
}

// loadDetails reads what only some messages need, once who wrote and their open conversation
// are known: an unknown number's STOP, the site's send window for a START that is followed by
// the contact question, and an open check-in with (on its last item) what scoring it needs.
func (e *Engine) loadDetails(ctx context.Context, tx *models.Store, in *inbound) error {
	if in.citizen == nil {
		if !phone.CanReceiveSMS(in.msg.Phone) {
			return nil
		}
		optedOut, err := tx.PhoneOptedOut(ctx, in.msg.Phone)
		in.numberOptedOut = optedOut != nil
		return err
	}
	if in.citizen.OptedOut() && in.citizen.OptOutSource == models.OptOutByEarlierStop {
		w, err := tx.SiteSendWindow(ctx, calendar.DefaultSendWindow(e.cfg.Location))
		if err != nil {
			return err
		}
		in.sendWindow = w
	}
	conv := in.conv
	if conv == nil || conv.Kind != models.ConvCheckin || conv.CheckinID == nil {
		return nil
	}
	checkin, err := tx.CheckinByID(ctx, *conv.CheckinID)
	if models.IsCode(err, models.ENOTFOUND) {
		return nil // the step fails only if the message answers it, as when it read it itself
	}
	if err != nil {
		return err
	}
	in.checkin = checkin
	if !e.scoresOnThisAnswer(conv, checkin) {
		return nil
	}
	if in.answers, err = tx.CheckinAnswers(ctx, checkin.ID); err != nil {
		return err
	}
	in.previous, err = tx.PreviousScore(ctx, checkin.CitizenID, checkin.Instrument, checkin.ID)
	return err
}

// decideAndWrite runs the step on what was loaded and writes its decision; replies and flags
// go to pending, which the caller writes.
func (e *Engine) decideAndWrite(ctx context.Context, tx *models.Store, in *inbound, now time.Time, pending *models.PendingWrites) (decision, error) {
	d, err := e.decide(in, now)
	if err != nil {
		return d, err
	}
	return d, e.write(ctx, tx, &d, now, pending)
}

// writeAlone writes a decision with its replies and flags at once.
func (e *Engine) writeAlone(ctx context.Context, tx *models.Store, d *decision, now time.Time) error {
	var pending models.PendingWrites
	if err := e.write(ctx, tx, d, now, &pending); err != nil {
		return err
	}
	return tx.WritePending(ctx, &pending)
}

// write stores a decision in tx, in an order the rules rely on: the replies and flags to
// pending, which the caller writes after everything else (so a cancellation of queued messages
// below spares them, and the derived status does not read them); the citizen's and the number's
// changes; the answer and the score before the conversation closes; queued messages cancelled;
// the safety case; the derived status last, once everything it derives from is written. The
// message's own marks are the caller's.
func (e *Engine) write(ctx context.Context, tx *models.Store, d *decision, now time.Time, pending *models.PendingWrites) error {
	// Pending rows take their ids (time-ordered) now, so the replies sort before a conversation's
	// first SMS written below, as they were decided.
	for _, n := range d.replies {
		pending.Enqueue(n, now)
	}
	for _, f := range d.flags {
		pending.RaiseFlag(f, now)
	}
	if err := writeNumber(ctx, tx, d); err != nil {
		return err
	}
	if err := writeCitizenChange(ctx, tx, d.citizenID, &d.citizen); err != nil {
		return err
	}
	if err := writeAnswers(ctx, tx, d); err != nil {
		return err
	}
	if err := writeConversations(ctx, tx, d.citizenID, &d.conv); err != nil {
		return err
	}
	if d.citizen.suppressQueued != "" {
		if err := tx.SuppressQueued(ctx, d.citizenID, d.citizen.suppressQueued); err != nil {
			return err
		}
	}
	if d.safetyFlag != nil {
		if err := tx.RaiseSafetyFlag(ctx, *d.safetyFlag); err != nil {
			return err
		}
	}
	if d.refreshStatus {
		return tx.RefreshStatus(ctx, d.citizenID)
	}
	return nil
}

// writeNumber remembers an unknown number's STOP or START.
func writeNumber(ctx context.Context, tx *models.Store, d *decision) error {
	if d.numberOptOut != "" {
		return tx.MarkPhoneOptedOut(ctx, d.numberOptOut, models.OptOutBySMS)
	}
	if d.numberOptIn != "" {
		return tx.MarkPhoneOptedIn(ctx, d.numberOptIn)
	}
	return nil
}

func writeCitizenChange(ctx context.Context, tx *models.Store, citizenID string, c *citizenChange) error {
	if c.optOut {
		if err := tx.MarkOptedOut(ctx, citizenID, models.OptOutBySMS); err != nil {
			return err
		}
	}
	if c.optIn {
		if _, err := tx.MarkOptedIn(ctx, citizenID); err != nil {
			return err
		}
	}
	if c.withdrawResearch {
		if _, err := tx.WithdrawResearchConsent(ctx, citizenID, models.WithdrawnBySMS, nil); err != nil {
			return err
		}
	}
	if c.update != (models.CitizenUpdate{}) {
		return tx.UpdateCitizen(ctx, citizenID, c.update)
	}
	return nil
}

func writeAnswers(ctx context.Context, tx *models.Store, d *decision) error {
	if d.answer != nil {
		if err := tx.SaveAnswer(ctx, d.answer); err != nil {
			return err
		}
	}
	if f := d.finish; f != nil {
		if err := tx.FinishCheckin(ctx, f.checkinID, f.result); err != nil {
			return err
		}
	}
	if a := d.attendance; a != nil {
		return tx.RecordAttendance(ctx, a.prescriptionID, d.citizenID, a.on, a.answer)
	}
	return nil
}

func writeConversations(ctx context.Context, tx *models.Store, citizenID string, c *convChange) error {
	if c.update != nil {
		if err := tx.UpdateConversation(ctx, c.update); err != nil {
			return err
		}
	}
	if c.close != nil {
		if err := tx.CloseConversation(ctx, c.close, models.ConvClosed); err != nil {
			return err
		}
	}
	if c.closeOpen {
		if err := tx.CloseOpenConversations(ctx, citizenID, models.ConvClosed); err != nil {
			return err
		}
	}
	if c.start == nil {
		return nil
	}
	if err := tx.StartConversation(ctx, c.start); err != nil {
		return err
	}
	if c.first != nil {
		if _, err := tx.Enqueue(ctx, *c.first); err != nil {
			return err
		}
	}
	return nil
}
