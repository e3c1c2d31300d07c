package models

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// MedComQuery filters the admin's list of MedCom messages: direction (in/out), status, kind,
// citizen, clinic, and overdue (sent without acknowledgement past the timeout).
type MedComQuery struct {
	Direction MedComDirection
	Status    MedComStatus
	CitizenID string
	ClinicID  string
	Overdue   bool
	Cursor    string
	Limit     int
}

// MedComMessageRow is one message in a list, with its clinic's name.
type MedComMessageRow struct {
	MedComMessage
	ClinicName string
}

// MedComMessages lists messages newest first, keyset-paginated.
func (s *Store) MedComMessages(ctx context.Context, q MedComQuery) ([]MedComMessageRow, string, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 50
	}
	db := s.q(ctx).Table("medcom_messages AS m").Select("m.*, COALESCE(k.name, '') AS clinic_name").Joins("LEFT JOIN clinics k ON k.id = m.clinic_id")
	switch q.Direction {
	case "":
	case MedComIn, MedComOut:
		db = db.Where("m.direction = ?", q.Direction)
	default:
		return nil, "", Invalid("direction", "The direction must be in or out.")
	}
	switch q.Status {
	case "":
	case MedComAccepted, MedComRejected, MedComDraft, MedComQueued, MedComSent, MedComDelivered, MedComFailed:
		db = db.Where("m.status = ?", q.Status)
	default:
		return nil, "", Invalid("status", "The status is not one of accepted, rejected, draft, queued, sent, delivered, failed.")
	}
	for _, f := range []struct{ col, val, name string }{{"m.citizen_id", q.CitizenID, "citizen_id"}, {"m.clinic_id", q.ClinicID, "clinic_id"}} {
		if f.val == "" {
			continue
		}
		if !ValidID(f.val) {
			return nil, "", Invalid(f.name, "The %s is not valid.", strings.ReplaceAll(f.name, "_", " "))
		}
		db = db.Where(f.col+" = ?", f.val)
	}
	if q.Overdue {
		db = db.Where("m.status = ? AND m.ack_overdue_at IS NOT NULL", MedComSent)
	}
	return keysetPage(db, medcomMessageCursors, "m.created_at", "m.id", true, q.Cursor, q.Limit, "medcom messages",
		func(r MedComMessageRow) (time.Time, string) { return r.CreatedAt, r.ID })
}

// MedComFollowUps are the received messages about a link worker's open citizens not yet marked
// handled: the GP's follow-ups, for the link worker's inbox.
func (s *Store) MedComFollowUps(ctx context.Context, staffID string, admin bool, limit int) ([]MedComMessageRow, error) {
	db := s.q(ctx).Table("medcom_messages AS m").Select("m.*, COALESCE(k.name, '') AS clinic_name").
		Joins("LEFT JOIN clinics k ON k.id = m.clinic_id").Joins("JOIN citizens c ON c.id = m.citizen_id").
		Where("m.direction = ? AND m.kind = ? AND m.status = ? AND m.medcom_referral_id IS NULL AND m.handled_at IS NULL", MedComIn, "care-communication-message", MedComAccepted)
	if !admin {
		db = db.Where("c.link_worker_id = ?", staffID)
	}
	var rows []MedComMessageRow
	if err := db.Order("m.created_at DESC, m.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("medcom follow-ups: %w", err)
	}
	return rows, nil
}

// MarkMedComHandled takes a follow-up out of the inbox.
func (s *Store) MarkMedComHandled(ctx context.Context, m *MedComMessage) error {
	now := s.Now()
	return s.q(ctx).Model(&MedComMessage{}).Where("id = ? AND handled_at IS NULL", m.ID).Updates(map[string]any{"handled_at": now, "updated_at": now}).Error
}

// medcomEvents puts the citizen's MedCom messages on the timeline.
func (s *Store) medcomEvents(ctx context.Context, citizenID string, limit int) ([]TimelineEvent, error) {
	var msgs []MedComMessage
	err := s.q(ctx).Where("citizen_id = ? AND kind = ?", citizenID, "care-communication-message").Order("created_at DESC, id DESC").Limit(limit).Find(&msgs).Error
	if err != nil {
		return nil, err
	}
	out := make([]TimelineEvent, 0, len(msgs))
	for _, m := range msgs {
		kind := "medcom_in"
		if m.Direction == MedComOut {
			kind = "medcom_out"
		}
		out = append(out, TimelineEvent{At: m.CreatedAt, Kind: kind, Summary: clip(m.Topic+": "+m.Body, 300), RefID: m.ID,
			Extra: map[string]any{"status": string(m.Status), "reply_kind": string(m.ReplyKind)}})
	}
	return out, nil
}

// ClinicInput is an admin's edit of a clinic.
type ClinicInput struct {
	Name          *string
	SOR           *string
	GLN           *string
	Practitioners *[]string
}

