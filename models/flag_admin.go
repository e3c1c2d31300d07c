package models

import (
	"context"
	"strconv"
)

// adminOnlyFlagKinds are flags about no citizen that only admins see: a link worker's queue
// and GET of a flag leave them out (another person's account under attack is not theirs to act
// on).
var adminOnlyFlagKinds = []FlagKind{FlagSigninCeiling}

// RaiseSigninCeiling puts a signin_ceiling flag in the admins' review queue for the staff
// member staffID, at most once per ceiling window (windowKey names the window, so replicas
// reaching the ceiling together raise one flag). It reports whether a flag was raised.
func (s *Store) RaiseSigninCeiling(ctx context.Context, staffID, staffName string, attempts int, windowKey string) (bool, error) {
	return s.RaiseFlag(ctx, NewFlag{Kind: FlagSigninCeiling, Severity: SeverityHigh, RefID: &staffID,
		Code: string(FlagSigninCeiling), Facts: FlagFacts{"staff": staffName, "attempts": strconv.Itoa(attempts)},
		DedupeKey: "signin_ceiling:" + staffID + ":" + windowKey})
}
