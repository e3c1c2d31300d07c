package models

import (
	"context"
	"fmt"
)

// ReferralListQuery selects referrals for the link worker's list.
type ReferralListQuery struct {
	StaffID string
	// Admin sees every site's referrals; a link worker only those of their own citizens.
	Admin    bool
	Statuses []ReferralStatus
	Limit    int
}

// ReferralListItem is a referral with the citizen it is about.
type ReferralListItem struct {
	Referral
	CitizenName   string
	CitizenPhone  string
	CitizenStatus CitizenStatus
	LinkWorkerID  string
}

// Referrals lists referrals newest first, scoped in the query like the caseload: another
// worker's referral is simply not there.
func (s *Store) Referrals(ctx context.Context, q ReferralListQuery) ([]ReferralListItem, error) {
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	db := s.q(ctx).Table("referrals AS r").Joins("JOIN citizens c ON c.id = r.citizen_id").
		Select("r.*, c.name AS citizen_name, c.phone AS citizen_phone, c.status AS citizen_status, c.link_worker_id")
	if !q.Admin {
		db = db.Where("c.link_worker_id = ?", q.StaffID)
	}
	if len(q.Statuses) > 0 {
		db = db.Where("r.status IN ?", q.Statuses)
	}
	var out []ReferralListItem
	if err := db.Order("r.created_at DESC, r.id DESC").Limit(q.Limit).Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("referrals: %w", err)
	}
	return out, nil
}

// ReferralWorker is a link worker a referral can go to.
type ReferralWorker struct {
	ID, Name string
}

// ReferralWorkers lists the active link workers by name, for an admin's referral form.
func (s *Store) ReferralWorkers(ctx context.Context) ([]ReferralWorker, error) {
	var out []ReferralWorker
	err := s.q(ctx).Model(&Staff{}).Select("id, name").Where("role = ? AND active = ?", RoleLinkWorker, true).
		Order("name, id").Limit(500).Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("referral workers: %w", err)
	}
	return out, nil
}
