package models

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"
)

// errEmailTaken is the answer when an open citizen already has the address: it says only that.
var errEmailTaken = &Error{Code: ECONFLICT, Field: "email", Message: "This e-mail address is already in the service."}

// ParseEmail checks a citizen's e-mail address as people type it and returns it trimmed and in
// lower case, the one form it is stored, compared and signed in with. Only the bare address is
// accepted ("navn@example.dk", not "Navn <navn@example.dk>"); parseEmail is the one check.
func ParseEmail(raw string) (string, error) {
	email, ok := parseEmail(raw)
	if !ok {
		return "", Invalid("email", "The e-mail address is not valid (write only the address, e.g. navn@example.dk).")
	}
	return email, nil
}

// emailFree reports ECONFLICT when an open citizen other than exceptID holds email.
func (s *Store) emailFree(ctx context.Context, email, exceptID string) error {
	q := s.q(ctx).Model(&Citizen{}).Where("email = ? AND closed_at IS NULL", email)
	if exceptID != "" {
		q = q.Where("id <> ?", exceptID)
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return fmt.Errorf("e-mail in use: %w", err)
	}
	if n > 0 {
		return errEmailTaken
	}
	return nil
}

// OpenCitizenByEmail is the open citizen with the e-mail address (already lower case), or
// ENOTFOUND.
func (s *Store) OpenCitizenByEmail(ctx context.Context, email string) (*Citizen, error) {
	if email == "" {
		return nil, NotFound("citizen")
	}
	var c Citizen
	err := s.q(ctx).Where("email = ? AND closed_at IS NULL", email).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("citizen")
	}
	if err != nil {
		return nil, fmt.Errorf("citizen by e-mail: %w", err)
	}
	return &c, nil
}

// SetCitizenEmail sets or clears (nil) the citizen's e-mail address. An address another open
// citizen holds is ECONFLICT; clearing the address of a citizen without a phone is EINVALID,
// since nothing could reach them then.
func (s *Store) SetCitizenEmail(ctx context.Context, citizenID string, email *string) (*Citizen, error) {
	email = blankToNil(email)
	if email != nil {
		e, err := ParseEmail(*email)
		if err != nil {
			return nil, err
		}
		email = &e
	}
	var out *Citizen
	err := s.InTx(ctx, func(tx *Store) error {
		c, err := tx.CitizenByID(ctx, citizenID)
		if err != nil {
			return err
		}
		if email == nil && c.Phone == "" {
			return Invalid("email", "The citizen has no mobile number, so the e-mail address cannot be removed.")
		}
		if email != nil {
			if err := tx.emailFree(ctx, *email, c.ID); err != nil {
				return err
			}
		}
		err = tx.writeCitizen(tx.q(ctx).Where("id = ?", c.ID), &Citizen{Email: email}, "email").Error
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return errEmailTaken
		}
		if err != nil {
			return fmt.Errorf("set e-mail: %w", err)
		}
		c.Email = email
		out = c
		return nil
	})
	return out, err
}
