package dashboard

import (
	"net/url"
	"strings"

	"brobygger/api/operations"
	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// dashPage is what the layout needs on every page.
type dashPage struct {
	Lang     string
	Title    string
	Nav      string
	CSRF     string
	SignedIn bool
	// IsAdmin shows the admin's menu items (staff, audit log).
	IsAdmin bool
	Notice  string
	LangDA  string
	LangEN  string
}

// dashLang is the reader's language from the language cookie; Danish unless they chose English.
func dashLang(c *fiber.Ctx) models.Lang {
	if l := models.Lang(c.Cookies(cookieLang)); l.Valid() {
		return l
	}
	return models.LangDA
}

// page builds the layout's part of a view: nav is the active menu item, titleKey the page title.
func (h *Handlers) page(c *fiber.Ctx, nav, titleKey string) dashPage {
	lang := dashLang(c)
	back := c.OriginalURL()
	return dashPage{Lang: string(lang), Title: h.dash.locale(lang).T(titleKey), Nav: nav, CSRF: h.csrfToken(c),
		SignedIn: operations.Caller(c).ID != "", IsAdmin: operations.Caller(c).IsAdmin(), LangDA: languageLink(models.LangDA, back), LangEN: languageLink(models.LangEN, back)}
}

func languageLink(lang models.Lang, back string) string {
	return "/dashboard/language?" + url.Values{"lang": {string(lang)}, "back": {back}}.Encode()
}

// HandleLanguage stores the reader's language choice and goes back to the page they were on.
// It is a plain link so it works without JavaScript, also on the login page; switching someone's
// language is harmless, so it needs no form token.
func (h *Handlers) HandleLanguage(c *fiber.Ctx) error {
	lang := models.Lang(c.Query("lang"))
	if !lang.Valid() {
		return models.Invalid("lang", "The language must be da or en.")
	}
	c.Cookie(&fiber.Cookie{Name: cookieLang, Value: string(lang), Path: dashPath, MaxAge: 365 * 24 * 3600,
		HTTPOnly: true, Secure: h.PublicBaseURL != nil && h.PublicBaseURL.Scheme == "https", SameSite: fiber.CookieSameSiteLaxMode})
	return c.Redirect(localDashPath(c.Query("back")), fiber.StatusSeeOther)
}

// localDashPath keeps a redirect target inside the dashboard, so the language link cannot be
// used to send someone to another site.
func localDashPath(p string) string {
	if !strings.HasPrefix(p, "/dashboard/") || strings.ContainsAny(p, "\\\r\n\t") {
		return dashHomePath
	}
	return p
}

// HandleHome sends /dashboard to the caseload.
func (h *Handlers) HandleHome(c *fiber.Ctx) error {
	return c.Redirect(dashHomePath, fiber.StatusSeeOther)
}

// HandleCSS serves the dashboard's one stylesheet.
func (h *Handlers) HandleCSS(c *fiber.Ctx) error {
	c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
	c.Type("css", "utf-8")
	return c.Send(h.dash.CSS())
}
