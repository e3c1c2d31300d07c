package models

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"
)

// maxCaseloadSearch bounds a search text (a name or a phone number is far shorter).
const maxCaseloadSearch = 100

// validCaseloadSearch refuses a search no name or number could match.
func validCaseloadSearch(q string) error {
	if utf8.RuneCountInString(q) > maxCaseloadSearch {
		return Invalid("q", "The search is longer than %d characters.", maxCaseloadSearch)
	}
	return nil
}

// whereCaseloadSearch keeps the citizens whose name contains search in any case, or, when
// search is written as a phone number, whose number contains its digits. Names are matched case
// blind letter by letter (sqldialect's ContainsCaseBlind: GLOB on SQLite, a regular expression on
// PostgreSQL), because neither database's LOWER/LIKE folds Æ, Ø and Å in every locale. It scans the scope
// (a worker's few hundred citizens; for an admin, the site) rather than using an index.
func (s *Store) whereCaseloadSearch(db *gorm.DB, search string) *gorm.DB {
	search = strings.TrimSpace(search)
	if search == "" {
		return db
	}
	if digits, ok := phoneDigits(search); ok {
		return db.Where("c.phone LIKE ?", "%"+digits+"%")
	}
	cond, arg := s.sql.ContainsCaseBlind("c.name", search)
	return db.Where(cond, arg)
}

// phoneDigits reads a search written as a phone number ("+45 12 34 56 78", "0045 1234 5678",
// "12-34-56-78") as the digits a stored E.164 number contains; three digits at least.
func phoneDigits(s string) (string, bool) {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '(', r == ')', r == '/':
		default:
			return "", false
		}
	}
	digits := strings.TrimPrefix(b.String(), "00")
	return digits, len(digits) >= 3
}

// CaseloadCounts counts the open citizens of a caseload by status: the whole caseload (a link
// worker's, or with workerID empty the site's), not a page or a search, for the figures above
// the list. It is one GROUP BY over idx_citizens_worker_status.
func (s *Store) CaseloadCounts(ctx context.Context, workerID string) (map[CitizenStatus]int, error) {
	db := s.q(ctx).Table("citizens").Select("status, COUNT(*) AS n").Where("closed_at IS NULL")
	if workerID != "" {
		db = db.Where("link_worker_id = ?", workerID)
	}
	var rows []struct {
		Status CitizenStatus
		N      int
	}
	if err := db.Group("status").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("caseload counts: %w", err)
	}
	out := make(map[CitizenStatus]int, len(rows))
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out, nil
}
