package models_test

import (
	"context"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// TestStore_InviteStaff: the one-time password signs in once it is handed over, is never stored
// in clear, and the account must change it; the staff list shows the new person with no citizens.
func TestStore_InviteStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		st, pw, err := s.InviteStaff(ctx, models.NewStaff{Email: "ny@example.dk", Name: "Ny Brobygger", Role: models.RoleLinkWorker})
		if err != nil {
			t.Fatal(err)
		}
		if len(pw) != 16 || !st.MustChangePassword || st.PasswordHash == pw {
			t.Fatalf("invite: %q %+v", pw, st)
		}
		if _, _, err := s.InviteStaff(ctx, models.NewStaff{Email: "ny@example.dk", Name: "Igen", Role: models.RoleAdmin}); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("same email again: %v", err)
		}
		signedIn, err := s.AuthenticateStaff(ctx, "ny@example.dk", pw)
		if err != nil || !signedIn.MustChangePassword {
			t.Fatalf("sign in with the one-time password: %v %+v", err, signedIn)
		}
		list, err := s.ListStaff(ctx)
		if err != nil || len(list) != 1 || list[0].ID != st.ID || list[0].CaseloadSize != 0 || !list[0].MustChangePassword {
			t.Fatalf("staff list: %v %+v", err, list)
		}
	})
}

// TestStore_DeactivateStaff: deactivation raises the session version, revokes every refresh
// token, keeps the citizens listed for reassignment, and ReassignAll moves them in one step.
func TestStore_DeactivateStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		leaving, staying, other := storetest.LinkWorker(t, s, "Lone Går"), storetest.LinkWorker(t, s, "Bo Bliver"), storetest.LinkWorker(t, s, "Eva Anden")
		c1, c2 := storetest.Citizen(t, s, leaving, models.LangDA), storetest.Citizen(t, s, leaving, models.LangDA)
		rt, err := s.IssueRefreshToken(ctx, leaving.ID, string(models.RoleLinkWorker), "", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		before, _ := s.StaffSessionOf(ctx, leaving.ID)
		if _, err := s.DeactivateStaff(ctx, leaving.ID, leaving.ID); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("deactivating oneself: %v", err)
		}
		if _, err := s.DeactivateStaff(ctx, leaving.ID, staying.ID); err != nil {
			t.Fatal(err)
		}
		after, _ := s.StaffSessionOf(ctx, leaving.ID)
		if after.Active || after.SessionVersion != before.SessionVersion+1 {
			t.Fatalf("session after deactivation: %+v (before %+v)", after, before)
		}
		if _, _, err := s.RotateRefreshToken(ctx, rt.Raw, func(string) time.Duration { return time.Hour }); !models.IsCode(err, models.EUNAUTHORIZED) {
			t.Fatalf("refresh after deactivation: %v", err)
		}
		if _, err := s.DeactivateStaff(ctx, leaving.ID, staying.ID); !models.IsCode(err, models.ECONFLICT) {
			t.Fatalf("second deactivation: %v", err)
		}
		if _, err := s.AuthenticateStaff(ctx, leaving.Email, "a test password long enough"); !models.IsCode(err, models.EUNAUTHORIZED) {
			t.Fatalf("sign-in after deactivation: %v", err)
		}
		left, err := s.CitizensOfWorker(ctx, leaving.ID)
		if err != nil || len(left) != 2 {
			t.Fatalf("citizens to reassign: %v %+v", err, left)
		}
		if _, err := s.ReassignAll(ctx, leaving.ID, leaving.ID, nil); err != nil {
			t.Fatalf("no target moves nothing: %v", err)
		}
		if _, err := s.ReassignAll(ctx, leaving.ID, staying.ID, map[string]string{c2.ID: models.NewID()}); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("an unknown target: %v", err)
		}
		if left, _ := s.CitizensOfWorker(ctx, leaving.ID); len(left) != 2 {
			t.Fatal("a failed reassignment moved someone")
		}
		moved, err := s.ReassignAll(ctx, leaving.ID, staying.ID, map[string]string{c2.ID: other.ID})
		if err != nil || len(moved) != 2 {
			t.Fatalf("reassign all: %v %v", moved, err)
		}
		names, err := s.CitizenNames(ctx, []string{c1.ID, "3 offers", models.NewID()})
		if err != nil || len(names) != 1 || names[c1.ID] != c1.Name {
			t.Fatalf("citizen names: %v %v", names, err)
		}
		for id, want := range map[string]string{c1.ID: staying.ID, c2.ID: other.ID} {
			if c, _ := s.CitizenByID(ctx, id); c.LinkWorkerID != want {
				t.Fatalf("citizen %s with %s, want %s", id, c.LinkWorkerID, want)
			}
		}
	})
}

