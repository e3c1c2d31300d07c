package models

import (
	"context"
	"strconv"
	"time"

	"gorm.io/gorm"
)

// NeedRank orders the caseload by who needs the link worker first; lower comes first.
type NeedRank int

// The need ranks. Red and amber are the caseload's traffic light (a paused or unreachable
// citizen is red; open flags, drifting, or contact not yet confirmed is amber), after the flags
// that rank above them.
const (
	NeedUrgentFlag  NeedRank = 0 // an unacknowledged urgent (emergency) flag
	NeedOverdueFlag NeedRank = 1 // an open flag past its due time (FlagDueCutoffs)
	NeedRed         NeedRank = 2
	NeedAmber       NeedRank = 3
	NeedNone        NeedRank = 4
)

// String names a rank for the API ("urgent_flag", "overdue_flag", "red", "amber", "none").
func (r NeedRank) String() string {
	switch r {
	case NeedUrgentFlag:
		return "urgent_flag"
	case NeedOverdueFlag:
		return "overdue_flag"
	case NeedRed:
		return "red"
	case NeedAmber:
		return "amber"
	}
	return "none"
}

// needRankSQL is the rank as an SQL expression over citizens c at now, for a link worker's
// caseload. It is computed per row, not kept in a column, because "overdue" changes with the
// clock and not with any write. It is one correlated aggregate over the citizen's open flags
// (one probe of idx_flags_citizen; most citizens have none) that also reads the citizen's own
// columns: written as separate EXISTS tests, PostgreSQL turned them into hashed subplans that
// read every open flag of the site for each page (a link worker's page went from 11 to 128 ms
// at 200,000 citizens). A caseload is a few hundred citizens (idx_citizens_worker_status), so
// ranking all of them for a page is a few hundred probes. The whole site is ranked by
// siteNeedScope instead.
func needRankSQL(now time.Time, w SendWindow) (string, []any) {
	high, other := FlagDueCutoffs(now, w)
	return `(SELECT CASE
		WHEN MAX(CASE WHEN f.severity >= ? THEN 1 ELSE 0 END) = 1 THEN 0
		WHEN MAX(CASE WHEN (f.severity >= ? AND f.created_at < ?) OR (f.severity < ? AND f.created_at < ?) THEN 1 ELSE 0 END) = 1 THEN 1
		WHEN c.paused_at IS NOT NULL OR c.status = ? THEN 2
		WHEN COUNT(*) > 0 OR c.status IN (?, ?, ?) THEN 3
		ELSE 4 END
		FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL)`, []any{int(SeverityUrgent), int(SeverityHigh), high,
			int(SeverityHigh), other, string(StatusUnreachable), string(StatusDrifting), string(StatusContacted), string(StatusAwaitingContact)}
}

// caseloadByNeed pages by (need rank, id): the rank is computed in an inner query and the keyset
// applies to the outer one, so the cursor is the last row's rank and id.
func (s *Store) caseloadByNeed(ctx context.Context, q CaseloadQuery, cur *keyset[string]) *gorm.DB {
	db := s.q(ctx).Table("(?) AS cl", s.caseloadScope(ctx, q, "'' AS sort_key"))
	if cur != nil {
		rank, _ := strconv.Atoi(cur.Key) // its codec checked it is one digit
		db = db.Where("(cl.need_rank > ? OR (cl.need_rank = ? AND cl.id > ?))", rank, rank, cur.ID)
	}
	return db.Order("cl.need_rank, cl.id").Limit(q.Limit + 1)
}

// siteNeedScope is the need sort over the whole site (an admin's unfiltered view). Probing the
// flags three times per citizen cost 2.0 s at 200,000 citizens on PostgreSQL; instead the open
// flags (a few percent of citizens have any) are grouped once per citizen and joined, and the
// rank is read from that: 0.6 s measured the same way. It still ranks every open citizen on each
// page, so it grows with the site; a link worker's own caseload does not use it.
func (s *Store) siteNeedScope(ctx context.Context, q CaseloadQuery, extra string) *gorm.DB {
	high, other := FlagDueCutoffs(s.Now(), q.Window)
	open := s.q(ctx).Table("flags AS f").Select(`f.citizen_id, COUNT(*) AS open_flags,
		SUM(CASE WHEN f.severity >= ? THEN 1 ELSE 0 END) AS urgent_flags,
		MAX(CASE WHEN (f.severity >= ? AND f.created_at < ?) OR (f.severity < ? AND f.created_at < ?) THEN 1 ELSE 0 END) AS overdue`,
		int(SeverityUrgent), int(SeverityHigh), high, int(SeverityHigh), other).
		Where("f.acked_at IS NULL AND f.citizen_id IS NOT NULL").Group("f.citizen_id")
	return s.q(ctx).Table("citizens AS c").Joins("LEFT JOIN (?) AS fa ON fa.citizen_id = c.id", open).
		Select(caseloadColumns+`, COALESCE(fa.open_flags, 0) AS open_flags, COALESCE(fa.urgent_flags, 0) AS urgent_flags,
		(CASE WHEN fa.urgent_flags > 0 THEN 0 WHEN fa.overdue > 0 THEN 1
			WHEN c.paused_at IS NOT NULL OR c.status = ? THEN 2
			WHEN c.status IN (?, ?, ?) OR fa.open_flags > 0 THEN 3
			ELSE 4 END) AS need_rank, `+extra, string(StatusUnreachable),
			string(StatusDrifting), string(StatusContacted), string(StatusAwaitingContact))
}
