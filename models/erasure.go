package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Erasure says whose data to erase and who asks: an admin carrying out a deletion request, or
// the retention job (ActorID nil, ActorRole "system").
type Erasure struct {
	CitizenID string
	ActorID   *string
	ActorRole string
	RequestID string
	// Reason is the audit action: ActionEraseOnRequest or ActionEraseByRetention.
	Reason string
	// RequireRequest refuses a citizen who never asked for deletion (the admin's route).
	RequireRequest bool
}

// Audit actions of an erasure.
const (
	ActionEraseOnRequest   = "erase_citizen"
	ActionEraseByRetention = "erase_citizen_retention"
)

// ErrOpenUrgentFlag is the conflict when a citizen still has an unacknowledged urgent flag:
// erasing would destroy the message a person must read first for the citizen's safety.
var errOpenUrgentFlag = Errorf(ECONFLICT, "The citizen has an open urgent flag; a link worker must look at it before the data can be erased.")

// EraseCitizen erases everything that identifies the citizen, in one transaction, and writes the
// audit entry in the same transaction. What goes: name and phone, message and outbox bodies and
// numbers, case notes, free text in referrals (reason, referrer's name, status notes, e-mail),
// referral events, flags, pauses, prescriptions' notes, raw answer text, devices, refresh tokens
// and login codes. What stays: the row itself (erased_at set, closed), scores and answers' values
// and attendance under the citizen id (pseudonymised research rows), the referral's coded fields
// (clinic, reason category, birth year, sex, municipality), research withdrawals, the number-level
// STOP as a keyed hash, and the audit log (which holds ids only, never names).
func (s *Store) EraseCitizen(ctx context.Context, e Erasure) (time.Time, error) {
	now := s.Now()
	err := s.InTx(ctx, func(tx *Store) error {
		var c Citizen
		err := tx.q(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", e.CitizenID).Take(&c).Error
		if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && e.RequireRequest && c.DeletionRequestedAt == nil) {
			return NotFound("deletion request")
		}
		if err != nil {
			return err
		}
		if c.ErasedAt != nil {
			return Errorf(ECONFLICT, "The citizen's data was already erased on %s.", c.ErasedAt.UTC().Format(time.DateOnly))
		}
		var urgent int64
		if err := tx.q(ctx).Model(&Flag{}).Where("citizen_id = ? AND acked_at IS NULL AND severity >= ?", c.ID, SeverityUrgent).
			Count(&urgent).Error; err != nil {
			return err
		}
		if urgent > 0 {
			return errOpenUrgentFlag
		}
		if c.OptedOutAt != nil && c.Phone != "" {
			// The STOP must outlive the number we are about to forget (it normally exists already).
			if err := tx.MarkPhoneOptedOut(ctx, c.Phone, c.OptOutSource); err != nil {
				return err
			}
		}
		if err := tx.eraseRows(ctx, &c, e.ActorID, now); err != nil {
			return err
		}
		return tx.Audit(ctx, AuditEntry{ActorID: e.ActorID, ActorRole: e.ActorRole, Action: e.Reason,
			ObjectType: "citizen", ObjectID: c.ID, RequestID: e.RequestID})
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("erase citizen: %w", err)
	}
	return now, nil
}

// erasure is one statement of an erasure: a table, its rows of the citizen, and what to set.
type erasure struct {
	model   any
	where   string
	args    []any
	updates map[string]any
}

// eraseRows blanks or deletes every identifying value of the citizen c.
func (s *Store) eraseRows(ctx context.Context, c *Citizen, actorID *string, now time.Time) error {
	byCitizen := "citizen_id = ?"
	referrals := s.q(ctx).Model(&Referral{}).Select("id").Where(byCitizen, c.ID)
	closedAt := c.ClosedAt
	if closedAt == nil {
		closedAt = &now
	}
	steps := []erasure{
		{&Citizen{}, "id = ?", []any{c.ID}, map[string]any{"name": "", "phone": "", "email": nil, "pause_reason": nil,
			"closed_at": closedAt, "erased_at": now, "updated_at": now}},
		{&Message{}, byCitizen, []any{c.ID}, map[string]any{"body": "", "phone": "", "updated_at": now}},
		{&Message{}, "citizen_id IS NULL AND phone = ? AND phone <> ''", []any{c.Phone}, map[string]any{"body": "", "phone": "", "updated_at": now}},
		{&OutboxItem{}, byCitizen + " AND status = ?", []any{c.ID, OutboxPending}, map[string]any{"status": OutboxSuppressed}},
		{&OutboxItem{}, byCitizen, []any{c.ID}, map[string]any{"body": "", "phone": "", "last_error": ""}},
		{&CaseNote{}, byCitizen, []any{c.ID}, map[string]any{"body": ""}},
		{&Referral{}, byCitizen, []any{c.ID}, map[string]any{"referrer_name": "", "reason": "", "status_note": "", "email": nil, "updated_at": now}},
		{&ReferralEvent{}, "referral_id IN (?)", []any{referrals}, map[string]any{"note": ""}},
		{&Flag{}, byCitizen + " AND acked_at IS NULL", []any{c.ID}, map[string]any{"acked_at": now, "acked_by_id": actorID}},
		{&Flag{}, byCitizen, []any{c.ID}, map[string]any{"reason": "", "ack_note": ""}},
		{&PauseEvent{}, byCitizen, []any{c.ID}, map[string]any{"reason": ""}},
		{&Prescription{}, byCitizen, []any{c.ID}, map[string]any{"note": "", "active": false, "updated_at": now}},
		{&Conversation{}, byCitizen + " AND state = ?", []any{c.ID, ConvOpen}, map[string]any{"state": ConvClosed, "closed_at": now}},
		{&Answer{}, "checkin_id IN (?)", []any{s.q(ctx).Model(&Checkin{}).Select("id").Where(byCitizen, c.ID)}, map[string]any{"raw_text": ""}},
		// MedCom (issue 19): the GP's messages and the referral as received name the patient.
		{&MedComMessage{}, byCitizen, []any{c.ID}, map[string]any{"raw_sealed": "", "body": "", "topic": "", "updated_at": now}},
		{&MedComReferral{}, byCitizen, []any{c.ID}, map[string]any{"patient_name": "", "cpr_sealed": "", "cpr_hash": "", "address": "",
			"phone": "", "other_phones": "", "email": "", "topic": "", "text": "", "attachments": "", "practitioner": "", "updated_at": now}},
	}
	for _, st := range steps {
		if err := s.q(ctx).Model(st.model).Where(st.where, st.args...).Updates(st.updates).Error; err != nil {
			return fmt.Errorf("erase %T: %w", st.model, err)
		}
	}
	deletes := []erasure{
		{&Device{}, byCitizen, []any{c.ID}, nil},
		{&RefreshToken{}, "subject_id = ?", []any{c.ID}, nil},
		{&loginCode{}, "phone = ? AND phone <> ''", []any{c.Phone}, nil},
		{&loginCode{}, "email = ?", []any{orEmpty(c.Email)}, nil},
		{&citizenCPR{}, byCitizen, []any{c.ID}, nil},
	}
	for _, st := range deletes {
		if err := s.q(ctx).Where(st.where, st.args...).Delete(st.model).Error; err != nil {
			return fmt.Errorf("erase %T: %w", st.model, err)
		}
	}
	return nil
}
