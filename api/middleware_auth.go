package api

import (
	"strings"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// principal is the authenticated caller.
type principal struct {
	ID   string
	Role string
}

// IsStaff reports whether the caller is a link worker or admin.
func (p principal) IsStaff() bool { return models.StaffRole(p.Role).Valid() }

// IsAdmin reports whether the caller is an admin.
func (p principal) IsAdmin() bool { return p.Role == string(models.RoleAdmin) }

const localPrincipal = "principal"

// requireRoles admits a valid bearer token whose role is one of roles. A valid token of another
// role is 403: staff tokens cannot use citizen endpoints and vice versa.
func (h *handlers) requireRoles(roles ...string) fiber.Handler {
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
		for _, r := range roles {
			if claims.Role == r {
				c.Locals(localPrincipal, principal{ID: claims.Subject, Role: claims.Role})
				return c.Next()
			}
		}
		return models.Errorf(models.EFORBIDDEN, "This endpoint is not for your role.")
	}
}

// caller returns the authenticated principal set by requireRoles.
func caller(c *fiber.Ctx) principal {
	p, _ := c.Locals(localPrincipal).(principal)
	return p
}
