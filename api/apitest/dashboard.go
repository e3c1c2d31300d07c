package apitest

import (
	"brobygger/models"
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func ReferNamed(e *Env, token, name, phone string) string {
	e.T.Helper()
	return e.ReferWith(token, map[string]any{"name": name, "phone": phone, "language": "da",
		"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset Nørrebro", "reason": "Ensom efter flytning",
		"consent_contact": true, "consent_data": true})
}

// DashBrowser is the dashboard as a browser sees it, through the spec-validating client: it
// keeps cookies between requests the way a browser would for one site.
type DashBrowser struct {
	t       *testing.T
	c       *Client
	Cookies map[string]*http.Cookie
}

func Browser(e *Env) *DashBrowser {
	return &DashBrowser{t: e.T, c: e.Client, Cookies: map[string]*http.Cookie{}}
}

// Get loads a page; the request and response are checked against openapi.yaml.
func (b *DashBrowser) Get(path string) Response {
	b.t.Helper()
	return b.send(httptest.NewRequest("GET", Base+path, nil), true)
}

// Post submits a form; check=false sends a form the spec calls invalid (no token, empty note).
func (b *DashBrowser) Post(path string, form url.Values, check bool) Response {
	b.t.Helper()
	req := httptest.NewRequest("POST", Base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req, check)
}

func (b *DashBrowser) send(req *http.Request, check bool) Response {
	b.t.Helper()
	for _, ck := range b.Cookies {
		req.AddCookie(ck)
	}
	var res Response
	if check {
		res = b.c.Do(req)
	} else {
		res = b.c.DoInvalid(req)
	}
	for _, line := range res.Header.Values("Set-Cookie") {
		ck, err := http.ParseSetCookie(line)
		if err != nil {
			b.t.Fatalf("bad Set-Cookie %q: %v", line, err)
		}
		if ck.MaxAge < 0 || (!ck.Expires.IsZero() && ck.Expires.Before(time.Now())) {
			delete(b.Cookies, ck.Name)
			continue
		}
		b.Cookies[ck.Name] = ck
	}
	return res
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// CSRF reads the form token from a page.
func (b *DashBrowser) CSRF(page Response) string {
	b.t.Helper()
	m := csrfInput.FindSubmatch(page.Body)
	if m == nil {
		b.t.Fatalf("no CSRF field on the page: %s", page.Body)
	}
	return string(m[1])
}

// Login signs in through the form, as a person would.
func (b *DashBrowser) Login(email, password string) Response {
	b.t.Helper()
	form := b.Get("/dashboard/login")
	return b.Post("/dashboard/login", url.Values{"csrf": {b.CSRF(form)}, "email": {email}, "password": {password}}, true)
}

// MustLogin signs in and fails the test unless it worked.
func (b *DashBrowser) MustLogin(email string) {
	b.t.Helper()
	if res := b.Login(email, "correct horse battery"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/caseload" {
		b.t.Fatalf("dashboard login: %d %s", res.Status, res.Body)
	}
}

// OpenFlag returns the id of the citizen's open flag of kind.
func OpenFlag(e *Env, citizenID string, kind models.FlagKind) string {
	e.T.Helper()
	items, err := e.Store.ReviewQueue(context.Background(), models.ReviewQuery{Admin: true, CitizenID: citizenID})
	if err != nil {
		e.T.Fatal(err)
	}
	for _, it := range items {
		if it.Kind == kind {
			return it.ID
		}
	}
	e.T.Fatalf("no open %s flag for %s", kind, citizenID)
	return ""
}

// WaitingMessages returns the ids of a citizen's messages waiting for a reply, oldest first.
func WaitingMessages(e *Env, citizenID string) []string {
	e.T.Helper()
	msgs, err := e.Store.ListMessages(context.Background(), models.MessageFilter{CitizenID: citizenID, NeedsReply: true})
	if err != nil {
		e.T.Fatal(err)
	}
	var ids []string
	for _, m := range msgs {
		ids = append(ids, m.ID)
	}
	return ids
}

// Upload posts a CSV file through the dashboard's import form.
func (b *DashBrowser) Upload(path, csrf, csv string) Response {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("csrf", csrf)
	fw, _ := w.CreateFormFile("csv", "tilbud.csv")
	_, _ = fw.Write([]byte(csv))
	_ = w.Close()
	req := httptest.NewRequest("POST", Base+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	return b.send(req, true)
}

// ReferralForm is a complete, valid form as a link worker fills it in.
func ReferralForm(csrf, phone string) url.Values {
	return url.Values{"csrf": {csrf}, "name": {"Søren Ørsted"}, "phone": {phone}, "language": {"da"},
		"referrer_name": {"Dr. Berg"}, "referrer_clinic": {"Lægehuset Nord"}, "reason": {"Ensom efter flytning"},
		"consent_contact": {"true"}, "consent_data": {"true"}}
}

// ReferralOf returns the citizen's referral.
func ReferralOf(e *Env, citizenID string) models.ReferralListItem {
	e.T.Helper()
	items, err := e.Store.Referrals(context.Background(), models.ReferralListQuery{Admin: true})
	if err != nil {
		e.T.Fatal(err)
	}
	for _, it := range items {
		if it.CitizenID == citizenID {
			return it
		}
	}
	e.T.Fatalf("no referral for %s", citizenID)
	return models.ReferralListItem{}
}
