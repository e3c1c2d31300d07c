package models

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"gorm.io/gorm"
)

// CreateOffer validates and stores a community offer with its weekly schedule.
func (s *Store) CreateOffer(ctx context.Context, o *Offer) error {
	if err := o.validate(); err != nil {
		return err
	}
	sortSchedules(o.Schedules)
	now := s.Now()
	if o.ID == "" {
		o.ID = NewID()
	}
	o.CreatedAt, o.UpdatedAt = now, now
	for i := range o.Schedules {
		o.Schedules[i].ID = NewID()
		o.Schedules[i].OfferID = o.ID
	}
	if err := s.q(ctx).Create(o).Error; err != nil {
		return fmt.Errorf("create offer: %w", err)
	}
	return nil
}

// createOffers stores many offers in one transaction: all of them or none (the CSV import).
func (s *Store) createOffers(ctx context.Context, offers []Offer) ([]string, error) {
	ids := make([]string, 0, len(offers))
	err := s.InTx(ctx, func(tx *Store) error {
		for i := range offers {
			if err := tx.CreateOffer(ctx, &offers[i]); err != nil {
				return err
			}
			ids = append(ids, offers[i].ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// OfferByID returns an offer with its schedule, active or not (prescriptions keep pointing at
// deactivated offers, and their history must still show what was prescribed).
func (s *Store) OfferByID(ctx context.Context, id string) (*Offer, error) {
	if !ValidID(id) {
		return nil, NotFound("offer")
	}
	var o Offer
	err := s.q(ctx).Preload("Schedules", orderSchedules).Where("id = ?", id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("offer")
	}
	if err != nil {
		return nil, fmt.Errorf("offer by id: %w", err)
	}
	return &o, nil
}

// UpdateOffer replaces every field of an offer and its whole schedule in one transaction, so
// a reader never sees the new fields with the old sessions. Only an admin or the offer's creator
// may (OfferEditor.MayEdit); anyone else is EFORBIDDEN and nothing changes.
func (s *Store) UpdateOffer(ctx context.Context, o *Offer, by OfferEditor) error {
	if !ValidID(o.ID) {
		return NotFound("offer")
	}
	if err := o.validate(); err != nil {
		return err
	}
	sortSchedules(o.Schedules)
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.checkOfferEditor(ctx, o.ID, by); err != nil {
			return err
		}
		o.UpdatedAt = tx.Now()
		res := tx.q(ctx).Model(&Offer{}).Where("id = ?", o.ID).Select(offerColumns).Updates(o)
		if res.Error != nil {
			return fmt.Errorf("update offer: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return NotFound("offer")
		}
		if err := tx.q(ctx).Where("offer_id = ?", o.ID).Delete(&OfferSchedule{}).Error; err != nil {
			return fmt.Errorf("replace offer schedules: %w", err)
		}
		for i := range o.Schedules {
			o.Schedules[i].ID, o.Schedules[i].OfferID = NewID(), o.ID
		}
		if len(o.Schedules) > 0 {
			if err := tx.q(ctx).Create(&o.Schedules).Error; err != nil {
				return fmt.Errorf("replace offer schedules: %w", err)
			}
		}
		return tx.q(ctx).Where("id = ?", o.ID).Select("created_at, created_by_id").Take(o).Error
	})
}

// offerColumns are the columns UpdateOffer replaces: everything but the id and creation time.
var offerColumns = []string{"organisation", "title", "description", "target_group", "purpose", "address_line",
	"postal_code", "city", "contact_name", "contact_phone", "contact_email", "url", "active", "updated_at"}

// DeactivateOffer takes an offer out of the directory. It is never deleted, because
// prescriptions point at it; prescriptions already running are left to the link worker. Only an
// admin or the offer's creator may (OfferEditor.MayEdit); anyone else is EFORBIDDEN.
func (s *Store) DeactivateOffer(ctx context.Context, id string, by OfferEditor) error {
	if !ValidID(id) {
		return NotFound("offer")
	}
	return s.InTx(ctx, func(tx *Store) error {
		if err := tx.checkOfferEditor(ctx, id, by); err != nil {
			return err
		}
		res := tx.q(ctx).Model(&Offer{}).Where("id = ?", id).Updates(map[string]any{"active": false, "updated_at": tx.Now()})
		if res.Error != nil {
			return fmt.Errorf("deactivate offer: %w", res.Error)
		}
		if res.RowsAffected == 0 {
			return NotFound("offer")
		}
		return nil
	})
}

// sortSchedules puts sessions in the order OfferByID reads them back, so a write answers with
// what a later read shows.
func sortSchedules(ss []OfferSchedule) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if a.Weekday != b.Weekday {
			return a.Weekday < b.Weekday
		}
		if a.StartTime != b.StartTime {
			return a.StartTime < b.StartTime
		}
		return a.EndTime < b.EndTime
	})
}

// orderSchedules lists an offer's sessions through the week.
func orderSchedules(db *gorm.DB) *gorm.DB { return db.Order("weekday, start_time, end_time") }
