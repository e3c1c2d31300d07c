package dashboard

import (
	"brobygger/api/operations"
	"io/fs"
	"regexp"
	"strconv"
	"testing"

	"brobygger/models"
)

var templateKey = regexp.MustCompile(`\{\{-?\s*t\s+"([^"]+)"`)

// TestDashboardTexts_TemplatesAndCodeUseKnownKeys: every {{t "…"}} in the templates and every
// key the Go code builds from a value (status, flag kind, severity, event kind) is in the catalogue.
func TestDashboardTexts_TemplatesAndCodeUseKnownKeys(t *testing.T) {
	texts, _ := loadTexts()
	var keys []string
	_ = fs.WalkDir(files, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, _ := files.ReadFile(path)
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			keys = append(keys, m[1])
		}
		return nil
	})
	if len(keys) < 50 {
		t.Fatalf("found only %d template keys; is the pattern still right?", len(keys))
	}
	for _, st := range operations.CitizenStatuses {
		keys = append(keys, "status."+string(st))
	}
	for _, k := range []models.FlagKind{models.FlagCrisis, models.FlagLowScore, models.FlagScoreDrop, models.FlagItemZero,
		models.FlagLoneliness, models.FlagUnreachable, models.FlagFreeText, models.FlagInvalidNumber, models.FlagOptedOut,
		models.FlagDeclined, models.FlagUnknownSender, models.FlagDeletionRequest, models.FlagCallBack, models.FlagSigninCeiling} {
		keys = append(keys, "flagkind."+string(k))
	}
	for _, sev := range operations.SeverityNames {
		keys = append(keys, "severity."+sev, "inbox.crisis."+sev)
	}
	for _, k := range []string{"message_in", "message_out", "checkin", "attendance", "referral", "flag", "flag_ack", "milestone",
		"note", "pause", "resume"} {
		keys = append(keys, "event."+k)
	}
	// The milestone keys models.Timeline puts in Extra["milestone"].
	for _, k := range []string{"contacted", "contact_confirmed", "declined", "opted_out", "paused", "unreachable",
		"phone_invalid", "completed", "deletion_requested"} {
		keys = append(keys, "milestone."+k)
	}
	// The citizen page's tools: notices, refused forms (every field of every form, every
	// conflict state) and the names of characters that force UCS-2.
	for _, d := range []string{"paused", "resumed", "noted", "checkin_now", "checkin_waits", "prescribed", "ended", "research_withdrawn"} {
		keys = append(keys, "done."+d)
	}
	for form, fields := range citizenFormFields {
		for _, f := range fields {
			if f != "send_now" && f != "q" && !(form == "pause" && f == "") {
				keys = append(keys, "formerr."+form+"."+f)
			}
		}
	}
	for _, st := range []string{"prescribed_twice", "not_paused", "safety_pause", "already_paused", "opted_out", "phone_invalid",
		"paused", "closed", "unconfirmed", "busy", "generic"} {
		keys = append(keys, "formerr.conflict."+st)
	}
	for _, n := range smsCharNames {
		keys = append(keys, "smschar."+n.key)
	}
	for _, b := range []string{"opted_out", "paused", "phone_invalid", "closed", "unconfirmed"} {
		keys = append(keys, "checkin_now.blocked."+b)
	}
	for _, s := range dashSorts {
		keys = append(keys, "caseload.sort."+s)
	}
	for code := range errorTexts {
		keys = append(keys, "error."+strconv.Itoa(code)+".title", "error."+strconv.Itoa(code)+".text")
	}
	keys = append(keys, chartTitleKeys()...)
	for _, lang := range models.Langs() {
		keys = append(keys, "lang."+string(lang))
		for _, k := range keys {
			if _, ok := texts.Lookup(k, lang); !ok {
				t.Errorf("%s: used but missing in %s", k, lang)
			}
		}
	}
}
