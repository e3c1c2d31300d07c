package models

import (
	"context"
	"fmt"
)

// SamplePhones returns up to n open citizens' phone numbers (benchmarks and load tests).
func (s *Store) SamplePhones(ctx context.Context, n int) ([]string, error) {
	var out []string
	if err := s.q(ctx).Model(&Citizen{}).Where("closed_at IS NULL").Order("id").Limit(n).Pluck("phone", &out).Error; err != nil {
		return nil, fmt.Errorf("sample phones: %w", err)
	}
	return out, nil
}

// LinkWorkerIDs returns up to n active link workers' ids.
func (s *Store) LinkWorkerIDs(ctx context.Context, n int) ([]string, error) {
	var out []string
	err := s.q(ctx).Model(&Staff{}).Where("role = ? AND active = ?", RoleLinkWorker, true).Order("id").Limit(n).Pluck("id", &out).Error
	if err != nil {
		return nil, fmt.Errorf("link worker ids: %w", err)
	}
	return out, nil
}

// CountCitizens counts every citizen row (the benchmark refuses a database that is not empty).
func (s *Store) CountCitizens(ctx context.Context) (int64, error) {
	var n int64
	if err := s.q(ctx).Model(&Citizen{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count citizens: %w", err)
	}
	return n, nil
}
