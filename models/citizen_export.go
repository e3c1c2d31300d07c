package models

import (
	"context"
	"fmt"
)

// CitizenExport is everything stored about a citizen, for their right of access.
type CitizenExport struct {
	Citizen       Citizen
	Referrals     []Referral
	Prescriptions []Prescription
	Attendance    []Attendance
	Messages      []Message
	Checkins      []Checkin
	Answers       []Answer
	Flags         []Flag
	Devices       []Device
	// CaseNotes and Pauses are the link worker's record about the citizen: personal data concerning
	// them, so part of their right of access (GDPR Art. 15).
	CaseNotes []CaseNote
	Pauses    []PauseEvent
}

// ExportCitizen gathers a citizen's data. It reads in one transaction so the parts agree.
func (s *Store) ExportCitizen(ctx context.Context, citizenID string) (*CitizenExport, error) {
	out := &CitizenExport{}
	err := s.InTx(ctx, func(tx *Store) error {
		db := tx.q(ctx)
		if err := db.Where("id = ?", citizenID).Take(&out.Citizen).Error; err != nil {
			return err
		}
		for _, part := range []struct {
			dest  any
			table string
		}{{&out.Referrals, "referrals"}, {&out.Prescriptions, "prescriptions"}, {&out.Attendance, "attendances"},
			{&out.Messages, "messages"}, {&out.Checkins, "checkins"}, {&out.Flags, "flags"}, {&out.Devices, "devices"},
			{&out.CaseNotes, "case_notes"}, {&out.Pauses, "pause_events"}} {
			if err := db.Table(part.table).Where("citizen_id = ?", citizenID).Order("id").Find(part.dest).Error; err != nil {
				return err
			}
		}
		return db.Where("checkin_id IN (SELECT id FROM checkins WHERE citizen_id = ?)", citizenID).Order("checkin_id, item").Find(&out.Answers).Error
	})
	if err != nil {
		return nil, fmt.Errorf("export citizen: %w", err)
	}
	return out, nil
}
