package models

import (
	"brobygger/models/password"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// StaffListing is one row of the admin's staff list.
type StaffListing struct {
	Staff
	// CaseloadSize counts the citizens assigned to the person, whatever their status.
	CaseloadSize int
}

// ListStaff lists every staff account, active first, then by name.
func (s *Store) ListStaff(ctx context.Context) ([]StaffListing, error) {
	var out []StaffListing
	err := s.q(ctx).Model(&Staff{}).
		Select("staff.*, (SELECT COUNT(*) FROM citizens c WHERE c.link_worker_id = staff.id) AS caseload_size").
		Order("staff.active DESC, staff.name, staff.id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	return out, nil
}

// CitizenRef is a citizen named in a list for action (reassignment).
type CitizenRef struct {
	ID     string
	Name   string
	Status CitizenStatus
}

// CitizensOfWorker lists the citizens assigned to one staff member, by name: after a
// deactivation, the ones an admin must hand to someone else.
func (s *Store) CitizensOfWorker(ctx context.Context, staffID string) ([]CitizenRef, error) {
	var out []CitizenRef
	err := s.q(ctx).Model(&Citizen{}).Select("id, name, status").Where("link_worker_id = ?", staffID).
		Order("name, id").Scan(&out).Error
	if err != nil {
		return nil, fmt.Errorf("citizens of worker: %w", err)
	}
	return out, nil
}

// oneTimePasswordAlphabet leaves out letters and digits that are easy to misread (0/O, 1/l/I).
const oneTimePasswordAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// newOneTimePassword is 16 characters from a 55-letter alphabet (about 92 bits).
func newOneTimePassword() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("one-time password: %w", err)
	}
	for i := range b {
		// 256 is not a multiple of 55: re-draw the few bytes that would bias the choice.
		for b[i] >= 220 {
			var one [1]byte
			if _, err := rand.Read(one[:]); err != nil {
				return "", fmt.Errorf("one-time password: %w", err)
			}
			b[i] = one[0]
		}
		b[i] = oneTimePasswordAlphabet[int(b[i])%len(oneTimePasswordAlphabet)]
	}
	return string(b), nil
}

// InviteStaff creates a staff account with a one-time password, returned once: the new person
// must choose their own at the first sign-in. It is never stored in clear.
func (s *Store) InviteStaff(ctx context.Context, n NewStaff) (*Staff, string, error) {
	pw, err := newOneTimePassword()
	if err != nil {
		return nil, "", err
	}
	n.Password = pw
	var st *Staff
	err = s.InTx(ctx, func(tx *Store) error {
		var err error
		if st, err = tx.CreateStaff(ctx, n); err != nil {
			return err
		}
		return tx.q(ctx).Model(&Staff{}).Where("id = ?", st.ID).Update("must_change_password", true).Error
	})
	if err != nil {
		return nil, "", err
	}
	st.MustChangePassword = true
	return st, pw, nil
}

// staffChange is what a change that ends a staff member's sessions also writes; a nil field is
// left as it is.
type staffChange struct {
	Active             *bool
	PasswordHash       *string
	MustChangePassword *bool
	// LiftLockout sets failed_logins to 0 and clears locked_until.
	LiftLockout bool
}

// assignments are the change's columns for one UPDATE with the session version and updated_at.
func (c staffChange) assignments(now time.Time) map[string]any {
	cols := map[string]any{"session_version": gorm.Expr("session_version + 1"), "updated_at": now}
	if c.Active != nil {
		cols["active"] = *c.Active
	}
	if c.PasswordHash != nil {
		cols["password_hash"] = *c.PasswordHash
	}
	if c.MustChangePassword != nil {
		cols["must_change_password"] = *c.MustChangePassword
	}
	if c.LiftLockout {
		cols["failed_logins"], cols["locked_until"] = 0, nil
	}
	return cols
}

// endSessions raises the session version (every access token issued before stops working on
// its next request) and revokes every refresh token of the person (API logins and dashboard
// sessions alike), with change, in one transaction.
func (s *Store) endSessions(ctx context.Context, staffID string, change staffChange) (*Staff, error) {
	var st Staff
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Where("id = ?", staffID).Take(&st).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return NotFound("staff member")
		}
		if err != nil {
			return err
		}
		now := tx.Now()
		tx.sessionsChanged()
		if err := tx.q(ctx).Model(&Staff{}).Where("id = ?", staffID).Updates(change.assignments(now)).Error; err != nil {
			return err
		}
		err = tx.q(ctx).Model(&RefreshToken{}).Where("subject_id = ? AND revoked_at IS NULL", staffID).
			Update("revoked_at", now).Error
		if err != nil {
			return err
		}
		return tx.q(ctx).Where("id = ?", staffID).Take(&st).Error
	})
	if err != nil {
		if IsCode(err, ENOTFOUND) {
			return nil, err
		}
		return nil, fmt.Errorf("end sessions: %w", err)
	}
	return &st, nil
}

