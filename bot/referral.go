package bot

import (
	"context"
	"time"

	"brobygger/models"
)

// Refer creates the citizen and referral and queues the contact-confirmation SMS, all in one
// transaction: a referral never exists without its first SMS, nor an SMS without its referral.
func (e *Engine) Refer(ctx context.Context, n models.NewReferral, contactAt time.Time) (*models.Citizen, *models.Referral, error) {
	var citizen *models.Citizen
	var referral *models.Referral
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		c, r, err := tx.CreateReferral(ctx, n)
		if err != nil {
			return err
		}
		if err := e.StartContact(ctx, tx, c, contactAt); err != nil {
			return err
		}
		citizen, referral = c, r
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	fresh, err := e.store.CitizenByID(ctx, citizen.ID)
	if err != nil {
		return nil, nil, err
	}
	return fresh, referral, nil
}

// SendLoginCode queues a one-time app login code to the citizen holding phone. For a number no
// citizen holds it does nothing and reports no error, so the caller's answer is the same.
func (e *Engine) SendLoginCode(ctx context.Context, phone string) error {
	return e.store.InTx(ctx, func(tx *models.Store) error {
		citizen, code, err := tx.CreateLoginCode(ctx, phone)
		if err != nil || citizen == nil {
			return err
		}
		_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindLoginCode,
			Body: e.texts.Text("login_code", citizen.Language, map[string]string{"code": code}), Priority: models.PriorityLogin,
			NotBefore: tx.Now()})
		return err
	})
}
