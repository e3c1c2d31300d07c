package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

// dashBrowser is the dashboard as a browser sees it, through the spec-validating client: it
// keeps cookies between requests the way a browser would for one site.
type dashBrowser struct {
	t       *testing.T
	c       *client
	cookies map[string]*http.Cookie
}

func (e *apiEnv) browser() *dashBrowser {
	return &dashBrowser{t: e.t, c: e.client, cookies: map[string]*http.Cookie{}}
}

// Get loads a page; the request and response are checked against openapi.yaml.
func (b *dashBrowser) Get(path string) response {
	b.t.Helper()
	return b.send(httptest.NewRequest("GET", testBase+path, nil), true)
}

// Post submits a form; check=false sends a form the spec calls invalid (no token, empty note).
func (b *dashBrowser) Post(path string, form url.Values, check bool) response {
	b.t.Helper()
	req := httptest.NewRequest("POST", testBase+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.send(req, check)
}

func (b *dashBrowser) send(req *http.Request, check bool) response {
	b.t.Helper()
	for _, ck := range b.cookies {
		req.AddCookie(ck)
	}
	var res response
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
			delete(b.cookies, ck.Name)
			continue
		}
		b.cookies[ck.Name] = ck
	}
	return res
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// CSRF reads the form token from a page.
func (b *dashBrowser) CSRF(page response) string {
	b.t.Helper()
	m := csrfInput.FindSubmatch(page.Body)
	if m == nil {
		b.t.Fatalf("no CSRF field on the page: %s", page.Body)
	}
	return string(m[1])
}

// Login signs in through the form, as a person would.
func (b *dashBrowser) Login(email, password string) response {
	b.t.Helper()
	form := b.Get("/dashboard/login")
	return b.Post("/dashboard/login", url.Values{"csrf": {b.CSRF(form)}, "email": {email}, "password": {password}}, true)
}

// MustLogin signs in and fails the test unless it worked.
func (b *dashBrowser) MustLogin(email string) {
	b.t.Helper()
	if res := b.Login(email, "correct horse battery"); res.Status != 303 || res.Header.Get("Location") != "/dashboard/caseload" {
		b.t.Fatalf("dashboard login: %d %s", res.Status, res.Body)
	}
}

// scoreCheckin gives the citizen a check-in of instrument over SMS and answers it item by item.
func (e *apiEnv) scoreCheckin(citizenID, phone, instrument string, answers ...int) {
	e.t.Helper()
	e.openCheckin(citizenID, instrument)
	for _, a := range answers {
		// A minute between replies, as a person would take, keeps the timeline readable.
		e.clock.Advance(time.Minute)
		e.sms(phone, fmt.Sprint(a))
	}
	ck, _ := e.store.ScoredCheckins(context.Background(), citizenID)
	if len(ck) == 0 || ck[len(ck)-1].Instrument != instrument {
		e.t.Fatalf("%s check-in was not scored", instrument)
	}
}

// openFlag returns the id of the citizen's open flag of kind.
func (e *apiEnv) openFlag(citizenID string, kind models.FlagKind) string {
	e.t.Helper()
	items, err := e.store.ReviewQueue(context.Background(), models.ReviewQuery{Admin: true, CitizenID: citizenID})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, it := range items {
		if it.Kind == kind {
			return it.ID
		}
	}
	e.t.Fatalf("no open %s flag for %s", kind, citizenID)
	return ""
}

var scoreChartSVG = regexp.MustCompile(`(?s)<svg id="score-chart".*?</svg>`)

// chartCircles counts the data points in the page's score chart.
func chartCircles(t *testing.T, page response) int {
	t.Helper()
	svg := scoreChartSVG.Find(page.Body)
	if svg == nil {
		t.Fatalf("no score chart on the page")
	}
	return strings.Count(string(svg), "<circle")
}
