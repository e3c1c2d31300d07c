package api

import (
	"slices"
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// principal is the authenticated caller.
type principal struct {
	ID   string
	Role string
	// mustChangePassword: a staff member still signed in with a one-time password.
	mustChangePassword bool
}

// isStaff reports whether the caller is a link worker or admin.

// IsAdmin reports whether the caller is an admin.
func (p principal) IsAdmin() bool { return p.Role == string(models.RoleAdmin) }

const localPrincipal = "principal"

// requireRoles admits a valid bearer token whose role is one of roles. A valid token of another
// role is 403: staff tokens cannot use citizen endpoints and vice versa. A staff token must also
// belong to a current session (staffPrincipal), and one issued for a one-time password only
// reaches POST /v1/auth/password.
func (h *handlers) requireRoles(roles ...string) fiber.Handler {
	return h.authorize(false, roles...)
}

// requirePasswordChanger admits staff, also those who must still replace a one-time password.
func (h *handlers) requirePasswordChanger() fiber.Handler {
	return h.authorize(true, string(models.RoleLinkWorker), string(models.RoleAdmin))
}

func (h *handlers) authorize(allowOneTimePassword bool, roles ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		auth := c.Get(fiber.HeaderAuthorization)
		raw, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok {
			return models.Errorf(models.EUNAUTHORIZED, "An Authorization: Bearer token is required.")
		}
		claims, err := h.tokens.parse(strings.TrimSpace(raw))
		if err != nil {
			return err
		}
		if !slices.Contains(roles, claims.Role) {
			return models.Errorf(models.EFORBIDDEN, "This endpoint is not for your role.")
		}
		if err := h.loginLive(c, claims); err != nil {
			return err
		}
		p := principal{ID: claims.Subject, Role: claims.Role}
		if models.StaffRole(claims.Role).Valid() {
			if p, err = h.staffPrincipal(c, claims); err != nil {
				return err
			}
			if p.mustChangePassword && !allowOneTimePassword {
				return models.Errorf(models.EFORBIDDEN, "Choose a new password first (POST /v1/auth/password): you signed in with a one-time password.")
			}
		}
		c.Locals(localPrincipal, p)
		return c.Next()
	}
}

// staffPrincipal checks a staff token against the account on every request (one primary-key
// read, cached for models.SessionCacheTTL and cleared by any change made in this process): a
// deactivated account, or a token from before a password change or reset, is 401 on the next
// request here and within the TTL on every other replica, rather than when the token expires.
func (h *handlers) staffPrincipal(c *fiber.Ctx, claims *accessClaims) (principal, error) {
	session, err := h.deps.Store.CachedStaffSession(c.UserContext(), claims.Subject)
	if models.IsCode(err, models.ENOTFOUND) || (err == nil && (!session.Active || session.SessionVersion != claims.SessionVersion)) {
		return principal{}, models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	}
	if err != nil {
		return principal{}, err
	}
	return principal{ID: claims.Subject, Role: claims.Role, mustChangePassword: session.MustChangePassword}, nil
}

// loginLive refuses a token whose login has ended (logout, refresh-token reuse, deactivation, a
// new password): one indexed read of its refresh family per request, citizens and staff alike,
// cached like staffPrincipal's read (this process at once, other replicas within the TTL).
func (h *handlers) loginLive(c *fiber.Ctx, claims *accessClaims) error {
	revoked, err := h.deps.Store.CachedFamilyRevoked(c.UserContext(), claims.Family)
	if err != nil {
		return err
	}
	if revoked {
		return models.Errorf(models.EUNAUTHORIZED, "The access token is missing, invalid or expired.")
	}
	return nil
}

// caller returns the authenticated principal set by requireRoles.
func caller(c *fiber.Ctx) principal {
	p, _ := c.Locals(localPrincipal).(principal)
	return p
}
