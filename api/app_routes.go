package api

import (
	"crypto/sha256"
	"encoding/hex"

	"brobygger/api/citizenapp"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// registerAppRoutes serves the reference citizen app (package citizenapp) at /app: the shell
// page, its service worker at /app/sw.js (allowed the scope /app), the manifest, and the assets.
// Everything is static; the app's data comes from /v1/me… with the citizen's bearer token.
func (h *handlers) registerAppRoutes(app *fiber.App) {
	g := app.Group("/app", appSecurityHeaders)
	g.Get("", appFile("index.html"))
	g.Get("/sw.js", func(c *fiber.Ctx) error {
		// The app lives at /app (no slash), which the default scope of /app/sw.js (/app/) misses.
		c.Set("Service-Worker-Allowed", "/app")
		return appFile("sw.js")(c)
	})
	g.Get("/manifest.webmanifest", appFile("manifest.webmanifest"))
	// The contact e-mail's confirmation link (contact_link.go): GET shows, only POST confirms.
	g.Get("/contact/:token", h.handleContactLinkPage)
	g.Post("/contact/:token", h.handleContactLinkConfirm)
	g.Get("/assets/:name", func(c *fiber.Ctx) error {
		name := c.Params("name")
		if name == "index.html" || name == "sw.js" || name == "manifest.webmanifest" {
			return models.Errorf(models.ENOTFOUND, "There is no such file in the app.")
		}
		return appFile(name)(c)
	})
}

// appSecurityHeaders: the same strict policy as the dashboard (no inline script or style,
// nothing from elsewhere). The files are revalidated on every load (the service worker keeps
// the offline copy); the ETag makes that cheap.
func appSecurityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.Next()
}

// appFile answers with one embedded file, or 304 when the browser has it already.
func appFile(name string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		body, ct, ok := citizenapp.File(name)
		if !ok {
			return models.Errorf(models.ENOTFOUND, "There is no such file in the app.")
		}
		sum := sha256.Sum256(body)
		etag := `"` + hex.EncodeToString(sum[:12]) + `"`
		c.Set(fiber.HeaderETag, etag)
		if c.Get(fiber.HeaderIfNoneMatch) == etag {
			return c.SendStatus(fiber.StatusNotModified)
		}
		c.Set(fiber.HeaderContentType, ct)
		return c.Send(body)
	}
}
