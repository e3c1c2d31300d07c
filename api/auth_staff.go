package api

import (
	"errors"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

type staffLoginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// handleStaffLogin exchanges email and password for a token pair. Guesses are counted before
// the hash (limitPasswordGuess); known and unknown emails answer alike.
func (h *handlers) handleStaffLogin(c *fiber.Ctx) error {
	var req staffLoginRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Email == "" || req.Password == "" || len(req.Password) > 1024 || len(req.Email) > 254 {
		return models.Errorf(models.EINVALID, "Email and password are required.")
	}
	st, err := h.authenticateStaff(c, req.Email, req.Password)
	if err != nil {
		return err
	}
	return h.issuePair(c, st.ID, string(st.Role), staffRefreshTTL, st.SessionVersion, st.MustChangePassword)
}

// authenticateStaff is every staff sign-in's path (API and dashboard): count the guess in the
// database, wait for a hash slot, check the password, and on success forget this client's
// failures. Every refusal before the hash is the same for known and unknown emails.
func (h *handlers) authenticateStaff(c *fiber.Ctx, email, password string) (*models.Staff, error) {
	if err := h.limitPasswordGuess(c, email); err != nil {
		return nil, err
	}
	var st *models.Staff
	err := h.hashing(c, func() error {
		var err error
		st, err = h.deps.Store.AuthenticateStaff(c.UserContext(), email, password)
		return err
	})
	if err != nil {
		h.logCorruptHash(c, err)
		return nil, err
	}
	h.signedIn(c, email)
	return st, nil
}

// logCorruptHash tells the operator about an account whose stored password hash cannot be
// checked: the person signing in only sees a failed login. The hash itself is never logged.
func (h *handlers) logCorruptHash(c *fiber.Ctx, err error) {
	var corrupt *models.CorruptHashError
	if errors.As(err, &corrupt) {
		h.deps.Logger.Error("staff login refused: the stored password hash is unreadable; reset this account's password",
			"request_id", requestID(c), "staff_id", corrupt.StaffID, "reason", corrupt.Cause.Error())
	}
}

// issuePair starts a new login (refresh family) and answers with the token pair; a staff
// member's access token carries their session version.
func (h *handlers) issuePair(c *fiber.Ctx, subject, role string, refreshTTL time.Duration, sessionVersion int, mustChange bool) error {
	refresh, err := h.deps.Store.IssueRefreshToken(c.UserContext(), subject, role, "", refreshTTL)
	if err != nil {
		return err
	}
	pair, err := h.tokens.pair(subject, role, sessionVersion, refresh)
	if err != nil {
		return err
	}
	pair.PasswordChangeRequired = mustChange
	return c.JSON(pair)
}
