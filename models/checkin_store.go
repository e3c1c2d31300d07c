package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// CreateCheckin stores a new check-in. With a PlanKey it is idempotent: a second call with the
// same key creates nothing and returns (nil, false, nil).
func (s *Store) CreateCheckin(ctx context.Context, c *Checkin) (bool, error) {
	if c.ID == "" {
		c.ID = NewID()
	}
	c.CreatedAt = s.Now()
	res := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(c)
	if res.Error != nil {
		return false, fmt.Errorf("create check-in: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// CheckinByID returns a check-in.
func (s *Store) CheckinByID(ctx context.Context, id string) (*Checkin, error) {
	var c Checkin
	err := s.q(ctx).Where("id = ?", id).Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("check-in")
	}
	if err != nil {
		return nil, fmt.Errorf("check-in by id: %w", err)
	}
	return &c, nil
}

// OpenCheckin marks a check-in as sent and waiting for answers.
func (s *Store) OpenCheckin(ctx context.Context, id, channel string) error {
	now := s.Now()
	err := s.q(ctx).Model(&Checkin{}).Where("id = ? AND status = ?", id, CheckinPending).
		Updates(map[string]any{"status": CheckinOpen, "opened_at": now, "channel": channel}).Error
	if err != nil {
		return fmt.Errorf("open check-in: %w", err)
	}
	return nil
}

// FirstCheckinSMSKey is the outbox DedupeKey of the SMS that opens a check-in over SMS.
func FirstCheckinSMSKey(checkinID string) string { return "checkin:" + checkinID + ":1" }

// SuppressCheckinSMS cancels the check-in's opening SMS if it is still waiting to go out (it was
// queued for the morning): the check-in was answered in the app, so SMS must not ask again.
func (s *Store) SuppressCheckinSMS(ctx context.Context, checkinID string) error {
	err := s.q(ctx).Model(&OutboxItem{}).
		Where("dedupe_key = ? AND status = ?", FirstCheckinSMSKey(checkinID), OutboxPending).
		Updates(map[string]any{"status": OutboxSuppressed, "last_error": "answered in the app"}).Error
	if err != nil {
		return fmt.Errorf("suppress check-in sms: %w", err)
	}
	return nil
}

// SaveAnswer stores one item's answer (value nil: skipped). Answering an item twice is ECONFLICT.
func (s *Store) SaveAnswer(ctx context.Context, a *Answer) error {
	a.ID = NewID()
	a.AnsweredAt = s.Now()
	if err := s.q(ctx).Create(a).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return Errorf(ECONFLICT, "Item %d of this check-in is already answered.", a.Item)
		}
		return fmt.Errorf("save answer: %w", err)
	}
	return nil
}

// CheckinAnswers returns the answered values by item number (skipped items are absent).
func (s *Store) CheckinAnswers(ctx context.Context, checkinID string) (map[int]int, error) {
	var rows []Answer
	if err := s.q(ctx).Where("checkin_id = ?", checkinID).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("check-in answers: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, a := range rows {
		if a.Value != nil {
			out[a.Item] = *a.Value
		}
	}
	return out, nil
}

// CheckinResult is a finished check-in's score.
type CheckinResult struct {
	Complete bool
	Raw      *int
	Score    *float64
	Band     string
}

// FinishCheckin stores the score and settles the check-in as completed or incomplete.
func (s *Store) FinishCheckin(ctx context.Context, id string, r CheckinResult) error {
	status := CheckinCompleted
	if !r.Complete {
		status = CheckinIncomplete
	}
	err := s.q(ctx).Model(&Checkin{}).Where("id = ?", id).Updates(map[string]any{
		"status": status, "completed_at": s.Now(), "raw": r.Raw, "score": r.Score, "band": r.Band}).Error
	if err != nil {
		return fmt.Errorf("finish check-in: %w", err)
	}
	return nil
}

// PreviousScore returns the citizen's latest scored check-in of an instrument before a given one.
func (s *Store) PreviousScore(ctx context.Context, citizenID, instrument, exceptID string) (*float64, error) {
	var c Checkin
	err := s.q(ctx).Where("citizen_id = ? AND instrument = ? AND id <> ? AND score IS NOT NULL", citizenID, instrument, exceptID).
		Order("completed_at DESC").Take(&c).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("previous score: %w", err)
	}
	return c.Score, nil
}

// StartConversation opens a conversation; if the citizen already has an open one it is ECONFLICT
// (the unique partial index decides, also under races), so conversations never interleave.
func (s *Store) StartConversation(ctx context.Context, c *Conversation) error {
	c.ID = NewID()
	c.State = ConvOpen
	c.OpenedAt = s.Now()
	err := s.q(ctx).Create(c).Error
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return Errorf(ECONFLICT, "The citizen already has an open conversation.")
	}
	if err != nil {
		return fmt.Errorf("start conversation: %w", err)
	}
	return nil
}

// UpdateConversation saves a conversation's step, re-prompt count and expiry.
func (s *Store) UpdateConversation(ctx context.Context, c *Conversation) error {
	err := s.q(ctx).Model(&Conversation{}).Where("id = ?", c.ID).
		Updates(map[string]any{"step": c.Step, "reprompts": c.Reprompts, "expires_at": c.ExpiresAt}).Error
	if err != nil {
		return fmt.Errorf("update conversation: %w", err)
	}
	return nil
}

// ExpiredConversations lists open conversations whose window has passed.
func (s *Store) ExpiredConversations(ctx context.Context, now time.Time, limit int) ([]Conversation, error) {
	var convs []Conversation
	err := s.q(ctx).Where("state = ? AND expires_at <= ?", ConvOpen, now).Order("expires_at").Limit(limit).Find(&convs).Error
	if err != nil {
		return nil, fmt.Errorf("expired conversations: %w", err)
	}
	return convs, nil
}

// RecordAttendance stores the answer to "did you go?" for one occurrence (last answer wins).
func (s *Store) RecordAttendance(ctx context.Context, prescriptionID, citizenID string, on time.Time, answer string) error {
	now := s.Now()
	a := Attendance{ID: NewID(), PrescriptionID: prescriptionID, CitizenID: citizenID, OccurrenceOn: on, Answer: answer,
		AnsweredAt: &now, CreatedAt: now}
	err := s.q(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "prescription_id"}, {Name: "occurrence_on"}},
		DoUpdates: clause.AssignmentColumns([]string{"answer", "answered_at"}),
	}).Create(&a).Error
	if err != nil {
		return fmt.Errorf("record attendance: %w", err)
	}
	return nil
}

// RecordAttendanceIfMissing stores an attendance answer only when none exists (expiry must not
// overwrite a real answer).
func (s *Store) RecordAttendanceIfMissing(ctx context.Context, prescriptionID, citizenID string, on time.Time, answer string) error {
	now := s.Now()
	a := Attendance{ID: NewID(), PrescriptionID: prescriptionID, CitizenID: citizenID, OccurrenceOn: on, Answer: answer, CreatedAt: now}
	if err := s.q(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&a).Error; err != nil {
		return fmt.Errorf("record attendance: %w", err)
	}
	return nil
}
