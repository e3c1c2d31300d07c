package api

import "github.com/gofiber/fiber/v2"

// handleRoot sends a browser that opens the server's address to the dashboard, the only page a
// person starts from; the API lives under /v1.
func (h *handlers) handleRoot(c *fiber.Ctx) error {
	return c.Redirect("/dashboard", fiber.StatusFound)
}
