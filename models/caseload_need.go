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

// needRankSQL is the rank as an SQL expression over citizens c at now. It is computed per row,
// not kept in a column, because "overdue" changes with the clock and not with any write: each
// EXISTS is one probe of idx_flags_citizen, and most citizens have no flag. A link worker's
// caseload is a few hundred citizens (found by idx_citizens_worker_status), so ranking all of
// them for a page is a few hundred probes. An admin's unfiltered need sort ranks every open
// citizen of the site on each page, which grows with the site (not measured at 100,000s yet);
// the indexed sorts stay a click away for that view.
func needRankSQL(now time.Time, w SendWindow) (string, []any) {
	high, other := FlagDueCutoffs(now, w)
	return `(CASE
		WHEN EXISTS (SELECT 1 FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL AND f.severity >= ?) THEN 0
		WHEN EXISTS (SELECT 1 FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL
			AND ((f.severity >= ? AND f.created_at < ?) OR (f.severity < ? AND f.created_at < ?))) THEN 1
		WHEN c.paused_at IS NOT NULL OR c.status = ? THEN 2
		WHEN c.status IN (?, ?, ?) OR EXISTS (SELECT 1 FROM flags f WHERE f.citizen_id = c.id AND f.acked_at IS NULL) THEN 3
		ELSE 4 END)`, []any{int(SeverityUrgent), int(SeverityHigh), high, int(SeverityHigh), other, string(StatusUnreachable),
			string(StatusDrifting), string(StatusContacted), string(StatusAwaitingContact)}
}

// caseloadByNeed pages by (need rank, id): the rank is computed in an inner query and the keyset
// applies to the outer one, so the cursor is the last row's rank and id.
func (s *Store) caseloadByNeed(ctx context.Context, q CaseloadQuery, cur *caseloadCursor) *gorm.DB {
	db := s.q(ctx).Table("(?) AS cl", s.caseloadScope(ctx, q, "'' AS sort_key"))
	if cur != nil {
		rank, _ := strconv.Atoi(cur.Key) // decodeCursor checked it is one digit
		db = db.Where("(cl.need_rank > ? OR (cl.need_rank = ? AND cl.id > ?))", rank, rank, cur.ID)
	}
	return db.Order("cl.need_rank, cl.id").Limit(q.Limit + 1)
}
