package operations

import (
	"brobygger/models"
	"errors"

	"github.com/gofiber/fiber/v2"
)

// AuthenticateStaff is every staff sign-in's path (API and dashboard): count the guess in the
// database, wait for a hash slot, check the password, and on success forget this client's
// failures. Every refusal before the hash is the same for known and unknown emails.
func (h *Service) AuthenticateStaff(c *fiber.Ctx, email, password string) (*models.Staff, error) {
	if err := h.limitPasswordGuess(c, email); err != nil {
		return nil, err
	}
	var st *models.Staff
	err := h.Hashing(c, func() error {
		var err error
		st, err = h.Store.AuthenticateStaff(c.UserContext(), email, password)
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
func (h *Service) logCorruptHash(c *fiber.Ctx, err error) {
	var corrupt *models.CorruptHashError
	if errors.As(err, &corrupt) {
		h.Logger.Error("staff login refused: the stored password hash is unreadable; reset this account's password",
			"request_id", RequestID(c), "staff_id", corrupt.StaffID, "reason", corrupt.Cause.Error())
	}
}
