package models

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"brobygger/models/medcom"
	"gorm.io/gorm"
)

// receiveMedComAck settles the outgoing message an acknowledgement answers: ok → delivered,
// fatal-error → failed (with the reason, for the admin), transient-error → sent again later;
// a message already delivered or failed stays so.
// The acknowledgement itself is stored once; a second delivery changes nothing. One addressed to
// a SOR that is not ours (MEDCOM_RECEIVER_SOR) is ignored: outcome "ignored", nothing stored.
func (s *Store) receiveMedComAck(ctx context.Context, cfg MedComConfig, raw []byte) (*MedComReceipt, error) {
	a, p := medcom.ReadAcknowledgement(raw)
	receipt := &MedComReceipt{HeaderID: a.HeaderID, Kind: medcom.EventAcknowledgement, Outcome: "ack"}
	if p != nil {
		receipt.Outcome, receipt.Reason = "rejected", p.Text
		return receipt, nil
	}
	if !slices.Contains(cfg.ReceiverSORs, a.ReceiverSOR) {
		// Misrouted: as a care communication to another SOR is refused, an acknowledgement
		// addressed to another receiver settles nothing here and is not stored.
		receipt.Outcome = "ignored"
		receipt.Reason = fmt.Sprintf("The acknowledgement is addressed to SOR %q, which is not this receiver; it was ignored.", a.ReceiverSOR)
		return receipt, nil
	}
	if prev, err := s.receivedMedCom(ctx, a.HeaderID); err != nil || prev != nil {
		if prev != nil {
			prev.Outcome = "ack"
		}
		return prev, err
	}
	err := s.InTx(ctx, func(tx *Store) error {
		now := tx.Now()
		m := MedComMessage{ID: NewID(), Direction: MedComIn, Kind: medcom.EventAcknowledgement, HeaderID: a.HeaderID, Status: MedComAccepted,
			RawSealed: cfg.Vault.Seal(string(raw)), AckCode: string(a.Code), AckReason: a.Reason, InReplyTo: a.Answers, CreatedAt: now, UpdatedAt: now}
		var out MedComMessage
		err := tx.q(ctx).Where("direction = ? AND header_id = ?", MedComOut, a.Answers).Take(&out).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		if err == nil {
			m.CitizenID, m.ClinicID = out.CitizenID, out.ClinicID
			if err := tx.settleMedComOut(ctx, &out, a, now); err != nil {
				return err
			}
		} else {
			m.Status = MedComRejected
			m.AckReason = "No message of ours has this MessageHeader id."
		}
		receipt.MessageID = m.ID
		return tx.q(ctx).Create(&m).Error
	})
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return s.receivedMedCom(ctx, a.HeaderID)
	}
	if err != nil {
		return nil, fmt.Errorf("receive medcom ack: %w", err)
	}
	return receipt, nil
}

// medcomUnsettled are the states an acknowledgement may move an outgoing message from: handed
// over, or queued again after a transient error. Delivered and failed are final, so a late
// acknowledgement of an earlier hand-over neither undoes them nor sends the message again.
var medcomUnsettled = []MedComStatus{MedComSent, MedComQueued}

func (s *Store) settleMedComOut(ctx context.Context, out *MedComMessage, a *medcom.Acknowledgement, now time.Time) error {
	up := map[string]any{"ack_code": string(a.Code), "ack_reason": a.Reason, "ack_header_id": a.HeaderID, "acked_at": now, "updated_at": now}
	switch a.Code {
	case medcom.AckOK:
		up["status"] = MedComDelivered
	case medcom.AckFatalError:
		up["status"] = MedComFailed
	default:
		// transient-error: the same message (same MessageHeader id) is handed over again after
		// the back-off; its acknowledgement is awaited, and overdue counted, from that hand-over.
		up["status"], up["next_attempt_at"], up["acked_at"], up["ack_overdue_at"] = MedComQueued, now.Add(retryDelay(out.Attempts)), nil, nil
	}
	return s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND status IN ?", out.ID, medcomUnsettled).Updates(up).Error
}

// retryDelay backs off: 1, 2, 4 … minutes, at most an hour.
func retryDelay(attempts int) time.Duration {
	d := time.Minute << min(attempts, 6)
	return min(d, time.Hour)
}

// DueMedCom lists queued outgoing messages whose time has come, oldest first.
func (s *Store) DueMedCom(ctx context.Context, now time.Time, limit int) ([]MedComMessage, error) {
	var out []MedComMessage
	err := s.q(ctx).Where("direction = ? AND status = ? AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", MedComOut, MedComQueued, now).
		Order("created_at, id").Limit(limit).Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("due medcom: %w", err)
	}
	return out, nil
}

// MarkMedComSent records that the gateway took the message; the receiver's acknowledgement is
// awaited from now.
func (s *Store) MarkMedComSent(ctx context.Context, id string, now time.Time) error {
	return s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND status = ?", id, MedComQueued).
		Updates(map[string]any{"status": MedComSent, "sent_at": now, "attempts": gorm.Expr("attempts + 1"), "last_error": "", "updated_at": now}).Error
}

// MarkMedComRetry records a failed hand-over to the gateway and when to try again.
func (s *Store) MarkMedComRetry(ctx context.Context, m *MedComMessage, cause string, now time.Time) error {
	return s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND status = ?", m.ID, MedComQueued).
		Updates(map[string]any{"attempts": m.Attempts + 1, "last_error": clip(cause, 1000), "next_attempt_at": now.Add(retryDelay(m.Attempts)), "updated_at": now}).Error
}

// FlagOverdueMedCom marks sent messages with no acknowledgement after timeout, for the admin's
// list; it returns how many were newly marked.
func (s *Store) FlagOverdueMedCom(ctx context.Context, now time.Time, timeout time.Duration) (int64, error) {
	res := s.q(ctx).Model(&MedComMessage{}).Where("direction = ? AND status = ? AND acked_at IS NULL AND ack_overdue_at IS NULL AND sent_at <= ?", MedComOut, MedComSent, now.Add(-timeout)).
		Updates(map[string]any{"ack_overdue_at": now, "updated_at": now})
	if res.Error != nil {
		return 0, fmt.Errorf("flag overdue medcom: %w", res.Error)
	}
	return res.RowsAffected, nil
}

// MedComOverdueCount is how many sent messages wait too long for their acknowledgement.
func (s *Store) MedComOverdueCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.q(ctx).Model(&MedComMessage{}).Where("direction = ? AND status = ? AND ack_overdue_at IS NOT NULL", MedComOut, MedComSent).Count(&n).Error
	return n, err
}

// OpenRaw unseals a message's FHIR JSON (for the gateway, or an admin's look).
func (m *MedComMessage) OpenRaw(v *medcom.CPRVault) ([]byte, error) {
	if m.RawSealed == "" {
		return nil, nil
	}
	s, err := v.Open(m.RawSealed)
	return []byte(s), err
}
