package models

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"gorm.io/gorm"
)

// NewStaff is what it takes to create a staff account.
type NewStaff struct {
	Email    string
	Name     string
	Role     StaffRole
	Password string
	Phone    string
}

// Validate checks a new staff account and normalises its email.
func (n *NewStaff) Validate() error {
	n.Email = strings.ToLower(strings.TrimSpace(n.Email))
	n.Name = strings.TrimSpace(n.Name)
	addr, err := mail.ParseAddress(n.Email)
	if err != nil || addr.Address != n.Email || !strings.Contains(n.Email[strings.LastIndex(n.Email, "@"):], ".") {
		return Invalid("email", "The email address %q is not valid.", n.Email)
	}
	if n.Name == "" || len(n.Name) > 200 {
		return Invalid("name", "The name must be between 1 and 200 characters.")
	}
	if !n.Role.Valid() {
		return Invalid("role", "The role must be link_worker or admin.")
	}
	if len([]rune(n.Password)) < MinPasswordLength {
		return Invalid("password", "The password must be at least %d characters.", MinPasswordLength)
	}
	if n.Phone != "" {
		phone, err := NormalizePhone(n.Phone)
		if err != nil {
			return err
		}
		n.Phone = phone
	}
	return nil
}

// CreateStaff validates and stores a new staff account; a taken email is ECONFLICT.
func (s *Store) CreateStaff(ctx context.Context, n NewStaff) (*Staff, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	st := &Staff{ID: NewID(), Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: hash,
		Phone: n.Phone, Active: true, CreatedAt: now, UpdatedAt: now}
	if err := s.q(ctx).Create(st).Error; err != nil {
		if errors.Is(err, gorm.ErrDuplicatedKey) {
			return nil, Errorf(ECONFLICT, "A staff account with the email %s already exists.", n.Email)
		}
		return nil, fmt.Errorf("create staff: %w", err)
	}
	return st, nil
}

// StaffByID returns an active staff member.
func (s *Store) StaffByID(ctx context.Context, id string) (*Staff, error) {
	if !ValidID(id) {
		return nil, NotFound("staff member")
	}
	var st Staff
	err := s.q(ctx).Where("id = ? AND active = ?", id, true).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("staff member")
	}
	if err != nil {
		return nil, fmt.Errorf("staff by id: %w", err)
	}
	return &st, nil
}

// StaffMember returns a staff member whether or not they are still active: a citizen whose link
// worker left is still answered (in the worker's name) until an admin reassigns them.
func (s *Store) StaffMember(ctx context.Context, id string) (*Staff, error) {
	var st Staff
	err := s.q(ctx).Where("id = ?", id).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, NotFound("staff member")
	}
	if err != nil {
		return nil, fmt.Errorf("staff member: %w", err)
	}
	return &st, nil
}

// Lockout policy for staff logins: after this many failures in a row the account is locked
// for lockoutDuration, which turns online password guessing into a slow crawl.
const (
	maxFailedLogins = 5
	lockoutDuration = 15 * time.Minute
)

