package models

import (
	"slices"
	"strings"
	"time"
)

// ReferralProfile is what the evaluation's inclusion criteria need to know about a referred
// citizen, each optional (nil: not recorded). Only the year of birth is kept, never the date:
// an age band is all the research export needs.
type ReferralProfile struct {
	BirthYear *int
	// Sex is female, male or other.
	Sex *string `gorm:"size:8"`
	// Municipality is the citizen's municipality, as its name or its four-digit code.
	Municipality *string `gorm:"size:100"`
	// Email is the citizen's e-mail address (lower case); it becomes Citizen.Email, so the
	// contact message, reminders and check-in invitations can go by e-mail (ChooseChannel).
	Email *string `gorm:"size:254"`
	// ReasonCategory groups the free-text reason for the evaluation (ReasonCategories).
	ReasonCategory *string `gorm:"size:32"`
}

// Sexes a referral may record.
var Sexes = []string{"female", "male", "other"}

// ReasonCategories are the referral reasons the evaluation groups by.
var ReasonCategories = []string{"loneliness", "mental_wellbeing", "physical_health", "life_event", "social_practical", "other"}

// validate checks and normalises the profile: empty text becomes nil, so "" and absent mean the
// same. now bounds the year of birth. It returns the first problem; Problems lists them all.
func (p *ReferralProfile) validate(now time.Time) error {
	if problems := p.Problems(now); len(problems) > 0 {
		return problems[0]
	}
	return nil
}

// Problems normalises the profile as validate does and returns every field at fault, so a form
// can show each beside its field.
func (p *ReferralProfile) Problems(now time.Time) []*Error {
	p.Sex, p.Municipality, p.Email, p.ReasonCategory = blankToNil(p.Sex), blankToNil(p.Municipality), blankToNil(p.Email), blankToNil(p.ReasonCategory)
	var out []*Error
	if p.BirthYear != nil && (*p.BirthYear < 1900 || *p.BirthYear > now.Year()) {
		out = append(out, Invalid("birth_year", "The year of birth must be between 1900 and %d.", now.Year()))
	}
	if p.Sex != nil && !slices.Contains(Sexes, *p.Sex) {
		out = append(out, Invalid("sex", "Sex must be female, male or other."))
	}
	if p.Municipality != nil && len(*p.Municipality) > 100 {
		out = append(out, Invalid("municipality", "The municipality may be at most 100 characters."))
	}
	if p.Email != nil {
		if email, err := ParseEmail(*p.Email); err != nil {
			out = append(out, Invalid("email", "%s", err.(*Error).Message))
		} else {
			p.Email = &email
		}
	}
	if p.ReasonCategory != nil && !slices.Contains(ReasonCategories, *p.ReasonCategory) {
		out = append(out, Invalid("reason_category", "The reason category must be one of %s.", strings.Join(ReasonCategories, ", ")))
	}
	return out
}

func blankToNil(s *string) *string {
	if s == nil {
		return nil
	}
	t := strings.TrimSpace(*s)
	if t == "" {
		return nil
	}
	return &t
}
