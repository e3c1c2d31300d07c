package models

import "slices"

// Channels an outbox row goes by. Every attempt is one row with one channel, so the outbox (and
// the citizen's timeline) shows how each item reached, or tried to reach, the citizen.
const (
	ChannelSMS   = "sms"
	ChannelPush  = "push"
	ChannelEmail = "email"
)

// ChannelFacts is what the channel choice for one item looks at.
type ChannelFacts struct {
	// Kind is the outbox kind (KindReminder, KindCheckin, …).
	Kind string
	// Preferred is the citizen's preferred_channel ("sms" or "app").
	Preferred string
	// Devices is how many push devices the citizen has registered.
	Devices int
	// Phone: the citizen has a number not known to be invalid.
	Phone bool
	// SMSStopped: the citizen said STOP. STOP stops SMS only; push and e-mail still go.
	SMSStopped bool
	// Email: the citizen has an e-mail address.
	Email bool
	// Tried lists the channels this item already went by (a push that fell back).
	Tried []string
}

// pushKinds are the items that may go as a push: what the app can show when the citizen opens the
// notification. A contact question comes before the citizen has the app; a login code and the
// bot's replies belong to the SMS thread they answer.
var pushKinds = []string{KindReminder, KindCheckin, KindStaffMessage}

// emailKinds are the items that may go by e-mail (with a link into the app).
var emailKinds = []string{KindContact, KindContactNudge, KindReminder, KindCheckin, KindStaffMessage}

// ChooseChannel picks the one channel an item goes by next, or "" when none is left. It is the
// only place that decides: push first for a citizen who prefers the app and has a device, then
// SMS (unless they said STOP or the number is invalid), then e-mail. A channel in Tried is not
// chosen again, so a push that fell back is followed by SMS or e-mail, and never by itself.
func ChooseChannel(f ChannelFacts) string {
	var order []string
	if f.Preferred == "app" && f.Devices > 0 && slices.Contains(pushKinds, f.Kind) {
		order = append(order, ChannelPush)
	}
	if f.Phone && !f.SMSStopped {
		order = append(order, ChannelSMS)
	}
	if f.Email && slices.Contains(emailKinds, f.Kind) {
		order = append(order, ChannelEmail)
	}
	for _, ch := range order {
		if !slices.Contains(f.Tried, ch) {
			return ch
		}
	}
	return ""
}

// PushFallsBack reports whether an unopened push of this kind falls back to SMS or e-mail by
// itself. A check-in does not: it waits in the app, and the scheduler asks it by SMS when it is
// still unanswered after the app fallback time (scheduler.Config.AppFallback).
func PushFallsBack(kind string) bool { return kind != KindCheckin }

// FactsOf are the channel facts the citizen's row gives; the caller adds Kind and Devices.
func FactsOf(c *Citizen) ChannelFacts {
	return ChannelFacts{Preferred: c.PreferredChannel, Phone: c.Phone != "" && c.PhoneInvalidAt == nil,
		SMSStopped: c.OptedOut(), Email: c.Email != nil && *c.Email != ""}
}
