package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// OfferEditor is who asks to change an offer: a staff member and whether they are an admin.
type OfferEditor struct {
	StaffID string
	Admin   bool
}

// MayEdit reports whether ed may change or deactivate o: an admin always, a link worker only an
// offer they added. An offer's text goes into other workers' citizens' SMS, so a colleague's
// offer is theirs to change, not everyone's.
func (ed OfferEditor) MayEdit(o *Offer) bool {
	return ed.Admin || (o.CreatedByID != nil && ed.StaffID != "" && *o.CreatedByID == ed.StaffID)
}

// errOfferNotYours is the refusal for a link worker changing a colleague's offer.
func errOfferNotYours() error {
	return Errorf(EFORBIDDEN, "Only an admin or the link worker who added this offer can change it.")
}

// checkOfferEditor reads the offer's creator (locked for the rest of the transaction on
// PostgreSQL, so the check and the change are one step) and refuses an editor who may not change
// it. A missing offer is ENOTFOUND.
func (s *Store) checkOfferEditor(ctx context.Context, id string, ed OfferEditor) error {
	var o Offer
	err := s.q(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Select("id, created_by_id").Where("id = ?", id).Take(&o).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return NotFound("offer")
	}
	if err != nil {
		return fmt.Errorf("offer editor: %w", err)
	}
	if !ed.MayEdit(&o) {
		return errOfferNotYours()
	}
	return nil
}

// CreateOffersBy stores many offers in one transaction (the CSV import), each recorded as added
// by staffID.
func (s *Store) CreateOffersBy(ctx context.Context, offers []Offer, staffID string) ([]string, error) {
	for i := range offers {
		offers[i].CreatedByID = &staffID
	}
	return s.createOffers(ctx, offers)
}
