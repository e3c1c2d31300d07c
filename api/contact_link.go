package api

import (
	"bytes"
	"html/template"
	"strings"

	"brobygger/models"

	"github.com/gofiber/fiber/v2"
)

// The contact e-mail's link (issue 20): GET shows a page with one button and changes nothing,
// because mail scanners and link previews follow links; only the button's POST confirms
// contact, as replying JA does. The token (models.ContactLinkToken) is signed, expires, and works
// only while the contact question is open, so it is single-use.

// contactPageTemplate is the page's markup; its words come from citizen_texts.json.
var contactPageTemplate = template.Must(template.New("contact").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{.Title}}</title>
<link rel="stylesheet" href="/app/assets/app.css">
</head>
<body>
<header class="top"><p class="brand"><img src="/app/assets/icon.svg" alt="" width="40" height="40"> <span>Brobygger</span></p></header>
<main id="main" data-state="{{.State}}">
<h1>{{.Title}}</h1>
<p>{{.Text}}</p>
{{- if .Action}}
<form method="post" action="{{.Action}}">
<button type="submit" class="primary">{{.Button}}</button>
</form>
{{- end}}
{{- if .AppLink}}
<p><a href="/app">{{.AppLink}}</a></p>
{{- end}}
</main>
</body>
</html>
`))

type contactPage struct {
	Lang                                        models.Lang
	State, Title, Text, Button, Action, AppLink string
}

// handleContactLinkPage shows the question and the button; a dead link says so (404).
func (h *handlers) handleContactLinkPage(c *fiber.Ctx) error {
	token := strings.Clone(c.Params("token"))
	conv, err := h.deps.Store.ContactLinkConversation(c.UserContext(), token)
	if models.IsCode(err, models.ENOTFOUND) {
		return h.contactPage(c, fiber.StatusNotFound, h.citizenLanguage(c), "dead", "")
	}
	if err != nil {
		return err
	}
	citizen, err := h.deps.Store.CitizenByID(c.UserContext(), conv.CitizenID)
	if err != nil {
		return err
	}
	return h.contactPage(c, fiber.StatusOK, citizen.Language, "ask", "/app/contact/"+token)
}

// handleContactLinkConfirm confirms contact (the button); a used, expired or forged link is 404,
// a citizen who declined or was closed meanwhile 409, each as a page.
func (h *handlers) handleContactLinkConfirm(c *fiber.Ctx) error {
	token := strings.Clone(c.Params("token"))
	citizen, err := h.deps.Bot.ConfirmContactByLink(c.UserContext(), token)
	switch {
	case models.IsCode(err, models.ENOTFOUND):
		return h.contactPage(c, fiber.StatusNotFound, h.citizenLanguage(c), "dead", "")
	case models.IsCode(err, models.ECONFLICT):
		return h.contactPage(c, fiber.StatusConflict, h.citizenLanguage(c), "closed", "")
	case err != nil:
		return err
	}
	return h.contactPage(c, fiber.StatusOK, citizen.Language, "done", "")
}

// contactPage renders the page in state ask, done, dead or closed.
func (h *handlers) contactPage(c *fiber.Ctx, status int, lang models.Lang, state, action string) error {
	t := func(key string) string { return h.citizenTexts.text("contact_link."+state+"."+key, lang) }
	page := contactPage{Lang: lang, State: state, Title: t("title"), Text: t("text"), Action: action}
	if action != "" {
		page.Button = t("button")
	} else {
		page.AppLink = h.citizenTexts.text("contact_link.app", lang)
	}
	var buf bytes.Buffer
	if err := contactPageTemplate.Execute(&buf, page); err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Status(status).Send(buf.Bytes())
}
