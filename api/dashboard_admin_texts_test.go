package api

import (
	"testing"

	"brobygger/models"
)

// TestDashboardTexts_AdminKeysBuiltInCode: the keys the admin pages build from values (roles,
// the add form's fields, the password form's fields, the actions the code audits today) are in
// the catalogue in both languages.
func TestDashboardTexts_AdminKeysBuiltInCode(t *testing.T) {
	texts, err := loadDashTexts()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, r := range auditActorRoles {
		keys = append(keys, "role."+r)
	}
	for _, f := range []string{"taken", "email", "name", "role", "phone"} {
		keys = append(keys, "staff.error."+f)
	}
	for _, f := range []string{"missing", "mismatch", "current_password", "new_password"} {
		keys = append(keys, "password.error."+f)
	}
	for _, n := range []string{"created", "reset", "deactivated", "reassigned"} {
		keys = append(keys, "staff.notice."+n)
	}
	for _, a := range []string{"read_citizen", "read_timeline", "read_schedule", "send_message", "reassign", "create_referral",
		"list_prescriptions", "create_prescription", "end_prescription", "ack_flag", "mark_message_handled", "create_staff",
		"deactivate_staff", "reset_password", "change_password"} {
		keys = append(keys, "audit.action."+a)
	}
	for _, lang := range models.Langs() {
		for _, k := range keys {
			if _, ok := texts.lookup(k, lang); !ok {
				t.Errorf("%s: used but missing in %s", k, lang)
			}
		}
	}
}
