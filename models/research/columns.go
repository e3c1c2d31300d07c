package research

// column is one column of the export: how the codebook describes it and where its value comes
// from. The CSV header, the JSON keys and the codebook are all read from Columns, so they cannot
// disagree.
type column struct {
	Name string
	// Type is "string", "integer" or "code" (one of Values).
	Type string
	// Values lists the codes or the range; Instrument names the questionnaire behind the value.
	Values      string
	Instrument  string
	Description string
	value       func(r *Row) any
}

// Value is the column's value in r: a string, an int, or nil for an empty cell.
func (c column) Value(r *Row) any { return c.value(r) }

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func num(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// columns lists the export's columns in order.
func columns() []column {
	return []column{
		{"study_id", "string", "S + 20 hex digits", "", "The citizen's pseudonym: HMAC-SHA256 of the citizen's record ID under RESEARCH_PSEUDONYM_KEY. The same in every export made with the same key; never the database ID.", func(r *Row) any { return r.StudyID }},
		{"occasion", "code", "baseline, month3, month9", "", "The measurement occasion.", func(r *Row) any { return r.Occasion.Key }},
		{"target_day", "integer", "0, 91, 273", "", "The occasion's target, in days after the referral was received (day 0).", func(r *Row) any { return r.Occasion.TargetDay }},
		{"window_start_day", "integer", "-14, 76, 240", "", "First day (inclusive) whose answers count for the occasion.", func(r *Row) any { return r.Occasion.WindowStart }},
		{"window_end_day", "integer", "30, 120, 330", "", "Last day (inclusive) whose answers count for the occasion.", func(r *Row) any { return r.Occasion.WindowEnd }},
		{"window_state", "code", "not_started, open, closed", "", "Where the window stood on the day of the export: an open window may still get an answer.", func(r *Row) any { return r.WindowState }},
		{"age_band", "code", "under_18, 18-29, 30-39, 40-49, 50-59, 60-69, 70-79, 80+", "", "Age in the year of referral (year of referral minus year of birth; the exact birth date is never stored). Empty when the year of birth was not recorded.", func(r *Row) any { return str(r.AgeBand) }},
		{"sex", "code", "female, male, other", "", "Sex as recorded on the referral. Empty when not recorded.", func(r *Row) any { return str(r.Sex) }},
		{"reason_category", "code", "loneliness, mental_wellbeing, physical_health, life_event, social_practical, other", "", "The referral reason's category as the referrer or link worker chose it (the free-text reason is never exported). Empty when not recorded.", func(r *Row) any { return str(r.ReasonCategory) }},
		{"clinic_code", "string", "C + 8 hex digits", "", "The referring clinic as a code (HMAC-SHA256 of its name under the same key). The key file maps codes to clinics.", func(r *Row) any { return str(r.ClinicCode) }},
		{"days_to_contact", "integer", ">= 0", "", "Days from the referral to the citizen confirming contact (replying JA or confirming in the app). Empty when not confirmed.", func(r *Row) any { return num(r.DaysToContact) }},
		{"who5_raw", "integer", "0-25", InstrumentWHO5, "WHO-5 raw score: the sum of the five items (0-5 each). Empty without a complete WHO-5 in the window.", func(r *Row) any { return num(r.WHO5Raw) }},
		{"who5_score", "integer", "0-100", InstrumentWHO5, "WHO-5 percentage score: raw x 4.", func(r *Row) any { return num(r.WHO5Score) }},
		{"who5_day", "integer", "window days", InstrumentWHO5, "Day (since the referral) the WHO-5 used was completed.", func(r *Row) any { return num(r.WHO5Day) }},
		{"who5_version", "string", "instrument version", InstrumentWHO5, "Version of the WHO-5 instrument file the answer was given to.", func(r *Row) any { return str(r.WHO5Version) }},
		{"ucla3_score", "integer", "3-9", InstrumentUCLA3, "UCLA 3-item loneliness score: the sum of the three items (1-3 each); 6 or more is commonly read as lonely.", func(r *Row) any { return num(r.UCLA3Score) }},
		{"ucla3_day", "integer", "window days", InstrumentUCLA3, "Day the UCLA-3 used was completed.", func(r *Row) any { return num(r.UCLA3Day) }},
		{"ucla3_version", "string", "instrument version", InstrumentUCLA3, "Version of the UCLA-3 instrument file.", func(r *Row) any { return str(r.UCLA3Version) }},
		{"participation_level", "code", "1 = I am there every time, 2 = most of the time, 3 = sometimes, 4 = almost never, 5 = I have not been there yet", InstrumentParticipation, "Participation in the prescribed activity on the site's 5-level scale (a higher value is less participation).", func(r *Row) any { return num(r.Participation) }},
		{"participation_day", "integer", "window days", InstrumentParticipation, "Day the participation answer used was given.", func(r *Row) any { return num(r.ParticipationDay) }},
		{"participation_version", "string", "instrument version", InstrumentParticipation, "Version of the participation instrument file.", func(r *Row) any { return str(r.ParticipationVersion) }},
		{"ons4_life_satisfaction", "integer", "0-10", InstrumentONS4, "ONS4 item 1: life satisfaction. Empty where ONS4 was not used.", func(r *Row) any { return num(r.ONS4[0]) }},
		{"ons4_worthwhile", "integer", "0-10", InstrumentONS4, "ONS4 item 2: the things done in life are worthwhile.", func(r *Row) any { return num(r.ONS4[1]) }},
		{"ons4_happiness", "integer", "0-10", InstrumentONS4, "ONS4 item 3: happiness yesterday.", func(r *Row) any { return num(r.ONS4[2]) }},
		{"ons4_anxiety", "integer", "0-10", InstrumentONS4, "ONS4 item 4: anxiety yesterday (a higher value is worse).", func(r *Row) any { return num(r.ONS4[3]) }},
		{"ons4_day", "integer", "window days", InstrumentONS4, "Day the ONS4 used was completed.", func(r *Row) any { return num(r.ONS4Day) }},
		{"ons4_version", "string", "instrument version", InstrumentONS4, "Version of the ONS4 instrument file.", func(r *Row) any { return str(r.ONS4Version) }},
		{"replies", "integer", ">= 0", "", "SMS the citizen wrote from the referral to the end of the occasion's window (or the export day, if earlier). Engagement; the texts are never exported.", func(r *Row) any { return r.Replies }},
		{"followups_asked", "integer", ">= 0", "", "Activity occurrences the citizen was asked about (\"did you go?\") in the same period.", func(r *Row) any { return r.FollowupsAsked }},
		{"followups_attended", "integer", ">= 0", "", "Of those, the occurrences the citizen said they attended.", func(r *Row) any { return r.FollowupsAttended }},
	}
}
