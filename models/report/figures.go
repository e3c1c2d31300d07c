package report

// Figures are the report's raw counts as the store gathers them, before any suppression. They
// describe one cohort: the citizens whose referral was received in the period.
type Figures struct {
	// Months lists every calendar month of the period in order, with its referrals (0 too).
	Months []MonthFigure
	// Clinics are the referring clinics with at least one referral.
	Clinics []ClinicFigure
	// Aged60Plus, Under60 and AgeUnknown split the referrals by age in the referral year, from
	// the year of birth; AgeUnknown has no year of birth recorded.
	Aged60Plus, Under60, AgeUnknown int
	// Referred … Engaged are the citizens who reached each step of the path.
	Referred, Contacted, Confirmed, Engaged int
	// Hours between the steps, per citizen who took both.
	ReferredToContacted, ContactedToConfirmed, ConfirmedToEngaged Histogram
	// Offers are the offers prescribed to the cohort.
	Offers []OfferFigure
	// Outcomes are the paired questionnaire scores by instrument and follow-up occasion.
	Outcomes []OutcomeFigure
	// Endings count the citizens who were unreachable or declined, by reason.
	Endings []EndingFigure
}

// MonthFigure is one month's referrals; Month is "YYYY-MM" in the site's time zone.
type MonthFigure struct {
	Month     string
	Referrals int
}

// ClinicFigure is one referring clinic's referrals.
type ClinicFigure struct {
	Clinic    string
	Referrals int
}

// OfferFigure is one offer: how many citizens had it prescribed, and how many prescriptions.
type OfferFigure struct {
	OfferID, Title          string
	Citizens, Prescriptions int
}

// OutcomeFigure is one instrument's paired scores at baseline and at a follow-up occasion.
type OutcomeFigure struct {
	// Instrument is "who5" (the 0–100 score) or "ucla3" (3–9).
	Instrument string
	// Occasion is the follow-up: "month3" or "month9" (the research export's occasions).
	Occasion string
	Paired   Paired
}

// EndingFigure is one reason a course ended without the citizen taking part.
type EndingFigure struct {
	// Outcome is "unreachable" or "declined".
	Outcome string
	Reason  string
	Count   int
}

// Reasons a citizen was unreachable or declined, in the order the report lists them. The store
// gives each citizen the first reason that applies (see models/report_store.go).
var (
	UnreachableReasons = []string{"phone_invalid", "no_delivery", "closed_unreachable"}
	DeclinedReasons    = []string{"not_accepted", "declined_by_sms", "opted_out", "closed_declined"}
)
