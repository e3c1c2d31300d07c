package operations

import (
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// PageLimit reads a paged list's ?limit (default 50) and refuses one outside 1–500.
func PageLimit(c *fiber.Ctx) (int, error) {
	limit := c.QueryInt("limit", 50)
	if limit < 1 || limit > maxPageLimit {
		return 0, models.Invalid("limit", "The limit must be between 1 and 500.")
	}
	return limit, nil
}

// maxPageLimit bounds ?limit on every paged list.
const maxPageLimit = 500
