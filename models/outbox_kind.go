package models

// Outbox kinds say why an SMS is sent; they decide priority and whether an opted-out citizen may
// still receive it (only the one STOP confirmation may).
const (
	KindContact       = "contact"
	KindContactNudge  = "contact_nudge"
	KindReply         = "reply"
	KindSafety        = "safety"
	KindOptOutConfirm = "optout_confirm"
	KindCheckin       = "checkin"
	KindReminder      = "reminder"
	KindFollowup      = "followup"
	KindLoginCode     = "login_code"
	KindUnknownSender = "unknown_sender"
	KindStaffMessage  = "staff_message"
)

// Priorities: safety first, then answers to what the citizen just wrote, then scheduled waves.
const (
	PrioritySafety    = 100
	PriorityReply     = 50
	PriorityLogin     = 60
	PriorityReminder  = 20
	PriorityScheduled = 10
)
