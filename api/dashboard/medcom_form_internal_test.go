package dashboard

import (
	"testing"

	"brobygger/models"
)

// TestMedComFormErrors_EveryFieldHasItsWords: every field a MedCom form can be refused for has
// its sentence in the catalogue, in Danish and English, and none falls back to the generic one.
func TestMedComFormErrors_EveryFieldHasItsWords(t *testing.T) {
	texts, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	keys := []string{"medcom.error.conflict", "medcom.error.clinic.sor_taken", "referral.error.phone_taken", "referral.error.link_worker_id_taken"}
	for form, fields := range medcomFormFields {
		for _, f := range fields {
			if form == "register" {
				keys = append(keys, "referral.error."+f)
			} else {
				keys = append(keys, "medcom.error."+form+"."+f)
			}
		}
	}
	for _, k := range keys {
		_, da := texts.Lookup(k, models.LangDA)
		_, en := texts.Lookup(k, models.LangEN)
		if !da || !en {
			t.Errorf("%s: missing in Danish or English", k)
		}
	}
}
