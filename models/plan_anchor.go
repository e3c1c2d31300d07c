package models

import (
	"time"

	"brobygger/models/calendar"
	"brobygger/models/research"
)

// What a plan item's offset counts from. The evaluation protocol counts its 3 and 9 months from
// the day the link worker received the referral; the product's own check-ins count from the day
// the citizen confirmed contact, since there is nobody to ask before.
const (
	AnchorContact  = "contact"
	AnchorReferral = "referral"
)

// referralReceivedAt is when the citizen's referral was received: the citizen's record is
// created with the referral, in the same transaction, so its creation time is that moment.
func (c *Citizen) referralReceivedAt() time.Time { return c.CreatedAt }

// validateAnchor checks the item's anchor and research occasion.
func (i PlanItem) validateAnchor() error {
	if i.Anchor != "" && i.Anchor != AnchorContact && i.Anchor != AnchorReferral {
		return Invalid("items", "The anchor of %s must be contact or referral.", i.Instrument)
	}
	if _, ok := research.OccasionByKey(i.Occasion); i.Occasion != "" && !ok {
		return Invalid("items", "The occasion of %s must be baseline, month3 or month9.", i.Instrument)
	}
	return nil
}

// anchorShift is how many days after the referral day the citizen confirmed contact: a
// referral-anchored item at offset d is at d - shift days after confirmation. A citizen with no
// recorded referral time (a bare struct in a preview) counts everything from confirmation.
func anchorShift(c *Citizen, contactDay calendar.Date, loc *time.Location) int {
	if c.CreatedAt.IsZero() {
		return 0
	}
	return contactDay.DaysSince(calendar.DateIn(c.referralReceivedAt(), loc))
}

// contactOffset is the item's day counted from confirmed contact.
func (i PlanItem) contactOffset(shift int) int {
	if i.Anchor == AnchorReferral {
		return i.OffsetDays - shift
	}
	return i.OffsetDays
}
