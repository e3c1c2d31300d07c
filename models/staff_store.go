package models

import (
	"brobygger/models/password"
	"context"
	"errors"
	"fmt"
	"strings"

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
	email, ok := parseEmail(n.Email)
	n.Email = email
	n.Name = strings.TrimSpace(n.Name)
	if !ok {
		return Invalid("email", "The email address %q is not valid.", n.Email)
	}
	if n.Name == "" || len(n.Name) > 200 {
		return Invalid("name", "The name must be between 1 and 200 characters.")
	}
	if !n.Role.Valid() {
		return Invalid("role", "The role must be link_worker or admin.")
	}
	if len([]rune(n.Password)) < password.MinLength {
		return Invalid("password", "The password must be at least %d characters.", password.MinLength)
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
	hash, err := password.Hash(n.Password)
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

// AuthenticateStaff checks an email and password. Every failure is the same EUNAUTHORIZED, and an
// unknown email costs the same argon2 work as a known one, so neither the answer nor its timing
// reveals whether an email exists. Guessing is slowed before this is called, by counters in the
// database per client, per account and client, and per account (api's signin limits): an
// account is never locked, so nobody can lock a colleague out by guessing on purpose.
func (s *Store) AuthenticateStaff(ctx context.Context, email, pw string) (*Staff, error) {
	email = foldEmail(email)
	denied := Errorf(EUNAUTHORIZED, "The email or password is wrong.")
	var st Staff
	err := s.q(ctx).Where("email = ? AND active = ?", email, true).Take(&st).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		// Spend the same time as a real check so response time does not reveal unknown emails.
		_, _ = password.Check(password.Dummy(), pw)
		return nil, denied
	}
	if err != nil {
		return nil, fmt.Errorf("authenticate staff: %w", err)
	}
	ok, err := password.Check(st.PasswordHash, pw)
	if err != nil {
		// Nobody can sign in with this hash; it is the operator's to repair (reset the
		// password), so the caller logs it. The dummy check keeps the answer as slow as a real one.
		_, _ = password.Check(password.Dummy(), pw)
		return nil, &CorruptHashError{StaffID: st.ID, Cause: err, denied: denied}
	}
	if !ok {
		return nil, denied
	}
	now := s.Now()
	err = s.q(ctx).Model(&Staff{}).Where("id = ?", st.ID).
		Updates(map[string]any{"failed_logins": 0, "locked_until": nil, "last_login_at": now, "updated_at": now}).Error
	if err != nil {
		return nil, fmt.Errorf("authenticate staff: %w", err)
	}
	st.LastLoginAt = &now
	return &st, nil
}

// ActiveStaffIDByEmail returns the id of the active staff member with this email, or "" when
// there is none (the sign-in ceiling's notice names the account only when it exists).
func (s *Store) ActiveStaffIDByEmail(ctx context.Context, email string) (string, error) {
	var ids []string
	err := s.q(ctx).Model(&Staff{}).Where("email = ? AND active = ?", foldEmail(email), true).
		Limit(1).Pluck("id", &ids).Error
	if err != nil {
		return "", fmt.Errorf("staff by email: %w", err)
	}
	if len(ids) == 0 {
		return "", nil
	}
	return ids[0], nil
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

// Unwrap gives both the EUNAUTHORIZED answer and the cause (password.ErrCorruptHash).
func (e *CorruptHashError) Unwrap() []error { return []error{e.denied, e.Cause} }

// StaffEmailTaken says whether a staff account, active or not, has this email.
func (s *Store) StaffEmailTaken(ctx context.Context, email string) (bool, error) {
	var n int64
	err := s.q(ctx).Model(&Staff{}).Where("email = ?", foldEmail(email)).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("staff email: %w", err)
	}
	return n > 0, nil
}
