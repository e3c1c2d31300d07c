package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"brobygger/models"
	"brobygger/models/storetest"
	"brobygger/scheduler"
)

// TestErase_DryRunThenRetention: a case closed in March, a retention period of one month and the
// process clock in June (BROBYGGER_CLOCK_START): the dry run reports one citizen and erases
// nothing, --retention erases them, and a second dry run finds nothing left.
func TestErase_DryRunThenRetention(t *testing.T) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) {
			ctx := context.Background()
			site := newResearchSite(t, d)
			c, ref, err := site.store.CreateReferral(ctx, models.NewReferral{Name: "Karen Glemsel", Phone: storetest.NextPhone(),
				Language: models.LangDA, LinkWorkerID: site.worker.ID, ReferrerClinic: "Lægehuset", Reason: "Ensom",
				ConsentContact: true, ConsentData: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := site.store.TransitionReferral(ctx, ref, models.ReferralTransition{To: models.ReferralClosed,
				Reason: models.CloseMoved}, site.worker.ID); err != nil {
				t.Fatal(err)
			}
			if err := site.store.SetRetentionMonths(ctx, 1); err != nil {
				t.Fatal(err)
			}
			report := func(args ...string) scheduler.RetentionReport {
				t.Helper()
				code, out, errOut := site.run(t, "", args...)
				var rep scheduler.RetentionReport
				if code != 0 || json.Unmarshal([]byte(out), &rep) != nil {
					t.Fatalf("%v: %d %s %s", args, code, out, errOut)
				}
				return rep
			}
			if rep := report("erase", "--dry-run"); rep.Due != 1 || rep.Erased != 0 || !rep.DryRun {
				t.Errorf("dry run: %+v", rep)
			}
			if got, _ := site.store.CitizenByID(ctx, c.ID); got.ErasedAt != nil {
				t.Fatal("the dry run erased")
			}
			if rep := report("erase", "--retention"); rep.Erased != 1 {
				t.Errorf("retention: %+v", rep)
			}
			if got, _ := site.store.CitizenByID(ctx, c.ID); got.ErasedAt == nil || got.Name != "" {
				t.Errorf("after --retention: %+v", got)
			}
			if rep := report("erase", "--dry-run"); rep.Due != 0 {
				t.Errorf("second dry run: %+v", rep)
			}
			if code, _, errOut := site.run(t, "", "erase"); code != exitUsage || !strings.Contains(errOut, "--dry-run") {
				t.Errorf("no flag: %d %s", code, errOut)
			}
		})
	}
}
