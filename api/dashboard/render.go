// Package dashboard is the link worker dashboard's presentation: the embedded templates, the
// one stylesheet and script, the Danish and English word catalogue, the reader's locale (dates,
// numbers, words) and the server-side SVG charts. The handlers that serve the pages live in
// package api beside the JSON handlers, whose operations (validation, audit, the SMS they
// queue) they share. It may import models and its leaves.
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

// Files are the dashboard's templates, its one stylesheet and script, and its word catalogue.
// They are embedded so the binary serves the dashboard with no files beside it and no build step.
//
//go:embed templates/*.html static/dashboard.css static/sms-count.js texts.json
var Files embed.FS

// pages are the page templates; each is parsed together with layout.html.
var pages = []string{"login", "caseload", "referral_form", "referrals", "review", "inbox", "citizen", "offers", "error",
	"admin_staff", "admin_staff_member", "admin_audit", "admin_deletion", "admin_report", "password", "medcom_inbox", "medcom_admin"}

// Pages renders the dashboard: one parsed template set per page and language, so a template's
// {{t "key"}} is bound to the words of the reader's language. A page is parsed the first time it
// is rendered in a language: the 34 parsed sets held about 4 MB of every server's idle heap,
// also where nobody opens the dashboard, and most sites read it in one language.
type Pages struct {
	texts *Texts
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

// New reads the embedded words and static files; tz is the site's time zone (nil means UTC).
// The templates are part of the binary and covered by tests (TestPages_EveryPageParses), so a
// missing file is a programmer error and panics at start-up like a bad regexp.
func New(tz *time.Location) *Pages {
	texts, err := LoadTexts()
	if err != nil {
		panic(err)
	}
	css, err := Files.ReadFile("static/dashboard.css")
	if err != nil {
		panic(err)
	}
	smsJS, err := Files.ReadFile("static/sms-count.js")
	if err != nil {
		panic(err)
	}
	if tz == nil {
		tz = time.UTC
	}
	return &Pages{texts: texts, pages: map[pageKey]*template.Template{}, css: css, smsJS: smsJS, tz: tz}
}

// template is a page's parsed template set in a language, parsed on first use.
func (p *Pages) template(lang models.Lang, page string) (*template.Template, error) {
	if !slices.Contains(pages, page) || !slices.Contains(models.Langs(), lang) {
		return nil, fmt.Errorf("dashboard: no page %q in %q", page, lang)
	}
	key := pageKey{lang, page}
	p.mu.Lock()
	defer p.mu.Unlock()
	if t, ok := p.pages[key]; ok {
		return t, nil
	}
	t, err := template.New(page).Funcs(p.texts.funcs(lang)).ParseFS(Files, "templates/layout.html", "templates/"+page+".html")
	if err != nil {
		return nil, fmt.Errorf("dashboard: parse %s: %w", page, err)
	}
	p.pages[key] = t
	return t, nil
}

// ParseAll parses every page in every language (a test's check; serving parses on first use).
func (p *Pages) ParseAll() error {
	for _, lang := range models.Langs() {
		for _, page := range pages {
			if _, err := p.template(lang, page); err != nil {
				return err
			}
		}
	}
	return nil
}

// Render writes page with view as an HTML response. The page is rendered into a buffer first so
// a template error becomes a clean error page instead of half a page.
func (p *Pages) Render(c *fiber.Ctx, status int, lang models.Lang, page string, view any) error {
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

// Locale is the reader's language with the site's time zone, for formatting in view mapping.
func (p *Pages) Locale(lang models.Lang) Locale {
	return Locale{lang: lang, texts: p.texts, tz: p.tz}
}

// Texts is the word catalogue the pages are rendered with.
func (p *Pages) Texts() *Texts { return p.texts }

// CSS is the dashboard's one stylesheet.
func (p *Pages) CSS() []byte { return p.css }

// SMSJS is the SMS composer's segment counter.
func (p *Pages) SMSJS() []byte { return p.smsJS }
