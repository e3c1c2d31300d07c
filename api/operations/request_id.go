package operations

import "github.com/gofiber/fiber/v2"

const LocalRequestID = "request_id"

// RequestID returns the current request's ID.
func RequestID(c *fiber.Ctx) string {
	id, _ := c.Locals(LocalRequestID).(string)
	return id
}