// AuthenticateStaff checks an email and password. Every failure is the same EUNAUTHORIZED so the
// answer never reveals whether an email exists; a locked account is ERATELIMIT.
func (s *Store) AuthenticateStaff(ctx context.Context, email, password string) (*Staff, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	denied := Errorf(EUNAUTHORIZED, "The email or password is wrong.")
	var st Staff
	err := s.q(ctx).Where("email = ? AND active = ?", email, true).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// Spend the same time as a real check so response time does not reveal unknown emails.
		_, _ = CheckPassword(dummyHash, password)
		return nil, denied
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate staff: %w", err)
	}
	now := s.Now()
	if st.LockedUntil != nil && st.LockedUntil.After(now) {
		return nil, Errorf(ERATELIMIT, "Too many failed logins. Try again in a few minutes.")
	}
	if st.LockedUntil != nil {
		// The lock is over: the count starts again (once, however many attempts saw it end).
		err := s.q(ctx).Model(&Staff{}).Where("id = ? AND locked_until = ?", st.ID, *st.LockedUntil).
			Updates(map[string]any{"failed_logins": 0, "locked_until": nil}).Error
		if err != nil {
			return nil, fmt.Errorf("authenticate staff: %w", err)
		}
	}
	// The attempt is counted in one atomic statement before the slow hash: guesses sent in
	// parallel each get their own number, and those past the limit are refused unchecked.
	attempt, err := s.countLoginAttempt(ctx, st.ID, now)
	if err != nil {
		return nil, err
	}
	if attempt > maxFailedLogins {
		// More guesses were in flight than the limit allows; the one that reached it locks.
		return nil, Errorf(ERATELIMIT, "Too many failed logins. Try again in a few minutes.")
	}
	ok, err := CheckPassword(st.PasswordHash, password)
	if err != nil {
		// Nobody can sign in with this hash, so this is no guess to count; it is the operator's
		// to repair (reset the password), so the caller logs it. The dummy check keeps the
		// answer as slow as a real one.
		_ = s.q(ctx).Model(&Staff{}).Where("id = ? AND failed_logins > 0", st.ID).
			Update("failed_logins", gorm.Expr("failed_logins - 1")).Error
		_, _ = CheckPassword(dummyHash, password)
		return nil, &CorruptHashError{StaffID: st.ID, Cause: err, denied: denied}
	}
	if !ok {
		if attempt == maxFailedLogins {
			if err := s.lockStaff(ctx, st.ID, now); err != nil {
				return nil, err
			}
		}
		return nil, denied
	}
	err = s.q(ctx).Model(&Staff{}).Where("id = ?", st.ID).
		Updates(map[string]any{"failed_logins": 0, "locked_until": nil, "last_login_at": now, "updated_at": now}).Error
	if err != nil {
		return nil, fmt.Errorf("authenticate staff: %w", err)
	}
	st.LastLoginAt = &now
	return &st, nil
}

// countLoginAttempt adds one to the account's attempts and returns the new count. The update
// takes the row lock, so parallel attempts are numbered one after another.
func (s *Store) countLoginAttempt(ctx context.Context, staffID string, now time.Time) (int, error) {
	var counted []int
	err := s.InTx(ctx, func(tx *Store) error {
		err := tx.q(ctx).Model(&Staff{}).Where("id = ?", staffID).
			Updates(map[string]any{"failed_logins": gorm.Expr("failed_logins + 1"), "updated_at": now}).Error
		if err != nil {
			return err
		}
		return tx.q(ctx).Model(&Staff{}).Where("id = ?", staffID).Pluck("failed_logins", &counted).Error
	})
	if err != nil {
		return 0, fmt.Errorf("count login attempt: %w", err)
	}
	if len(counted) != 1 {
		return 0, fmt.Errorf("count login attempt: staff %s vanished", staffID)
	}
	return counted[0], nil
}

// lockStaff locks an account for lockoutDuration. The count stays, so guesses still in flight
// are refused; it starts again when the lock is over.
func (s *Store) lockStaff(ctx context.Context, staffID string, now time.Time) error {
	err := s.q(ctx).Model(&Staff{}).Where("id = ?", staffID).
		Updates(map[string]any{"locked_until": now.Add(lockoutDuration), "updated_at": now}).Error
	if err != nil {
		return fmt.Errorf("lock staff: %w", err)
	}
	return nil
}

// CorruptHashError is a login refused because the staff member's stored password hash cannot be
// checked. It is the same EUNAUTHORIZED as a wrong password to the person signing in (errors.As
// finds the *Error), and tells the log which account to repair. It never holds the hash.
type CorruptHashError struct {
	StaffID string
	Cause   error
	denied  *Error
}

func (e *CorruptHashError) Error() string {
	return fmt.Sprintf("staff %s: %v", e.StaffID, e.Cause)
}

// Unwrap gives both the EUNAUTHORIZED answer and the cause (ErrCorruptHash).
func (e *CorruptHashError) Unwrap() []error { return []error{e.denied, e.Cause} }

// dummyHash is checked against when the email is unknown, to keep timing even.
const dummyHash = "$argon2id$v=19$m=65536,t=3,p=2$c29tZXNhbHRzb21lc2FsdA$0N7m2Yy3Tz3U2UzJk8ZQ3mWqvK0Jb1m8b7yU0l8pQ0c"
