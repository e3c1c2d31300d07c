package api

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"time"

	"brobygger/models"
	"github.com/gofiber/fiber/v2"
)

// dashboardFiles are the dashboard's templates, its one stylesheet and its word catalogue. They
// are embedded so the binary serves the dashboard with no files beside it and no build step.
//
//go:embed dashboard/templates/*.html dashboard/static/dashboard.css dashboard/static/sms-count.js dashboard/texts.json
var dashboardFiles embed.FS

// dashboardPages are the page templates; each is parsed together with layout.html.
var dashboardPages = []string{"login", "caseload", "referral_form", "referrals", "review", "inbox", "citizen", "offers", "error",
	"admin_staff", "admin_staff_member", "admin_audit", "admin_deletion", "admin_report", "password", "medcom_inbox", "medcom_admin"}

// dashboard renders the link worker's pages: one parsed template set per page and language,
// so a template's {{t "key"}} is bound to the words of the reader's language.
type dashboard struct {
	texts *dashTexts
	pages map[models.Lang]map[string]*template.Template
	css   []byte
	smsJS []byte
	tz    *time.Location
	csrf  csrfSigner
}

// newDashboard parses the embedded templates. They are part of the binary and covered by
// tests, so a parse failure is a programmer error and panics at start-up like a bad regexp.
func newDashboard(d Deps) *dashboard {
	texts, err := loadDashTexts()
	if err != nil {
		panic(err)
	}
	css, err := dashboardFiles.ReadFile("dashboard/static/dashboard.css")
	if err != nil {
		panic(err)
	}
	smsJS, err := dashboardFiles.ReadFile("dashboard/static/sms-count.js")
	if err != nil {
		panic(err)
	}
	tz := d.Location
	if tz == nil {
		tz = time.UTC
	}
	db := &dashboard{texts: texts, pages: map[models.Lang]map[string]*template.Template{}, css: css, smsJS: smsJS, tz: tz,
		csrf: newCSRFSigner(d.JWTSecret)}
	for _, lang := range models.Langs() {
		db.pages[lang] = map[string]*template.Template{}
		for _, page := range dashboardPages {
			db.pages[lang][page] = template.Must(template.New(page).Funcs(texts.funcs(lang)).
				ParseFS(dashboardFiles, "dashboard/templates/layout.html", "dashboard/templates/"+page+".html"))
		}
	}
	return db
}

// render writes page with view as an HTML response. The page is rendered into a buffer first so
// a template error becomes a clean error page instead of half a page.
func (db *dashboard) render(c *fiber.Ctx, status int, lang models.Lang, page string, view any) error {
	t, ok := db.pages[lang][page]
	if !ok {
		return fmt.Errorf("dashboard: no page %q in %q", page, lang)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view); err != nil {
		return fmt.Errorf("dashboard: render %s: %w", page, err)
	}
	c.Type("html", "utf-8")
	return c.Status(status).Send(buf.Bytes())
}

// locale is the reader's language with the site's time zone, for formatting in view mapping.
func (db *dashboard) locale(lang models.Lang) dashLocale {
	return dashLocale{lang: lang, texts: db.texts, tz: db.tz}
}
