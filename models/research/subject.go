package research

import "time"

// Subject is one consenting citizen's facts, as the store gathers them. It carries the record ID
// only so the pseudonym can be made from it; Build never writes it out.
type Subject struct {
	CitizenID string
	// ReferredAt is when the referral was received: day 0 of every occasion.
	ReferredAt         time.Time
	ContactConfirmedAt *time.Time
	// BirthYear, Sex and ReasonCategory are what the referral recorded (nil or "" when not).
	BirthYear      *int
	Sex            string
	ReasonCategory string
	// Clinic is the referring clinic's name; only its code reaches the export.
	Clinic       string
	Measurements []Measurement
	// Replies are the times of the citizen's own SMS.
	Replies []time.Time
	// Followups are the "did you go?" questions about prescribed activities and their answers.
	Followups []Followup
}

// Measurement is one completed questionnaire.
type Measurement struct {
	Instrument string
	Version    string
	At         time.Time
	// Raw and Score are the instrument's total (nil for per-item instruments such as ONS4).
	Raw   *int
	Score *float64
	// Items holds the answered items by number.
	Items map[int]int
}

// Followup is one activity occurrence the citizen was asked about.
type Followup struct {
	On time.Time
	// Attended is true when the citizen said they went.
	Attended bool
}

// InstrumentVersion names an instrument version for the codebook.
type InstrumentVersion struct {
	Key, Version, Name, Citation string
}
