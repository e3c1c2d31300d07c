package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

// maxCaseNote keeps a note to a page or so.
const maxCaseNote = 4000

// NewCaseNote is what a link worker writes: the text, optionally the day of the meeting or call
// (a civil date, not after today) and the earlier note it corrects.
type NewCaseNote struct {
	CitizenID, AuthorID string
	Body                string
	OccurredOn          *time.Time
	CorrectsID          string
}

// CaseNoteRow is a note with its author's name, for lists.
type CaseNoteRow struct {
	CaseNote
	AuthorName string
}

// AddCaseNote stores a new note. today is the local civil date (a meeting cannot be in the
// future). A corrected note must be the same citizen's. Notes are never updated or deleted here.
func (s *Store) AddCaseNote(ctx context.Context, n NewCaseNote, today time.Time) (*CaseNoteRow, error) {
	body := strings.TrimSpace(n.Body)
	if body == "" {
		return nil, Invalid("body", "Write the note.")
	}
	if utf8.RuneCountInString(body) > maxCaseNote {
		return nil, Invalid("body", "A note can be at most %d characters.", maxCaseNote)
	}
	note := CaseNote{ID: NewID(), CitizenID: n.CitizenID, AuthorID: n.AuthorID, Body: body, CreatedAt: s.Now()}
	if n.OccurredOn != nil {
		d := CivilDate(*n.OccurredOn)
		if d.After(CivilDate(today)) {
			return nil, Invalid("occurred_on", "The date of the meeting or call cannot be in the future.")
		}
		note.OccurredOn = &d
	}
	if n.CorrectsID != "" {
		if err := s.checkCorrectable(ctx, n.CitizenID, n.CorrectsID); err != nil {
			return nil, err
		}
		note.CorrectsID = &n.CorrectsID
	}
	if err := s.q(ctx).Create(&note).Error; err != nil {
		return nil, fmt.Errorf("add case note: %w", err)
	}
	var row CaseNoteRow
	if err := s.caseNoteRows(ctx, n.CitizenID).Where("n.id = ?", note.ID).Scan(&row).Error; err != nil {
		return nil, fmt.Errorf("add case note: %w", err)
	}
	return &row, nil
}

func (s *Store) checkCorrectable(ctx context.Context, citizenID, noteID string) error {
	if !ValidID(noteID) {
		return Invalid("corrects_id", "The note to correct was not found.")
	}
	var n CaseNote
	err := s.q(ctx).Where("id = ? AND citizen_id = ?", noteID, citizenID).Take(&n).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Invalid("corrects_id", "The note to correct was not found.")
	}
	if err != nil {
		return fmt.Errorf("case note to correct: %w", err)
	}
	return nil
}

// CaseNotes lists a citizen's notes, newest first, at most limit.
func (s *Store) CaseNotes(ctx context.Context, citizenID string, limit int) ([]CaseNoteRow, error) {
	var rows []CaseNoteRow
	if err := s.caseNoteRows(ctx, citizenID).Order("n.created_at DESC, n.id DESC").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("case notes: %w", err)
	}
	return rows, nil
}

func (s *Store) caseNoteRows(ctx context.Context, citizenID string) *gorm.DB {
	return s.q(ctx).Table("case_notes AS n").Select("n.*, COALESCE(st.name, '') AS author_name").
		Joins("LEFT JOIN staff st ON st.id = n.author_id").Where("n.citizen_id = ?", citizenID)
}