func (in ClinicInput) validate() error {
	if in.Name != nil && (strings.TrimSpace(*in.Name) == "" || len(*in.Name) > 200) {
		return Invalid("name", "The clinic's name must be between 1 and 200 characters.")
	}
	if in.SOR != nil && !digits(*in.SOR, 6, 20) {
		return Invalid("sor", "The SOR code must be 6 to 20 digits.")
	}
	if in.GLN != nil && *in.GLN != "" && !digits(*in.GLN, 13, 13) {
		return Invalid("gln", "The GLN (EAN location number) must be 13 digits.")
	}
	if in.Practitioners != nil {
		if len(*in.Practitioners) > 100 {
			return Invalid("practitioners", "At most 100 practitioners.")
		}
		for _, p := range *in.Practitioners {
			if strings.TrimSpace(p) == "" || len(p) > 200 {
				return Invalid("practitioners", "Each practitioner's name must be between 1 and 200 characters.")
			}
		}
	}
	return nil
}

func digits(s string, lo, hi int) bool {
	return len(s) >= lo && len(s) <= hi && strings.Trim(s, "0123456789") == ""
}

// Clinics lists the clinic register by name.
func (s *Store) Clinics(ctx context.Context) ([]Clinic, error) {
	var out []Clinic
	if err := s.q(ctx).Order("name, id").Limit(5000).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("clinics: %w", err)
	}
	return out, nil
}

// ClinicByID returns one clinic.
func (s *Store) ClinicByID(ctx context.Context, id string) (*Clinic, error) {
	if !ValidID(id) {
		return nil, NotFound("clinic")
	}
	var c Clinic
	err := s.q(ctx).Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("clinic")
	}
	if err != nil {
		return nil, fmt.Errorf("clinic: %w", err)
	}
	return &c, nil
}

// CreateClinic adds a clinic by hand (name and SOR required).
func (s *Store) CreateClinic(ctx context.Context, in ClinicInput) (*Clinic, error) {
	if in.Name == nil || in.SOR == nil {
		return nil, Invalid("sor", "A clinic needs a name and a SOR code.")
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	now := s.Now()
	c := &Clinic{ID: NewID(), Name: strings.TrimSpace(*in.Name), SOR: *in.SOR, Practitioners: "[]", CreatedAt: now, UpdatedAt: now}
	if in.GLN != nil {
		c.GLN = *in.GLN
	}
	if in.Practitioners != nil {
		c.Practitioners = mustJSON(*in.Practitioners)
	}
	if err := s.q(ctx).Create(c).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return nil, &Error{Code: ECONFLICT, Field: "sor", Message: "A clinic with this SOR code is already registered."}
		}
		return nil, fmt.Errorf("create clinic: %w", err)
	}
	return c, nil
}

// UpdateClinic changes the fields given.
func (s *Store) UpdateClinic(ctx context.Context, c *Clinic, in ClinicInput) error {
	if err := in.validate(); err != nil {
		return err
	}
	up := map[string]any{"updated_at": s.Now()}
	if in.Name != nil {
		c.Name = strings.TrimSpace(*in.Name)
		up["name"] = c.Name
	}
	if in.SOR != nil {
		c.SOR, up["sor"] = *in.SOR, *in.SOR
	}
	if in.GLN != nil {
		c.GLN, up["gln"] = *in.GLN, *in.GLN
	}
	if in.Practitioners != nil {
		c.Practitioners = mustJSON(*in.Practitioners)
		up["practitioners"] = c.Practitioners
	}
	if err := s.q(ctx).Model(&Clinic{}).Where("id = ?", c.ID).Updates(up).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return &Error{Code: ECONFLICT, Field: "sor", Message: "A clinic with this SOR code is already registered."}
		}
		return fmt.Errorf("update clinic: %w", err)
	}
	return nil
}

// PractitionerNames reads the clinic's GPs.
func (c *Clinic) PractitionerNames() []string {
	var names []string
	_ = json.Unmarshal([]byte(c.Practitioners), &names)
	if names == nil {
		names = []string{}
	}
	return names
}

// MedComDrafts lists the replies waiting for a link worker's look before they go: an admin sees
// all, a link worker those about their own citizens and about referrals not registered yet.
func (s *Store) MedComDrafts(ctx context.Context, staffID string, admin bool, limit int) ([]MedComMessageRow, error) {
	db := s.q(ctx).Table("medcom_messages AS m").Select("m.*, COALESCE(k.name, '') AS clinic_name").
		Joins("LEFT JOIN clinics k ON k.id = m.clinic_id").Joins("LEFT JOIN citizens c ON c.id = m.citizen_id").
		Where("m.direction = ? AND m.status = ?", MedComOut, MedComDraft)
	if !admin {
		db = db.Where("(m.citizen_id IS NULL OR c.link_worker_id = ?)", staffID)
	}
	var rows []MedComMessageRow
	if err := db.Order("m.created_at, m.id").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("medcom drafts: %w", err)
	}
	return rows, nil
}
