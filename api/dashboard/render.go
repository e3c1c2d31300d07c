// Package dashboard is the link worker dashboard: its handlers (sign-in, session, CSRF, the
// caseload, inbox, citizen page, referrals, review queue, offers, admin and MedCom pages), its
// embedded templates, stylesheet and script, the Danish and English words, the reader's locale
// and the SVG charts. It may import models and its leaves and api/operations, never api:
// api/routes.go mounts its handlers.
package dashboard

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"slices"
	"sync"
	"time"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// files are the dashboard's templates, its one stylesheet and script, and its word catalogue.
// They are embedded so the binary serves the dashboard with no files beside it and no build step.
//
//go:embed templates/*.html static/dashboard.css static/sms-count.js texts.json
var files embed.FS

// pages are the page templates; each is parsed together with layout.html.
var pages = []string{"login", "caseload", "referral_form", "referrals", "review", "inbox", "citizen", "offers", "error",
	"admin_staff", "admin_staff_member", "admin_audit", "admin_deletion", "admin_report", "password", "medcom_inbox", "medcom_admin"}

// renderer renders the dashboard: one parsed template set per page and language, so a template's
// {{t "key"}} is bound to the words of the reader's language. A page is parsed the first time it
// is rendered in a language: the 34 parsed sets held about 4 MB of every server's idle heap,
// also where nobody opens the dashboard, and most sites read it in one language.
type renderer struct {
	texts *catalogue
	mu    sync.Mutex
	pages map[pageKey]*template.Template // parsed so far
	css   []byte
	smsJS []byte
	tz    *time.Location
}

type pageKey struct {
	lang models.Lang
	page string
}

// newRenderer reads the embedded words and static files; tz is the site's time zone (nil means
// UTC). The templates are part of the binary and covered by tests (TestPages_EveryPageParses), so
// a missing file is a programmer error and panics at start-up like a bad regexp.
func newRenderer(tz *time.Location) *renderer {
	texts, err := loadTexts()
	if err != nil {
		panic(err)
	}
	css, err := files.ReadFile("static/dashboard.css")
	if err != nil {
		panic(err)
	}
	smsJS, err := files.ReadFile("static/sms-count.js")
	if err != nil {
		panic(err)
	}
	if tz == nil {
		tz = time.UTC
	}
	return &renderer{texts: texts, pages: map[pageKey]*template.Template{}, css: css, smsJS: smsJS, tz: tz}
}

// template is a page's parsed template set in a language, parsed on first use.
func (p *renderer) template(lang models.Lang, page string) (*template.Template, error) {
	if !slices.Contains(pages, page) || !slices.Contains(models.Langs(), lang) {
		return nil, fmt.Errorf("dashboard: no page %q in %q", page, lang)
	}
	key := pageKey{lang, page}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.pages[key]; ok {
		return t, nil
	}
	t, err := template.New(page).Funcs(p.texts.funcs(lang)).ParseFS(files, "templates/layout.html", "templates/"+page+".html")
	if err != nil {
		return nil, fmt.Errorf("dashboard: parse %s: %w", page, err)
	}
	p.pages[key] = t
	return t, nil
}

// parseAll parses every page in every language (a test's check; serving parses on first use).
func (p *renderer) parseAll() error {
	for _, lang := range models.Langs() {
		for _, page := range pages {
			if _, err := p.template(lang, page); err != nil {
				return err
			}
		}
	}
	return nil
}

// render writes page with view as an HTML response. The page is rendered into a buffer first so
// a template error becomes a clean error page instead of half a page.
func (p *renderer) render(c *fiber.Ctx, status int, lang models.Lang, page string, view any) error {
	t, err := p.template(lang, page)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", view); err != nil {
		return fmt.Errorf("dashboard: render %s: %w", page, err)
	}
	c.Type("html", "utf-8")
	return c.Status(status).Send(buf.Bytes())
}

// locale is the reader's language with the site's time zone, for formatting in view mapping.
func (p *renderer) locale(lang models.Lang) locale {
	return locale{lang: lang, texts: p.texts, tz: p.tz}
}

// catalogue is the word catalogue the pages are rendered with.
func (p *renderer) catalogue() *catalogue { return p.texts }

// CSS is the dashboard's one stylesheet.
func (p *renderer) CSS() []byte { return p.css }

// smsScript is the SMS composer's segment counter.
func (p *renderer) smsScript() []byte { return p.smsJS }
