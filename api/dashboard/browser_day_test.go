package dashboard_test

import (
	"brobygger/api/apitest"
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"brobygger/notify/twiliotest"

	"github.com/chromedp/chromedp"
)

// The whole-day test runs the binary that ships (`brobygger serve`: API, dashboard, scheduler and
// the outbox dispatcher sending through twilio-go) against the fake Twilio, so the contact SMS
// takes the real road out and the citizen's answers come back as Twilio signs them.
const (
	dayAccountSID = "AC0123456789abcdef0123456789abcdef"
	dayAuthToken  = "daytoken0123456789"
	dayFrom       = "+4570701234"
	dayPublicURL  = "https://sms.example.dk"
	dayPassword   = "a long enough password"
)

// TestDashboard_BrowserWholeDay walks a link worker's day in headless Chromium: sign in to an
// empty caseload, type a referral (first with mistakes), see the contact SMS reach Twilio, the
// citizen's JA, a prescription from the builder, a distress SMS that shows in the inbox and as
// one card in the review queue with its reason in Danish, the acknowledgement with a note and a
// case note; then an admin deactivates the worker, moves their citizen to a colleague in one
// step, and the worker's open session is gone. Every page is checked (axe-core, 390 px, and a
// screenshot at both widths named day-NN-page).
func TestDashboard_BrowserWholeDay(t *testing.T) {
	chromium := apitest.ChromiumPath(t)
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	axe := apitest.AxeSource(t)
	fake := twiliotest.NewServer(dayAccountSID, dayAuthToken)
	t.Cleanup(fake.Close)
	site := startDaySite(t, fake)
	ctx := apitest.NewHeadlessChromium(t, chromium)
	step := 0
	check := func(name string) {
		t.Helper()
		step++
		danishOnly(t, ctx, name)
		checkPage(t, ctx, axe, "day-"+twoDigits(step)+"-"+name)
	}
	site.createOffer(t)

	// Morning: a new worker's empty caseload says how citizens arrive.
	apitest.Run(t, ctx, "the sign-in form", chromedp.Navigate(site.base+"/dashboard/login"), chromedp.WaitVisible(chromedp.CSS("#email")))
	check("login")
	signIn(t, ctx, "lise@frivilligcenter.dk", "#empty-caseload")
	check("caseload-empty")

	// The referral, typed: first half done (the words appear beside the fields), then right.
	apitest.Run(t, ctx, "open the referral form", chromedp.Click(chromedp.CSS("#empty-caseload a.button")), chromedp.WaitVisible(chromedp.CSS("#r-name")))
	check("referral-form")
	apitest.Run(t, ctx, "send it half filled in",
		chromedp.SendKeys(chromedp.CSS("#r-phone"), "12"),
		chromedp.SendKeys(chromedp.CSS("#r-birth-year"), "19"),
		chromedp.Click(chromedp.CSS("form.referral-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#form-errors")))
	if errs := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('.field-error')].map(e => e.id)`); strings.Join(errs, ",") != "e-name,e-phone,e-birth_year,e-consent" {
		t.Errorf("the field errors shown: %v", errs)
	}
	check("referral-form-errors")
	apitest.Run(t, ctx, "fill it in",
		chromedp.SendKeys(chromedp.CSS("#r-name"), "Søren Ørsted"),
		chromedp.SetValue(chromedp.CSS("#r-phone"), "+45 26 12 34 56"),
		chromedp.SetValue(chromedp.CSS("#r-birth-year"), "1956"),
		chromedp.SetValue(chromedp.CSS("#r-sex"), "male"),
		chromedp.SendKeys(chromedp.CSS("#r-municipality"), "København"),
		chromedp.SendKeys(chromedp.CSS("#r-referrer"), "Dr. Berg"),
		chromedp.SendKeys(chromedp.CSS("#r-clinic"), "Lægehuset Nørrebro"),
		chromedp.SendKeys(chromedp.CSS("#r-reason"), "Ensom efter flytning"),
		chromedp.SetValue(chromedp.CSS("#r-reason-category"), "loneliness"),
		chromedp.Click(chromedp.CSS(`input[name=consent_contact]`)),
		chromedp.Click(chromedp.CSS(`input[name=consent_data]`)),
		chromedp.Click(chromedp.CSS(`input[name=consent_research]`)),
		chromedp.Click(chromedp.CSS("form.referral-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("li.referral")))
	check("referrals")
	apitest.Run(t, ctx, "accept the referral", chromedp.Click(chromedp.CSS(`li.referral form[action$="/accept"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(".notice")))

	// The contact SMS goes out through twilio-go to "Twilio"; the citizen answers JA.
	contact := site.waitForMessages(t, 1)[0]
	if contact.To != "+4526123456" || contact.From != dayFrom || !strings.Contains(contact.Body, "Lise") {
		t.Fatalf("the contact SMS: %+v", contact)
	}
	site.inboundSMS(t, "+4526123456", "JA")
	// The answer to JA; the scheduler's pass, which runs each minute by the wall clock, may start
	// the citizen's first check-in right after it, so a third SMS to the same number is no error.
	for _, m := range site.waitForAtLeast(t, 2)[1:] {
		if m.To != "+4526123456" {
			t.Fatalf("an SMS after JA went to %s", m.To)
		}
	}

	// The citizen's page: the prescription from the builder.
	apitest.Run(t, ctx, "caseload", chromedp.Navigate(site.base+"/dashboard/caseload"), chromedp.WaitVisible(chromedp.CSS("#caseload")))
	check("caseload")
	apitest.Run(t, ctx, "open the citizen", chromedp.Click(chromedp.CSS(`#caseload tr.citizen a`)), chromedp.WaitVisible(chromedp.CSS("#offer-q")))
	citizenURL := apitest.EvalJS[string](t, ctx, `location.origin + location.pathname`)
	apitest.Run(t, ctx, "search the offers",
		chromedp.SendKeys(chromedp.CSS("#offer-q"), "strik"),
		chromedp.Click(chromedp.CSS("form.search-row button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#prescribe-form")))
	apitest.Run(t, ctx, "prescribe the knitting club on Thursdays",
		chromedp.Click(chromedp.CSS("#offer-0")),
		chromedp.SetValue(chromedp.CSS("#p-weekday"), "4"),
		chromedp.SetValue(chromedp.CSS("#p-start"), "10:00"),
		chromedp.SetValue(chromedp.CSS("#p-end"), "12:00"),
		chromedp.Click(chromedp.CSS("#prescribe-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))
	if n := apitest.EvalJS[int](t, ctx, `document.querySelectorAll('#prescriptions li.activity:not(.ended)').length`); n != 1 {
		t.Fatalf("%d active prescriptions after the builder", n)
	}

	// A distress SMS: it waits in the inbox, marked, and is one card in the review queue.
	site.inboundSMS(t, "+4526123456", "Jeg orker ikke at leve mere")
	apitest.Run(t, ctx, "inbox", chromedp.Navigate(site.base+"/dashboard/inbox"), chromedp.WaitVisible(chromedp.CSS("#inbox")))
	if text := apitest.EvalJS[string](t, ctx, `document.querySelector('#inbox').innerText`); !strings.Contains(text, "Jeg orker ikke at leve mere") ||
		!strings.Contains(text, "Søren Ørsted") || apitest.EvalJS[int](t, ctx, `document.querySelectorAll('#inbox .sev').length`) != 1 {
		t.Errorf("the inbox shows: %s", text)
	}
	check("inbox")
	apitest.Run(t, ctx, "review queue", chromedp.Navigate(site.base+"/dashboard/review"), chromedp.WaitVisible(chromedp.CSS("#review-queue")))
	cards := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('#review-queue > li')].map(li => li.querySelector('.reason').innerText)`)
	if len(cards) != 1 || !strings.Contains(cards[0], "Hvorfor") {
		t.Fatalf("the review queue's cards: %q", cards)
	}
	if english := englishWordsIn(cards[0]); len(english) > 0 {
		t.Errorf("the reason is not Danish (%v): %s", english, cards[0])
	}
	check("review")
	apitest.Run(t, ctx, "acknowledge with a note",
		chromedp.SendKeys(chromedp.CSS("#review-queue > li textarea"), "Ringede til Søren. Han har tid hos egen læge i morgen."),
		chromedp.Click(chromedp.CSS("#review-queue > li button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".notice")))

	// A case note on the citizen's page.
	apitest.Run(t, ctx, "write a case note", chromedp.Navigate(citizenURL), chromedp.WaitVisible(chromedp.CSS("#note-body")),
		chromedp.SendKeys(chromedp.CSS("#note-body"), "Møde i Kulturhuset. Søren vil prøve strikkeklubben på torsdag."),
		chromedp.Click(chromedp.CSS("#note-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#notes li.note")))
	if text := apitest.EvalJS[string](t, ctx, `document.querySelector('#timeline').innerText`); !strings.Contains(text, "Ringede til Søren") || !strings.Contains(text, "strikkeklubben") {
		t.Errorf("the timeline lacks the acknowledgement or the note: %s", text)
	}
	check("citizen")
	apitest.Run(t, ctx, "offers", chromedp.Navigate(site.base+"/dashboard/offers"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	check("offers")
	apitest.Run(t, ctx, "password", chromedp.Navigate(site.base+"/dashboard/password"), chromedp.WaitVisible(chromedp.CSS("#pw-current")))
	check("password")

	// Afternoon: the admin, in a browser of their own, deactivates Lise and moves her citizen.
	admin, cancel := chromedp.NewContext(ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first run opens the tab and ties it to its context, so it must carry no timeout.
	if err := chromedp.Do(admin); err != nil {
		t.Fatal(err)
	}
	apitest.Run(t, admin, "admin sign-in form", chromedp.Navigate(site.base+"/dashboard/login"), chromedp.WaitVisible(chromedp.CSS("#email")))
	signIn(t, admin, "admin@frivilligcenter.dk", "form.logout")
	apitest.Run(t, admin, "staff list", chromedp.Navigate(site.base+"/dashboard/admin/staff"), chromedp.WaitVisible(chromedp.CSS("#staff")))
	danishOnly(t, admin, "admin-staff")
	checkPage(t, admin, axe, "day-"+twoDigits(step+1)+"-admin-staff")
	apitest.Run(t, admin, "open Lise", chromedp.Click(chromedp.CSS(`#staff a[href*="`+site.staffID(t, "lise@frivilligcenter.dk")+`"]`)),
		chromedp.WaitVisible(chromedp.CSS("#deactivate")))
	danishOnly(t, admin, "staff-member")
	checkPage(t, admin, axe, "day-"+twoDigits(step+2)+"-staff-member")
	apitest.Run(t, admin, "deactivate Lise",
		chromedp.Click(chromedp.CSS("#deactivate-confirm")),
		chromedp.Click(chromedp.CSS("#deactivate button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#citizens-to-move")))
	checkPage(t, admin, axe, "day-"+twoDigits(step+3)+"-staff-member-deactivated")
	apitest.Run(t, admin, "move her citizens to Bo in one step",
		chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector('#to-all');
			s.selectedIndex = [...s.options].findIndex(o => o.text.includes('Bo')); })()`),
		chromedp.Click(chromedp.CSS("#citizens button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#no-citizens")))
	apitest.Run(t, admin, "audit log", chromedp.Navigate(site.base+"/dashboard/admin/audit"), chromedp.WaitVisible(chromedp.CSS("#audit")))
	if text := apitest.EvalJS[string](t, admin, `document.querySelector('#audit').innerText`); !strings.Contains(text, "Deaktiverede medarbejder") ||
		!strings.Contains(text, "Skrev en note") {
		t.Errorf("the audit log lacks the deactivation or the note: %s", text)
	}
	danishOnly(t, admin, "audit")
	checkPage(t, admin, axe, "day-"+twoDigits(step+4)+"-audit")

	// Lise's open session is gone at her next click.
	apitest.Run(t, ctx, "Lise clicks on", chromedp.Navigate(site.base+"/dashboard/caseload"), chromedp.WaitVisible(chromedp.CSS("#email")))
	if path := apitest.EvalJS[string](t, ctx, `location.pathname`); path != "/dashboard/login" {
		t.Errorf("the deactivated worker reached %s", path)
	}
}

// danishOnly fails when the Danish page shows an English interface word. What people typed
// (SMS, notes, offers) is Danish in this test, so the whole visible text is checked, and the
// attributes a screen reader reads too.
func danishOnly(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	text := apitest.EvalJS[string](t, ctx, `document.body.innerText + '\n' + [...document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]')]
		.map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('title'), e.getAttribute('alt')].filter(Boolean).join('\n')).join('\n')`)
	if words := englishWordsIn(text); len(words) > 0 {
		t.Errorf("%s: English on the Danish page: %v\n%s", page, words, text)
	}
}

// signIn fills in the sign-in form and waits for the first page behind it.
// wait must name something only a signed-in page shows: the sign-in page has its own "main h1",
// and a wait it already satisfies lets the next navigation race the login's redirect.
func signIn(t *testing.T, ctx context.Context, email, wait string) {
	t.Helper()
	apitest.Run(t, ctx, "sign in as "+email,
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.SendKeys(chromedp.CSS("#password"), dayPassword),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(wait)))
}

func twoDigits(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

// daySite is a running `brobygger serve` with its database and the fake Twilio it sends to.
type daySite struct {
	base string
	db   string
	bin  string
	fake *twiliotest.Server
	logs *bytes.Buffer
}

// startDaySite builds the binary, adds the staff (a link worker, a colleague and an admin) and
// starts the server at 10:00 on a Tuesday in Copenhagen, whatever the machine's own clock.
func startDaySite(t *testing.T, fake *twiliotest.Server) *daySite {
	t.Helper()
	dir := t.TempDir()
	s := &daySite{bin: filepath.Join(dir, "brobygger"), db: filepath.Join(dir, "day.db"), fake: fake, logs: &bytes.Buffer{}}
	if out, err := exec.Command("go", "build", "-o", s.bin, "../../cmd/brobygger").CombinedOutput(); err != nil {
		t.Fatalf("build the binary: %v\n%s", err, out)
	}
	for _, p := range [][3]string{{"lise@frivilligcenter.dk", "Lise Holm", "link_worker"}, {"bo@frivilligcenter.dk", "Bo Berg", "link_worker"},
		{"admin@frivilligcenter.dk", "Anne Admin", "admin"}} {
		add := exec.Command(s.bin, "staff", "add", "--email", p[0], "--name", p[1], "--role", p[2], "--phone", "33123456")
		add.Env, add.Stdin = s.env(""), strings.NewReader(dayPassword+"\n")
		if out, err := add.CombinedOutput(); err != nil {
			t.Fatalf("staff add %s: %v %s", p[0], err, out)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := exec.Command(s.bin, "serve")
	srv.Env, srv.Stdout, srv.Stderr = s.env(addr), s.logs, s.logs
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Process.Kill(); _ = srv.Wait() })
	s.base = "http://" + addr
	// Waiting by the wall clock is the test's patience, not the server's time.
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(s.base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server never became ready\n%s", s.logs)
		}
	}
}

// env is the server's environment; the machine's zone is set far from the site's, so nothing
// can lean on it.
func (s *daySite) env(addr string) []string {
	return append(os.Environ(), "TZ=Pacific/Kiritimati", "LISTEN_ADDR="+addr, "DATABASE_URL=sqlite:"+s.db,
		"TWILIO_ACCOUNT_SID="+dayAccountSID, "TWILIO_AUTH_TOKEN="+dayAuthToken, "TWILIO_FROM="+dayFrom, "TWILIO_API_URL="+s.fake.URL(),
		"PUBLIC_BASE_URL="+dayPublicURL, "SMS_RATE_PER_SECOND=0", "JWT_SECRET=a-whole-day-secret-of-32-characters!",
		"TIMEZONE=Europe/Copenhagen", "BROBYGGER_CLOCK_START=2026-12-08T10:00:00+01:00")
}

// login signs in through the JSON API and returns the access token.
func (s *daySite) login(t *testing.T, email string) string {
	t.Helper()
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	s.call(t, "POST", "/v1/auth/staff/login", "", map[string]string{"email": email, "password": dayPassword}, 200, &tok)
	return tok.AccessToken
}

// createOffer puts the knitting club in the offer directory, as an admin.
func (s *daySite) createOffer(t *testing.T) {
	t.Helper()
	s.call(t, "POST", "/v1/offers", s.login(t, "admin@frivilligcenter.dk"), apitest.KnittingClub(), 201, nil)
}

// staffID finds a staff member's id in the admin's JSON staff list.
func (s *daySite) staffID(t *testing.T, email string) string {
	t.Helper()
	var list struct {
		Items []struct{ ID, Email string }
	}
	s.call(t, "GET", "/v1/admin/staff", s.login(t, "admin@frivilligcenter.dk"), nil, 200, &list)
	for _, st := range list.Items {
		if st.Email == email {
			return st.ID
		}
	}
	t.Fatalf("no staff member %s in %+v", email, list)
	return ""
}

func (s *daySite) call(t *testing.T, method, path, token string, body any, want int, out any) {
	t.Helper()
	var b []byte
	if body != nil {
		b, _ = json.Marshal(body)
	}
	apitest.CallJSON(t, method, s.base+path, token, string(b), want, out)
}

// inboundSMS posts the citizen's SMS to the webhook, signed as Twilio signs it against
// PUBLIC_BASE_URL.
func (s *daySite) inboundSMS(t *testing.T, from, body string) {
	t.Helper()
	params := twiliotest.InboundSMSParams(dayAccountSID, "", from, dayFrom, body)
	req, _ := http.NewRequest(http.MethodPost, s.base+"/webhooks/twilio/sms", strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("X-Twilio-Signature", twiliotest.Signature(dayAuthToken, dayPublicURL+"/webhooks/twilio/sms", params))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("inbound webhook %q: %d\n%s", body, res.StatusCode, s.logs)
	}
}

// waitForAtLeast waits (the test's patience, by the wall clock) until the fake Twilio holds n
// messages or more.
func (s *daySite) waitForAtLeast(t *testing.T, n int) []twiliotest.Message {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); len(s.fake.Messages()) < n && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	msgs := s.fake.Messages()
	if len(msgs) < n {
		t.Fatalf("the fake Twilio holds %d messages, want at least %d\n%s", len(msgs), n, s.logs)
	}
	return msgs
}

// waitForMessages is waitForAtLeast for exactly n messages.
func (s *daySite) waitForMessages(t *testing.T, n int) []twiliotest.Message {
	t.Helper()
	msgs := s.waitForAtLeast(t, n)
	if len(msgs) != n {
		t.Fatalf("the fake Twilio holds %d messages, want %d\n%s", len(msgs), n, s.logs)
	}
	return msgs
}
