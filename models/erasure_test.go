package models_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"

	"gorm.io/gorm"
)

// erasable is a citizen with identifying text spread over every table that can hold it.
type erasable struct {
	citizen *models.Citizen
	name    string
	phone   string
	email   string
}

// seedErasable refers a citizen whose name appears in every free-text field we store, with
// research consent and a scored check-in, a STOP, a device, an outbox SMS and an inbound SMS.
func seedErasable(t *testing.T, s *models.Store, worker *models.Staff, name string) erasable {
	t.Helper()
	ctx := context.Background()
	p := referResearch(t, s, worker, name, "Lægehuset Nord", true, 1950)
	c := p.citizen
	db := s.GormDB()
	// The referral's free text names the citizen too.
	if err := db.Model(&models.Referral{}).Where("citizen_id = ?", c.ID).
		Updates(map[string]any{"reason": "Ensom efter " + name + " flyttede", "status_note": name + " ringede"}).Error; err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddCaseNote(ctx, models.NewCaseNote{CitizenID: c.ID, AuthorID: worker.ID, Body: "Talte med " + name}, s.Now()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordInboundFor(ctx, models.InboundSMS{SID: "SM" + strings.Repeat("e", 32), From: c.Phone,
		Body: "Hej det er " + name, Segments: 1}, c, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Enqueue(ctx, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: "Kære " + name, Kind: "manual",
		NotBefore: s.Now()}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagFreeText, Severity: models.SeverityNormal,
		Reason: name + " skrev"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PauseCitizen(ctx, c.ID, worker.ID, name+" er på ferie"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegisterDevice(ctx, c.ID, "ios", "device-token-"+c.ID); err != nil {
		t.Fatal(err)
	}
	raw, score := 15, 60.0
	completeCheckin(t, s, c.ID, "who5", s.Now(), &raw, &score, map[int]int{1: 3, 2: 3, 3: 3, 4: 3, 5: 3})
	if err := db.Model(&models.Answer{}).Where("checkin_id IN (?)", db.Model(&models.Checkin{}).Select("id").Where("citizen_id = ?", c.ID)).
		Update("raw_text", name).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.MarkOptedOut(ctx, c.ID, "sms"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RequestDeletion(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	return erasable{citizen: c, name: name, phone: c.Phone, email: p.email}
}

// textHits scans every text column of every table for needle and names the columns holding it.
func textHits(t *testing.T, db *gorm.DB, needle string) []string {
	t.Helper()
	var hits []string
	for _, m := range models.AllModels() {
		stmt := &gorm.Statement{DB: db}
		if err := stmt.Parse(m); err != nil {
			t.Fatal(err)
		}
		for _, f := range stmt.Schema.Fields {
			if f.DBName == "" || f.IndirectFieldType.Kind().String() != "string" {
				continue
			}
			var n int64
			if err := db.Table(stmt.Schema.Table).Where("CAST("+f.DBName+" AS TEXT) LIKE ?", "%"+needle+"%").Count(&n).Error; err != nil {
				t.Fatalf("scan %s.%s: %v", stmt.Schema.Table, f.DBName, err)
			}
			if n > 0 {
				hits = append(hits, stmt.Schema.Table+"."+f.DBName)
			}
		}
	}
	return hits
}

func count(t *testing.T, db *gorm.DB, model any, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Model(model).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStore_EraseCitizen_GoneAndKept(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		db := s.GormDB()
		worker := storetest.LinkWorker(t, s, "Lene Linkarbejder")
		e := seedErasable(t, s, worker, "Ingrid Glemmesen")
		other := seedErasable(t, s, worker, "Oskar Bliversen")
		if _, err := s.WithdrawResearchConsent(ctx, e.citizen.ID, models.WithdrawnInApp, nil); err != nil {
			t.Fatal(err)
		}
		audited := count(t, db, &models.AuditEntry{}, "object_id = ?", e.citizen.ID)
		before := textHits(t, db, e.name)
		if len(before) < 8 {
			t.Fatalf("the seed should spread the name widely, found it only in %v", before)
		}

		at, err := s.EraseCitizen(ctx, models.Erasure{CitizenID: e.citizen.ID, ActorID: &worker.ID, ActorRole: "admin",
			Reason: models.ActionEraseOnRequest, RequestID: "req-1", RequireRequest: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, needle := range []string{e.name, "Glemmesen", e.phone, e.email, "device-token-" + e.citizen.ID} {
			if hits := textHits(t, db, needle); len(hits) > 0 {
				t.Errorf("%q is still stored in %v", needle, hits)
			}
		}
		// What stays: the row, marked erased and closed; scores; the STOP; the withdrawal; the audit trail.
		c, err := s.CitizenByID(ctx, e.citizen.ID)
		if err != nil {
			t.Fatal(err)
		}
		if c.ErasedAt == nil || c.ErasedAt.Sub(at).Abs() > time.Millisecond || c.ClosedAt == nil || c.Name != "" || c.Phone != "" {
			t.Errorf("citizen after erasure: erased %v closed %v name %q phone %q", c.ErasedAt, c.ClosedAt, c.Name, c.Phone)
		}
		if n := count(t, db, &models.Checkin{}, "citizen_id = ? AND score IS NOT NULL", c.ID); n != 1 {
			t.Errorf("scored check-ins kept = %d, want 1", n)
		}
		if n := count(t, db, &models.Answer{}, "value IS NOT NULL AND checkin_id IN (?)", db.Model(&models.Checkin{}).Select("id").Where("citizen_id = ?", c.ID)); n != 5 {
			t.Errorf("answer values kept = %d, want 5", n)
		}
		if stopped, err := s.PhoneOptedOut(ctx, e.phone); err != nil || stopped == nil {
			t.Errorf("the number's STOP must outlive erasure: %v %v", stopped, err)
		}
		if _, err := s.ResearchWithdrawalOf(ctx, c.ID); err != nil {
			t.Errorf("research withdrawal lost: %v", err)
		}
		if n := count(t, db, &models.Referral{}, "citizen_id = ? AND referrer_clinic = ? AND birth_year = ?", c.ID, "Lægehuset Nord", 1950); n != 1 {
			t.Errorf("the referral's coded fields must stay for research, got %d rows", n)
		}
		if n := count(t, db, &models.AuditEntry{}, "object_id = ?", c.ID); n != audited+1 {
			t.Errorf("audit entries = %d, want the %d before plus the erasure", n, audited)
		}
		if n := count(t, db, &models.AuditEntry{}, "object_id = ? AND action = ? AND request_id = ?", c.ID, models.ActionEraseOnRequest, "req-1"); n != 1 {
			t.Errorf("erasure audit entries = %d, want 1", n)
		}
		if n := count(t, db, &models.OutboxItem{}, "citizen_id = ? AND status = ?", c.ID, models.OutboxPending); n != 0 {
			t.Errorf("pending SMS left for an erased citizen: %d", n)
		}
		// The other citizen is untouched.
		if hits := textHits(t, db, other.name); len(hits) < 8 {
			t.Errorf("the other citizen lost data: name only in %v", hits)
		}

		_, err = s.EraseCitizen(ctx, models.Erasure{CitizenID: c.ID, ActorRole: "admin", Reason: models.ActionEraseOnRequest, RequireRequest: true})
		if !models.IsCode(err, models.ECONFLICT) {
			t.Errorf("erasing twice: %v, want ECONFLICT", err)
		}
	})
}

func TestStore_EraseCitizen_Refusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lene Linkarbejder")
		c := storetest.Citizen(t, s, worker, models.LangDA)
		erase := models.Erasure{CitizenID: c.ID, ActorRole: "admin", Reason: models.ActionEraseOnRequest, RequireRequest: true}
		if _, err := s.EraseCitizen(ctx, erase); !models.IsCode(err, models.ENOTFOUND) {
			t.Errorf("no deletion request: %v, want ENOTFOUND", err)
		}
		if _, err := s.RequestDeletion(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RaiseFlag(ctx, models.NewFlag{CitizenID: &c.ID, Kind: models.FlagCrisis, Severity: models.SeverityUrgent,
			Reason: "crisis"}); err != nil {
			t.Fatal(err)
		}
		page, err := s.DeletionRequests(ctx, true, "", 10)
		if err != nil || len(page.Items) != 1 || !page.Items[0].UrgentFlagOpen {
			t.Fatalf("deletion requests = %+v, %v; want one with an urgent flag open", page, err)
		}
		if _, err := s.EraseCitizen(ctx, erase); !models.IsCode(err, models.ECONFLICT) {
			t.Errorf("open urgent flag: %v, want ECONFLICT", err)
		}
		if err := s.GormDB().Model(&models.Flag{}).Where("citizen_id = ?", c.ID).Update("acked_at", s.Now()).Error; err != nil {
			t.Fatal(err)
		}
		if _, err := s.EraseCitizen(ctx, erase); err != nil {
			t.Errorf("after the flag was looked at: %v", err)
		}
		if page, _ := s.DeletionRequests(ctx, true, "", 10); len(page.Items) != 0 {
			t.Errorf("pending after erasure: %+v", page.Items)
		}
		if page, _ := s.DeletionRequests(ctx, false, "", 10); len(page.Items) != 1 || page.Items[0].ErasedAt == nil {
			t.Errorf("all requests after erasure: %+v", page.Items)
		}
	})
}

func TestStore_DeletionRequests_Paging(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		worker := storetest.LinkWorker(t, s, "Lene Linkarbejder")
		want := map[string]bool{}
		for range 5 {
			c := storetest.Citizen(t, s, worker, models.LangDA)
			if _, err := s.RequestDeletion(ctx, c.ID); err != nil {
				t.Fatal(err)
			}
			want[c.ID] = true
		}
		seen, cursor := 0, ""
		for {
			page, err := s.DeletionRequests(ctx, false, cursor, 2)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				if !want[it.CitizenID] {
					t.Errorf("unexpected or repeated %s", it.CitizenID)
				}
				delete(want, it.CitizenID)
				seen++
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if seen != 5 {
			t.Errorf("paged through %d requests, want 5", seen)
		}
		if _, err := s.DeletionRequests(ctx, false, "bad", 2); !models.IsCode(err, models.EINVALID) {
			t.Errorf("bad cursor: %v", err)
		}
	})
}

// TestStore_AuditLog_AppendOnly: the database itself refuses to change or remove an audit entry.
func TestStore_AuditLog_AppendOnly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if err := s.Audit(ctx, models.AuditEntry{ActorRole: "admin", Action: "view_citizen", ObjectType: "citizen",
			ObjectID: models.NewID(), RequestID: "r"}); err != nil {
			t.Fatal(err)
		}
		sqldb, err := s.SQLDB()
		if err != nil {
			t.Fatal(err)
		}
		stmts := []string{`UPDATE audit_log SET action = 'forged'`, `DELETE FROM audit_log`}
		if s.Dialect() == models.Postgres {
			stmts = append(stmts, `TRUNCATE audit_log`)
		}
		for _, q := range stmts {
			if _, err := sqldb.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want the append-only error", q, err)
			}
		}
		var n int
		if err := sqldb.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'view_citizen'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("audit entries after the attempts = %d, %v", n, err)
		}
	})
}

// TestStore_Retention_DryRunThenErase is in scheduler (it owns the job); this checks the setting.
func TestStore_RetentionMonths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		ctx := context.Background()
		if n, err := s.RetentionMonths(ctx); err != nil || n != models.DefaultRetentionMonths {
			t.Errorf("default = %d, %v", n, err)
		}
		if err := s.SetRetentionMonths(ctx, 0); !models.IsCode(err, models.EINVALID) {
			t.Errorf("0 months: %v", err)
		}
		if err := s.SetRetentionMonths(ctx, 36); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.RetentionMonths(ctx); n != 36 {
			t.Errorf("after setting 36: %d", n)
		}
		due, err := s.RetentionDue(ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
		if err != nil || len(due) != 0 {
			t.Errorf("nothing closed yet, due = %v %v", due, err)
		}
	})
}
