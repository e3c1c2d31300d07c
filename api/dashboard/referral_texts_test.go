package dashboard

import (
	"brobygger/api/operations"
	"testing"

	"brobygger/models"
)

// TestDashboardTexts_ReferralAndNeedKeys: every key the referral pages and the caseload build
// from a value (a field at fault, a referral status, an outcome, a confirmation, a need rank)
// is in the catalogue in both languages.
func TestDashboardTexts_ReferralAndNeedKeys(t *testing.T) {
	texts, _ := loadTexts()
	var keys []string
	for _, f := range []string{"name", "phone", "phone_taken", "language", "link_worker_id", "referrer_name", "referrer_clinic",
		"reason", "consent", "confirm", "decline_reason", "decline_note", "close_reason", "close_note"} {
		keys = append(keys, "referral.error."+f)
	}
	for _, st := range operations.ReferralStatuses {
		keys = append(keys, "referral.status."+string(st))
	}
	for _, o := range closeOutcomes {
		keys = append(keys, "referral.outcome."+o)
	}
	for _, l := range models.Langs() {
		keys = append(keys, "referral.language."+string(l))
	}
	for _, s := range []string{"queued", "not_sent_opted_out"} {
		keys = append(keys, "referrals.created."+s)
	}
	for _, s := range []models.ReferralStatus{models.ReferralAccepted, models.ReferralDeclined, models.ReferralClosed} {
		keys = append(keys, "referrals.done."+string(s))
	}
	for _, r := range []models.NeedRank{models.NeedUrgentFlag, models.NeedOverdueFlag} {
		keys = append(keys, "caseload.need."+r.String())
	}
	for _, lang := range models.Langs() {
		for _, k := range keys {
			if _, ok := texts.Lookup(k, lang); !ok {
				t.Errorf("%s: used but missing in %s", k, lang)
			}
		}
	}
}
