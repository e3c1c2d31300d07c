package operations

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// Principal is the authenticated caller.
type Principal struct {
	ID   string
	Role string
	// MustChangePassword: a staff member still signed in with a one-time password.
	MustChangePassword bool
}

// IsAdmin reports whether the caller is an admin.
func (p Principal) IsAdmin() bool { return p.Role == string(models.RoleAdmin) }

const LocalPrincipal = "principal"

// StaffPrincipal checks a staff token against the account on every request (one primary-key
// read, cached for models.SessionCacheTTL and cleared by any change made in this process): a
// deactivated account, or a token from before a password change or reset, is 401 on the next
// request here and within the TTL on every other replica, rather than when the token expires.
func (h *Service) StaffPrincipal(c *fiber.Ctx, claims *AccessClaims) (Principal, error) {
	session, err := h.Store.CachedStaffSession(c.UserContext(), claims.Subject)
	if models.IsCode(err, models.ENOTFOUND) || (err == nil && (!session.Active || session.SessionVersion != claims.SessionVersion)) {
		return Principal{}, models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	}
	if err != nil {
		return Principal{}, err
	}
	return Principal{ID: claims.Subject, Role: claims.Role, MustChangePassword: session.MustChangePassword}, nil
}

// LoginLive refuses a token whose login has ended (logout, refresh-token reuse, deactivation, a
// new password): one indexed read of its refresh family per request, citizens and staff alike,
// cached like StaffPrincipal's read (this process at once, other replicas within the TTL).
func (h *Service) LoginLive(c *fiber.Ctx, claims *AccessClaims) error {
	revoked, err := h.Store.CachedFamilyRevoked(c.UserContext(), claims.Family)
	if err != nil {
		return err
	}
	if revoked {
		return models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	}
	return nil
}

// Caller returns the authenticated principal set by requireRoles.
func Caller(c *fiber.Ctx) Principal {
	p, _ := c.Locals(LocalPrincipal).(Principal)
	return p
}
