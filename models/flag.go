package models

import (
	"encoding/json"
	"strconv"
	"time"
)

// FlagKind is why a citizen needs a link worker's attention.
type FlagKind string

// Flag kinds raised by the bot, the SMS channel and the scheduler.
const (
	FlagCrisis          FlagKind = "crisis"
	FlagLowScore        FlagKind = "low_score"
	FlagScoreDrop       FlagKind = "score_drop"
	FlagItemZero        FlagKind = "item_zero"
	FlagLoneliness      FlagKind = "high_loneliness"
	FlagUnreachable     FlagKind = "unreachable"
	FlagFreeText        FlagKind = "free_text"
	FlagInvalidNumber   FlagKind = "invalid_number"
	FlagOptedOut        FlagKind = "opted_out"
	FlagDeclined        FlagKind = "declined"
	FlagUnknownSender   FlagKind = "unknown_sender"
	FlagDeletionRequest FlagKind = "deletion_request"
	// FlagCallBack asks the link worker to phone a citizen who wrote back to the contact SMS
	// without saying JA or NEJ: they are reachable, but not yet confirmed.
	FlagCallBack FlagKind = "call_back"
	// FlagSigninCeiling tells the admins that one staff account is being guessed at from many
	// clients (the per-account sign-in ceiling). It is about no citizen and only admins see it.
	FlagSigninCeiling FlagKind = "signin_ceiling"
)

// Severity orders the review queue.
type Severity int

// Severities, most urgent highest.
const (
	SeverityInfo   Severity = 1
	SeverityNormal Severity = 2
	SeverityHigh   Severity = 3
	SeverityUrgent Severity = 4
)

// Flag is an item in the link worker's review queue.
type Flag struct {
	ID        string   `gorm:"primaryKey;type:uuid"`
	CitizenID *string  `gorm:"type:uuid;index:idx_flags_citizen"`
	Kind      FlagKind `gorm:"size:24;not null"`
	Severity  Severity `gorm:"not null"`
	// Reason is a sentence saying why the flag was raised, in English; readers see Code and
	// Facts written in their own language (RenderFlagReason) and this only for flags without one.
	Reason string `gorm:"type:text;not null"`
	// Code names the reason in the catalogue (models/flagreason/flag_reasons.json); Facts (a JSON
	// object) fills it in.
	Code  string `gorm:"type:text"`
	Facts string `gorm:"type:text"`
	// RefID points at what raised it (a message or check-in).
	RefID *string `gorm:"type:uuid"`
	// DedupeKey stops the same cause from raising the flag twice.
	DedupeKey *string   `gorm:"size:160;uniqueIndex:idx_flags_dedupe"`
	CreatedAt time.Time `gorm:"not null"`
	AckedAt   *time.Time
	AckedByID *string `gorm:"type:uuid"`
	AckNote   string  `gorm:"type:text;not null"`
}

// FactsMap decodes Facts; a flag from before codes has none.
func (f *Flag) FactsMap() FlagFacts {
	var facts FlagFacts
	_ = json.Unmarshal([]byte(f.Facts), &facts)
	return facts
}

// ReasonIn is the flag's reason in lang: rendered from its code when it has one, else the
// sentence stored when it was raised.
func (f *Flag) ReasonIn(lang Lang) string {
	if text, ok := RenderFlagReason(f.Code, f.FactsMap(), lang); ok {
		return text
	}
	return f.Reason
}

// Messages is how many of the citizen's messages a safety case holds (1 for any other flag).
func (f *Flag) Messages() int {
	if n, err := strconv.Atoi(f.FactsMap()["count"]); err == nil && n > 0 {
		return n
	}
	return 1
}
