package api

import "brobygger/models"

// noCitizenLabel is the dashboard text key shown in place of a citizen's name on a flag about no
// citizen: a staff account for the sign-in ceiling, an unknown sender otherwise.
func noCitizenLabel(kind models.FlagKind) string {
	if kind == models.FlagSigninCeiling {
		return "review.staff_account"
	}
	return "review.unknown_sender"
}