// DeactivateStaff closes an account and signs the person out everywhere at once. An admin cannot
// deactivate themselves (someone must be left to undo mistakes); deactivating twice is ECONFLICT.
func (s *Store) DeactivateStaff(ctx context.Context, staffID, byAdminID string) (*Staff, error) {
	if !ValidID(staffID) {
		return nil, NotFound("staff member")
	}
	if staffID == byAdminID {
		return nil, Errorf(ECONFLICT, "You cannot deactivate your own account.")
	}
	st, err := s.StaffMember(ctx, staffID)
	if err != nil {
		return nil, err
	}
	if !st.Active {
		return nil, Errorf(ECONFLICT, "%s is already deactivated.", st.Name)
	}
	inactive := false
	return s.endSessions(ctx, staffID, staffChange{Active: &inactive})
}

// ResetStaffPassword gives an active account a new one-time password (returned once), ends every
// session of it, and lifts a lockout: the person signs in with it and must choose their own.
func (s *Store) ResetStaffPassword(ctx context.Context, staffID string) (*Staff, string, error) {
	if _, err := s.StaffByID(ctx, staffID); err != nil {
		return nil, "", err
	}
	pw, err := newOneTimePassword()
	if err != nil {
		return nil, "", err
	}
	hash, err := password.Hash(pw)
	if err != nil {
		return nil, "", err
	}
	mustChange := true
	st, err := s.endSessions(ctx, staffID, staffChange{PasswordHash: &hash, MustChangePassword: &mustChange, LiftLockout: true})
	if err != nil {
		return nil, "", err
	}
	return st, pw, nil
}

// ChangeStaffPassword sets a staff member's own new password after checking the current one, and
// ends every session of the account; the caller issues the one new login. The new password must
// differ from the current one (a one-time password cannot simply be kept).
func (s *Store) ChangeStaffPassword(ctx context.Context, staffID, current, next string) (*Staff, error) {
	st, err := s.StaffByID(ctx, staffID)
	if err != nil {
		return nil, err
	}
	ok, err := password.Check(st.PasswordHash, current)
	if err != nil || !ok {
		return nil, Invalid("current_password", "The current password is wrong.")
	}
	if len([]rune(next)) < password.MinLength {
		return nil, Invalid("new_password", "The new password must be at least %d characters.", password.MinLength)
	}
	if next == current {
		return nil, Invalid("new_password", "The new password must differ from the current one.")
	}
	hash, err := password.Hash(next)
	if err != nil {
		return nil, err
	}
	mustChange := false
	return s.endSessions(ctx, staffID, staffChange{PasswordHash: &hash, MustChangePassword: &mustChange})
}

// StaffSession is what the auth middleware checks on every staff request: one primary-key read.
type StaffSession struct {
	Active             bool
	SessionVersion     int
	MustChangePassword bool
}

// StaffSessionOf reads a staff member's session state; an unknown id is ENOTFOUND.
func (s *Store) StaffSessionOf(ctx context.Context, staffID string) (StaffSession, error) {
	var out []StaffSession
	err := s.q(ctx).Model(&Staff{}).Select("active, session_version, must_change_password").
		Where("id = ?", staffID).Limit(1).Scan(&out).Error
	if err != nil {
		return StaffSession{}, fmt.Errorf("staff session: %w", err)
	}
	if len(out) == 0 {
		return StaffSession{}, NotFound("staff member")
	}
	return out[0], nil
}

// ReassignAll moves citizens of one link worker to others in one transaction: to[citizenID]
// names the new worker per citizen, and every citizen not named goes to all (when all is not
// ""). Nothing moves when any target is invalid. It returns the ids of the citizens moved.
func (s *Store) ReassignAll(ctx context.Context, fromStaffID, all string, to map[string]string) ([]string, error) {
	var moved []string
	err := s.InTx(ctx, func(tx *Store) error {
		citizens, err := tx.CitizensOfWorker(ctx, fromStaffID)
		if err != nil {
			return err
		}
		for _, c := range citizens {
			target := to[c.ID]
			if target == "" {
				target = all
			}
			if target == "" || target == fromStaffID {
				continue
			}
			if err := tx.Reassign(ctx, c.ID, target); err != nil {
				return err
			}
			moved = append(moved, c.ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return moved, nil
}

// CitizenNames maps citizen ids to names, for lists that hold ids (the audit log); ids that are
// not citizens are left out.
func (s *Store) CitizenNames(ctx context.Context, ids []string) (map[string]string, error) {
	valid := make([]string, 0, len(ids))
	for _, id := range ids {
		if ValidID(id) {
			valid = append(valid, id)
		}
	}
	out := map[string]string{}
	if len(valid) == 0 {
		return out, nil
	}
	var rows []struct{ ID, Name string }
	if err := s.q(ctx).Model(&Citizen{}).Select("id, name").Where("id IN ?", valid).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("citizen names: %w", err)
	}
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
