package dashboard

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"brobygger/models"
)

// TestDashboardTexts_AdminKeysBuiltInCode: the keys the admin pages build from values (roles,
// the add form's fields, the password form's fields, the actions the code audits today) are in
// the catalogue in both languages.
func TestDashboardTexts_AdminKeysBuiltInCode(t *testing.T) {
	texts, err := loadTexts()
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
	for _, a := range auditedActions(t) {
		keys = append(keys, "audit.action."+a)
	}
	for _, lang := range models.Langs() {
		for _, k := range keys {
			if _, ok := texts.Lookup(k, lang); !ok {
				t.Errorf("%s: used but missing in %s", k, lang)
			}
		}
	}
}

// auditedAction finds the action names the handlers write to the audit log.
var auditedAction = regexp.MustCompile(`h\.(?:Audit|StaffCitizen)\(c, "([a-z_]+)"`)

// auditingPackages are the folders whose handlers write the audit log: the dashboard, the JSON API and the
// operations it shares with the dashboard.
var auditingPackages = []string{".", "..", "../operations"}

// auditedActions reads every action the code audits, so one added later cannot reach the
// Danish audit page as an English code: a literal name, and "referral_"+status for the
// referral's steps.
func auditedActions(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range auditingPackages {
		fs, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, fs...)
	}
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range auditedAction.FindAllStringSubmatch(string(src), -1) {
			if strings.HasSuffix(m[1], "_") { // a prefix completed at run time
				continue
			}
			out = append(out, m[1])
		}
	}
	for _, st := range []models.ReferralStatus{models.ReferralAccepted, models.ReferralDeclined, models.ReferralClosed} {
		out = append(out, "referral_"+string(st))
	}
	if len(out) < 20 {
		t.Fatalf("found only %d audited actions; is the pattern still right?", len(out))
	}
	return out
}
