package research

// Row is one citizen at one occasion. Pointers are nil when there is nothing to report (no
// answer in the window, a fact the referral did not record).
type Row struct {
	StudyID        string
	Occasion       Occasion
	WindowState    string
	AgeBand        string
	Sex            string
	ReasonCategory string
	ClinicCode     string
	DaysToContact  *int

	WHO5Raw, WHO5Score, WHO5Day *int
	WHO5Version                 string
	UCLA3Score, UCLA3Day        *int
	UCLA3Version                string
	Participation               *int
	ParticipationDay            *int
	ParticipationVersion        string
	ONS4                        [4]*int
	ONS4Day                     *int
	ONS4Version                 string

	Replies, FollowupsAsked, FollowupsAttended int
}

// The instruments the export reads, by key.
const (
	InstrumentWHO5          = "who5"
	InstrumentUCLA3         = "ucla3"
	InstrumentParticipation = "participation"
	InstrumentONS4          = "ons4"
)
