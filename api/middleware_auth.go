package api

import (
	"slices"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// isStaff reports whether the caller is a link worker or admin.

// requireRoles admits a valid bearer token whose role is one of roles. A valid token of another
// role is 403: staff tokens cannot use citizen endpoints and vice versa. A staff token must also
// belong to a current session (operations.Service.StaffPrincipal), and one issued for a one-time password only
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
		claims, err := h.Tokens.Parse(strings.TrimSpace(raw))
		if err != nil {
			return err
		}
		if !slices.Contains(roles, claims.Role) {
			return models.Errorf(models.EFORBIDDEN, "This endpoint is not for your role.")
		}
		if err := h.LoginLive(c, claims); err != nil {
			return err
		}
		p := operations.Principal{ID: claims.Subject, Role: claims.Role}
		if models.StaffRole(claims.Role).Valid() {
			if p, err = h.StaffPrincipal(c, claims); err != nil {
				return err
			}
			if p.MustChangePassword && !allowOneTimePassword {
				return models.Errorf(models.EFORBIDDEN, "Choose a new password first (POST /v1/auth/password): you signed in with a one-time password.")
			}
		}
		c.Locals(operations.LocalPrincipal, p)
		return c.Next()
	}
}