// TestStore_ResetAndChangePassword: a reset hands out a new one-time password and ends the
// sessions; changing it needs the current one, a new one of 12 characters, and clears the flag.
func TestStore_ResetAndChangePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		w := storetest.LinkWorker(t, s, "Mette Glemsom")
		st, pw, err := s.ResetStaffPassword(ctx, w.ID)
		if err != nil || !st.MustChangePassword || st.SessionVersion != 1 {
			t.Fatalf("reset: %v %+v", err, st)
		}
		if _, err := s.AuthenticateStaff(ctx, w.Email, "a test password long enough"); !models.IsCode(err, models.EUNAUTHORIZED) {
			t.Fatalf("the old password still works: %v", err)
		}
		if _, err := s.ChangeStaffPassword(ctx, w.ID, "wrong password!", "a brand new password"); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("wrong current password: %v", err)
		}
		if _, err := s.ChangeStaffPassword(ctx, w.ID, pw, "short"); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("short new password: %v", err)
		}
		if _, err := s.ChangeStaffPassword(ctx, w.ID, pw, pw); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("keeping the one-time password: %v", err)
		}
		changed, err := s.ChangeStaffPassword(ctx, w.ID, pw, "a brand new password")
		if err != nil || changed.MustChangePassword || changed.SessionVersion != 2 {
			t.Fatalf("change: %v %+v", err, changed)
		}
		if _, err := s.AuthenticateStaff(ctx, w.Email, "a brand new password"); err != nil {
			t.Fatalf("sign in with the new password: %v", err)
		}
		if _, _, err := s.ResetStaffPassword(ctx, models.NewID()); !models.IsCode(err, models.ENOTFOUND) {
			t.Fatalf("reset of nobody: %v", err)
		}
	})
}

// TestStore_AuditLog: filters by staff member, citizen and time, newest first, and the keyset
// cursor walks every entry exactly once.
func TestStore_AuditLog(t *testing.T) {
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		a, b := storetest.LinkWorker(t, s, "Anne A"), storetest.LinkWorker(t, s, "Bent B")
		c1, c2 := models.NewID(), models.NewID()
		write := func(actor *models.Staff, citizen string) {
			if err := s.Audit(ctx, models.AuditEntry{ActorID: &actor.ID, ActorRole: "link_worker", Action: "read_citizen",
				ObjectType: "citizen", ObjectID: citizen, RequestID: "r"}); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Minute)
		}
		for i := 0; i < 3; i++ {
			write(a, c1)
			write(b, c2)
			write(a, c2)
		}
		all := map[string]bool{}
		cursor, pages := "", 0
		var prev time.Time
		for {
			page, err := s.AuditLog(ctx, models.AuditQuery{Cursor: cursor, Limit: 4})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for _, r := range page.Rows {
				if all[r.ID] || (!prev.IsZero() && r.At.After(prev)) {
					t.Fatalf("entry %s twice or out of order", r.ID)
				}
				all[r.ID], prev = true, r.At
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if len(all) != 9 || pages != 3 {
			t.Fatalf("walked %d entries on %d pages", len(all), pages)
		}
		byA, _ := s.AuditLog(ctx, models.AuditQuery{ActorID: a.ID})
		aboutC2, _ := s.AuditLog(ctx, models.AuditQuery{CitizenID: c2})
		both, _ := s.AuditLog(ctx, models.AuditQuery{ActorID: a.ID, CitizenID: c2})
		if len(byA.Rows) != 6 || len(aboutC2.Rows) != 6 || len(both.Rows) != 3 || byA.Rows[0].ActorName != "Anne A" {
			t.Fatalf("filters: %d %d %d", len(byA.Rows), len(aboutC2.Rows), len(both.Rows))
		}
		start := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
		window, _ := s.AuditLog(ctx, models.AuditQuery{From: start.Add(2 * time.Minute), To: start.Add(5 * time.Minute)})
		if len(window.Rows) != 3 {
			t.Fatalf("time window: %d entries", len(window.Rows))
		}
		if _, err := s.AuditLog(ctx, models.AuditQuery{Cursor: "nonsense"}); !models.IsCode(err, models.EINVALID) {
			t.Fatalf("bad cursor: %v", err)
		}
	}, models.WithClock(clock))
}
