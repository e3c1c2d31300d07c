package models

import (
	"context"
	"fmt"
	"time"
)

// EngagementMetrics are the numbers a link worker reads on a citizen's page.
type EngagementMetrics struct {
	// ReplyRate is the share of finished check-ins and follow-ups the citizen answered (nil: none yet).
	ReplyRate *float64
	// AttendanceRate is the share of activity follow-ups answered "yes" (nil: none yet).
	AttendanceRate *float64
	LatestWHO5     *ScorePoint
	PreviousWHO5   *ScorePoint
	LatestUCLA3    *ScorePoint
	PreviousUCLA3  *ScorePoint
	OpenFlags      int
}

// ScorePoint is one score in time.
type ScorePoint struct {
	Score float64
	At    time.Time
}

// Metrics computes a citizen's engagement numbers from their events.
func (s *Store) Metrics(ctx context.Context, citizenID string) (EngagementMetrics, error) {
	var m EngagementMetrics
	var finished, answered int64
	db := s.q(ctx)
	if err := db.Model(&Checkin{}).Where("citizen_id = ? AND status IN ?", citizenID, []CheckinStatus{CheckinCompleted, CheckinIncomplete}).Count(&finished).Error; err != nil {
		return m, fmt.Errorf("metrics: %w", err)
	}
	if err := db.Model(&Checkin{}).Where("citizen_id = ? AND status IN ? AND EXISTS (SELECT 1 FROM answers a WHERE a.checkin_id = checkins.id AND a.value IS NOT NULL)",
		citizenID, []CheckinStatus{CheckinCompleted, CheckinIncomplete}).Count(&answered).Error; err != nil {
		return m, fmt.Errorf("metrics: %w", err)
	}
	var att []string
	if err := db.Model(&Attendance{}).Where("citizen_id = ?", citizenID).Pluck("answer", &att).Error; err != nil {
		return m, fmt.Errorf("metrics: %w", err)
	}
	yes, replied := 0, 0
	for _, a := range att {
		if a == AttendedYes {
			yes++
		}
		if a != AttendedNoReply {
			replied++
		}
	}
	m.ReplyRate = ratio(int(answered)+replied, int(finished)+len(att))
	m.AttendanceRate = ratio(yes, len(att))
	var err error
	if m.LatestWHO5, m.PreviousWHO5, err = s.lastTwoScores(ctx, citizenID, "who5"); err != nil {
		return m, err
	}
	if m.LatestUCLA3, m.PreviousUCLA3, err = s.lastTwoScores(ctx, citizenID, "ucla3"); err != nil {
		return m, err
	}
	var open int64
	if err := db.Model(&Flag{}).Where("citizen_id = ? AND acked_at IS NULL", citizenID).Count(&open).Error; err != nil {
		return m, fmt.Errorf("metrics: %w", err)
	}
	m.OpenFlags = int(open)
	return m, nil
}

func (s *Store) lastTwoScores(ctx context.Context, citizenID, instrument string) (*ScorePoint, *ScorePoint, error) {
	var rows []Checkin
	err := s.q(ctx).Where("citizen_id = ? AND instrument = ? AND score IS NOT NULL AND completed_at IS NOT NULL", citizenID, instrument).
		Order("completed_at DESC").Limit(2).Find(&rows).Error
	if err != nil {
		return nil, nil, fmt.Errorf("last scores: %w", err)
	}
	pts := make([]*ScorePoint, 2)
	for i, r := range rows {
		pts[i] = &ScorePoint{Score: *r.Score, At: *r.CompletedAt}
	}
	return pts[0], pts[1], nil
}

func ratio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	r := float64(n) / float64(d)
	return &r
}
