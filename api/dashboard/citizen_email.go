package dashboard

import (
	"strings"

	"github.com/gofiber/fiber/v2"
)

// HandleSetEmail is the same change from the citizen page's form.
func (h *Handlers) HandleSetEmail(c *fiber.Ctx) error {
	email := strings.Clone(c.FormValue("email"))
	ct, err := h.SetCitizenEmail(c, &email)
	if err != nil {
		return h.citizenFormError(c, "email", err)
	}
	return c.Redirect(citizenPath(ct.ID, "done=email", "facts"), fiber.StatusSeeOther)
}
