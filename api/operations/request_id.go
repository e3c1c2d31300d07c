package operations

import "github.com/gofiber/fiber/v2"

const LocalRequestID = "request_id"

// RequestID returns the current request's ID.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(LocalRequestID).(string)
	return id
}

// RouteOf is the matched route pattern (bounded label cardinality), or "unmatched".
func RouteOf(c *fiber.Ctx) string {
	r := c.Route()
	if r == nil || r.Path == "" || r.Path == "/" && c.Path() != "/" {
		return "unmatched"
	}
	return r.Path
}
