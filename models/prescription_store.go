package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// CreatePrescription attaches an active offer to a citizen with the agreed schedule and
// refreshes the citizen's derived status, in one transaction. The offer must exist and be
// active; the same session of the same offer cannot be prescribed twice while it runs.
func (s *Store) CreatePrescription(ctx context.Context, p *Prescription) error {
	if err := p.validate(); err != nil {
		return err
	}
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.checkOfferPrescribable(ctx, p.OfferID); err != nil {
			return err
		}
		if err := tx.checkNoTwin(ctx, p); err != nil {
			return err
		}
		now := tx.Now()
		p.ID = NewID()
		// A new prescription is running by definition; ending it is EndPrescription's job.
		p.Active = true
		p.CreatedAt, p.UpdatedAt = now, now
		if err := tx.q(ctx).Create(p).Error; err != nil {
			return fmt.Errorf("create prescription: %w", err)
		}
		return tx.RefreshStatus(ctx, p.CitizenID)
	})
}

func (s *Store) checkOfferPrescribable(ctx context.Context, offerID string) error {
	o, err := s.OfferByID(ctx, offerID)
	if IsCode(err, ENOTFOUND) {
		return Invalid("offer_id", "There is no offer with this id.")
	}
	if err != nil {
		return err
	}
	if !o.Active {
		return Invalid("offer_id", "The offer %q is no longer active and cannot be prescribed.", o.Title)
	}
	return nil
}

// checkNoTwin refuses a second running prescription of the same session, which would send the
// citizen every reminder twice.
func (s *Store) checkNoTwin(ctx context.Context, p *Prescription) error {
	q := s.q(ctx).Model(&Prescription{}).Where("citizen_id = ? AND offer_id = ? AND active = ? AND weekday = ? AND start_time = ?",
		p.CitizenID, p.OfferID, true, p.Weekday, p.StartTime)
	if p.OnceOn != nil {
		q = q.Where("once_on = ?", *p.OnceOn)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return fmt.Errorf("check prescription twin: %w", err)
	}
	if n > 0 {
		return Errorf(ECONFLICT, "The citizen already has this session of the offer prescribed.")
	}
	return nil
}

// PrescriptionRow is a prescription with the offer it points at, for the link worker's list.
type PrescriptionRow struct {
	Prescription
	OfferTitle        string
	OfferOrganisation string
	OfferActive       bool
}

// PrescriptionsForCitizen lists a citizen's prescriptions, running ones first, newest first.
// The caller has already checked that the staff member may see the citizen.
func (s *Store) PrescriptionsForCitizen(ctx context.Context, citizenID string) ([]PrescriptionRow, error) {
	var rows []PrescriptionRow
	err := s.prescriptionRows(ctx, citizenID).Order("p.active DESC, p.starts_on DESC, p.id DESC").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("prescriptions for citizen: %w", err)
	}
	return rows, nil
}

// PrescribeOffer creates a prescription (see CreatePrescription) and returns it as the link
// worker's list shows it, with its offer.
func (s *Store) PrescribeOffer(ctx context.Context, p *Prescription) (*PrescriptionRow, error) {
	if err := s.CreatePrescription(ctx, p); err != nil {
		return nil, err
	}
	var row PrescriptionRow
	if err := s.prescriptionRows(ctx, p.CitizenID).Where("p.id = ?", p.ID).Scan(&row).Error; err != nil {
		return nil, fmt.Errorf("prescribe offer: %w", err)
	}
	return &row, nil
}

func (s *Store) prescriptionRows(ctx context.Context, citizenID string) *gorm.DB {
	return s.q(ctx).Table("prescriptions AS p").
		Select("p.*, o.title AS offer_title, o.organisation AS offer_organisation, o.active AS offer_active").
		Joins("JOIN offers o ON o.id = p.offer_id").Where("p.citizen_id = ?", citizenID)
}

// EndPrescription stops a citizen's prescription as of today (a civil date) and refreshes the
// derived status, cancelling its queued reminders in the same transaction. Another citizen's prescription is not found; ending an ended one changes
// nothing, so a repeated request is harmless.
func (s *Store) EndPrescription(ctx context.Context, citizenID, prescriptionID string, today time.Time) error {
	if !ValidID(prescriptionID) {
		return NotFound("prescription")
	}
	return s.InTx(ctx, func(tx *Store) error {
		var p Prescription
		err := tx.q(ctx).Where("id = ? AND citizen_id = ?", prescriptionID, citizenID).Take(&p).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("prescription")
		}
		if err != nil {
			return fmt.Errorf("end prescription: %w", err)
		}
		if !p.Active {
			return nil
		}
		endsOn := CivilDate(today)
		if p.EndsOn != nil && p.EndsOn.Before(endsOn) {
			endsOn = *p.EndsOn
		}
		err = tx.q(ctx).Model(&Prescription{}).Where("id = ?", p.ID).
			Updates(map[string]any{"active": false, "ends_on": endsOn, "updated_at": tx.Now()}).Error
		if err != nil {
			return fmt.Errorf("end prescription: %w", err)
		}
		if err := tx.cancelReminders(ctx, p.ID); err != nil {
			return err
		}
		return tx.RefreshStatus(ctx, citizenID)
	})
}

// cancelReminders suppresses the prescription's reminders still waiting to go out: an ended
// activity must not be announced. "Did you go?" for a session already held stays.
func (s *Store) cancelReminders(ctx context.Context, prescriptionID string) error {
	err := s.q(ctx).Model(&OutboxItem{}).
		Where("kind = ? AND status = ? AND dedupe_key LIKE ?", KindReminder, OutboxPending, "reminder:"+prescriptionID+":%").
		Updates(map[string]any{"status": OutboxSuppressed, "last_error": "prescription ended"}).Error
	if err != nil {
		return fmt.Errorf("cancel reminders: %w", err)
	}
	return nil
}
