package models

import (
	"context"
	"fmt"
	"strings"
)

// OfferQuery selects a page of the offer directory.
type OfferQuery struct {
	// Text matches title, organisation or description, case-insensitively.
	Text string
	// Active filters on the active flag; nil lists both.
	Active *bool
	Cursor string
	Limit  int
}

// OfferPage is a page of offers (ordered by title) and the cursor for the next ("" at the end).
type OfferPage struct {
	Offers     []Offer
	NextCursor string
}

// ListOffers returns one page of the directory, alphabetically by title, with keyset
// pagination on (title, id) so a page never skips or repeats an offer while others are added.
func (s *Store) ListOffers(ctx context.Context, q OfferQuery) (OfferPage, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	db := s.q(ctx).Model(&Offer{}).Preload("Schedules", orderSchedules)
	if q.Text = strings.TrimSpace(q.Text); q.Text != "" {
		pattern := "%" + escapeLike(strings.ToLower(q.Text)) + "%"
		db = db.Where(`(LOWER(title) LIKE ? ESCAPE '\' OR LOWER(organisation) LIKE ? ESCAPE '\' OR LOWER(description) LIKE ? ESCAPE '\')`,
			pattern, pattern, pattern)
	}
	if q.Active != nil {
		db = db.Where("active = ?", *q.Active)
	}
	if q.Cursor != "" {
		cur, err := offerCursors.decode(q.Cursor)
		if err != nil {
			return OfferPage{}, err
		}
		db = db.Where("(title > ? OR (title = ? AND id > ?))", cur.Key, cur.Key, cur.ID)
	}
	var offers []Offer
	if err := db.Order("title, id").Limit(q.Limit + 1).Find(&offers).Error; err != nil {
		return OfferPage{}, fmt.Errorf("list offers: %w", err)
	}
	page := OfferPage{Offers: offers}
	if len(offers) > q.Limit {
		last := offers[q.Limit-1]
		page.Offers = offers[:q.Limit]
		page.NextCursor = offerCursors.encode(last.Title, last.ID)
	}
	return page, nil
}

// OffersForExport returns the whole directory with schedules, active offers only unless
// includeInactive. A site's directory is a few hundred offers, so one query is enough.
func (s *Store) OffersForExport(ctx context.Context, includeInactive bool) ([]Offer, error) {
	db := s.q(ctx).Preload("Schedules", orderSchedules)
	if !includeInactive {
		db = db.Where("active = ?", true)
	}
	var offers []Offer
	if err := db.Order("title, id").Find(&offers).Error; err != nil {
		return nil, fmt.Errorf("offers for export: %w", err)
	}
	return offers, nil
}

// escapeLike makes the user's text match literally inside a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
