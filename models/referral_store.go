package models

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"
)

// NewReferral is a referral as a GP or link worker submits it.
type NewReferral struct {
	Name            string
	Phone           string
	Language        Lang
	LinkWorkerID    string
	ReferrerName    string
	ReferrerClinic  string
	Reason          string
	ConsentContact  bool
	ConsentData     bool
	ConsentResearch bool
	CreatedByID     *string
	// ReferralProfile is optional: year of birth, sex, municipality, e-mail, reason category.
	ReferralProfile
}

// validate checks and normalises a referral; the error is the first of Problems.
func (n *NewReferral) validate() error {
	if problems := n.Problems(); len(problems) > 0 {
		return problems[0]
	}
	return nil
}

// Problems checks and normalises a referral and returns every field at fault, in the form's
// order, so a form can mark each field at once rather than one per attempt.
func (n *NewReferral) Problems() []*Error {
	var out []*Error
	n.Name = strings.TrimSpace(n.Name)
	if n.Name == "" || len(n.Name) > 200 {
		out = append(out, Invalid("name", "The citizen's name must be between 1 and 200 characters."))
	}
	n.Phone = strings.TrimSpace(n.Phone)
	switch phone, err := NormalizePhone(n.Phone); {
	case n.Phone == "" && blankToNil(n.Email) != nil:
		// A citizen may be reached by e-mail alone (issue 20): "" is "no number".
	case n.Phone == "":
		out = append(out, Invalid("phone", "The citizen needs a mobile number or an e-mail address (at least one)."))
	case err != nil:
		var e *Error
		if !errors.As(err, &e) {
			e = Invalid("phone", "The phone number could not be read.")
		}
		out = append(out, e)
	default:
		n.Phone = phone
	}
	if n.Language == "" {
		n.Language = LangDA
	}
	if !n.Language.Valid() {
		out = append(out, Invalid("language", "The language must be da or en."))
	}
	if !ValidID(n.LinkWorkerID) {
		out = append(out, Invalid("link_worker_id", "The link worker id is not valid."))
	}
	for _, f := range []struct {
		field, value string
		max          int
	}{{"referrer_name", n.ReferrerName, 200}, {"referrer_clinic", n.ReferrerClinic, 200}, {"reason", n.Reason, 4000}} {
		if len(f.value) > f.max {
			out = append(out, Invalid(f.field, "The %s is longer than %d characters.", strings.ReplaceAll(f.field, "_", " "), f.max))
		}
	}
	if !n.ConsentContact || !n.ConsentData {
		out = append(out, Invalid("consent", "The citizen's consent to be contacted and to data processing is required."))
	}
	return out
}

// CreateReferral creates the citizen and their referral in one go. A phone number or e-mail
// address already held by an open citizen is ECONFLICT, never a second citizen. The referral's
// e-mail becomes the citizen's, so the channel choice can use it. Run inside InTx together with
// queueing the contact message.
func (s *Store) CreateReferral(ctx context.Context, n NewReferral) (*Citizen, *Referral, error) {
	if err := n.validate(); err != nil {
		return nil, nil, err
	}
	if err := n.ReferralProfile.validate(s.Now()); err != nil {
		return nil, nil, err
	}
	worker, err := s.assignableWorker(ctx, n.LinkWorkerID)
	if err != nil {
		return nil, nil, err
	}
	now := s.Now()
	if n.Email != nil {
		if err := s.emailFree(ctx, *n.Email, ""); err != nil {
			return nil, nil, err
		}
	}
	c := &Citizen{ID: NewID(), Name: n.Name, Phone: n.Phone, Email: n.Email, Language: n.Language, LinkWorkerID: worker.ID,
		Status: StatusReferred, ConsentContactAt: &now, ConsentDataAt: &now, CreatedAt: now, UpdatedAt: now,
		Preferences: Preferences{RemindersEnabled: true, PreferredChannel: "sms"}}
	if n.ConsentResearch {
		c.ConsentResearchAt = &now
	}
	if err := s.q(ctx).Create(c).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			if n.Email != nil && s.emailFree(ctx, *n.Email, "") != nil {
				return nil, nil, errEmailTaken
			}
			return nil, nil, &Error{Code: ECONFLICT, Field: "phone", Message: "This phone number is already in the service."}
		}
		return nil, nil, fmt.Errorf("create citizen: %w", err)
	}
	r := &Referral{ID: NewID(), CitizenID: c.ID, ReferrerName: strings.TrimSpace(n.ReferrerName),
		ReferrerClinic: strings.TrimSpace(n.ReferrerClinic), Reason: strings.TrimSpace(n.Reason), ReferralProfile: n.ReferralProfile, ConsentAt: now,
		Status: ReferralReceived, CreatedByID: n.CreatedByID, CreatedAt: now, UpdatedAt: now}
	if err := s.q(ctx).Create(r).Error; err != nil {
		return nil, nil, fmt.Errorf("create referral: %w", err)
	}
	ev := ReferralEvent{ID: NewID(), ReferralID: r.ID, Status: ReferralReceived, Note: "Referral received.", ActorID: n.CreatedByID, At: now}
	if err := s.q(ctx).Create(&ev).Error; err != nil {
		return nil, nil, fmt.Errorf("create referral event: %w", err)
	}
	if err := s.inheritPhoneOptOut(ctx, c); err != nil {
		return nil, nil, err
	}
	return c, r, nil
}
