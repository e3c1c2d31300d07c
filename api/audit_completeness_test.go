package api_test

import (
	"brobygger/api/apitest"
	"context"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"brobygger/models"
	"brobygger/models/storetest"
)

// auditCase is how to call one staff route so that it touches a citizen: prep makes what the
// call needs and answers the path, the JSON body or dashboard form, and the citizen whose data
// the call reads or changes ("" when the route is audited but about no one citizen, such as the
// pseudonymised research export).
type auditCase struct {
	prep func(f *auditFixture) (path string, body any, citizenID string)
}

// auditExempt lists the staff routes that touch no citizen's data, each with the reason. A new
// route must be added either here or to auditCases, or TestAudit_EveryStaffRouteIsAudited fails.
var auditExempt = map[string]string{
	"GET /dashboard":                                 "redirects to the caseload",
	"GET /dashboard/referrals/new":                   "an empty form",
	"GET /dashboard/offers":                          "the offer directory: no citizen data",
	"POST /dashboard/offers/import":                  "the offer directory: no citizen data",
	"GET /dashboard/password":                        "the caller's own password form",
	"POST /dashboard/password":                       "the caller's own password",
	"POST /dashboard/logout":                         "signs the caller out",
	"GET /dashboard/admin/staff":                     "staff accounts: no citizen data (counts only)",
	"POST /dashboard/admin/staff":                    "staff accounts: no citizen data",
	"POST /dashboard/admin/staff/:id/deactivate":     "staff accounts: audited as the staff member (the page after it is GET /dashboard/admin/staff/:id)",
	"POST /dashboard/admin/staff/:id/reset-password": "staff accounts: audited as the staff member",
	"GET /v1/offers":                                 "the offer directory: no citizen data",
	"GET /v1/push/vapid-public-key":                  "the server's public Web Push key: no citizen data, no sign-in",
	"POST /v1/offers":                                "the offer directory: no citizen data",
	"POST /v1/offers/import":                         "the offer directory: no citizen data",
	"GET /v1/offers/export.hsds.json":                "the offer directory: no citizen data",
	"GET /v1/offers/:id":                             "the offer directory: no citizen data",
	"PUT /v1/offers/:id":                             "the offer directory: no citizen data",
	"DELETE /v1/offers/:id":                          "the offer directory: no citizen data",
	"GET /v1/admin/closed-days":                      "a site setting",
	"PUT /v1/admin/closed-days":                      "a site setting (audited as a setting)",
	"GET /v1/admin/checkin-plan":                     "a site setting",
	"PUT /v1/admin/checkin-plan":                     "a site setting (audited as a setting)",
	"GET /v1/admin/instruments":                      "questionnaire definitions",
	"GET /v1/admin/staff":                            "staff accounts: no citizen data",
	"POST /v1/admin/staff":                           "staff accounts: no citizen data",
	"POST /v1/admin/staff/:id/deactivate":            "staff accounts: audited as the staff member",
	"POST /v1/admin/staff/:id/reset-password":        "staff accounts: audited as the staff member",
	"GET /v1/admin/audit":                            "the log itself: ids only, no citizen data",
	"GET /v1/admin/report":                           "aggregate figures, small groups hidden: no one citizen's data (the view is audited as view_report)",
	"GET /v1/admin/report.csv":                       "aggregate figures, small groups hidden: no one citizen's data (the download is audited)",
	"GET /dashboard/admin/report":                    "aggregate figures, small groups hidden: no one citizen's data (the view is audited as view_report)",
	"GET /v1/admin/retention":                        "a site setting",
	"PUT /v1/admin/retention":                        "a site setting (audited as a setting)",
}

// auditFixture is the data the cases act on: an admin (who may see every citizen) signed in to
// the API and to the dashboard.
type auditFixture struct {
	e     *apitest.Env
	admin *models.Staff
	token string
	// worker refers the citizens (an admin would have to name a worker).
	worker      *models.Staff
	other       *models.Staff // the worker citizens are reassigned to
	workerToken string
	dash        *apitest.DashBrowser
	csrf        string
}

// citizen refers a new citizen who has confirmed contact, and answers its id and referral id.
func (f *auditFixture) citizen() (citizenID, referralID string) {
	f.e.T.Helper()
	phone := storetest.NextPhone()
	id := apitest.ConfirmedCitizen(f.e, f.workerToken, phone)
	return id, apitest.ReferralOf(f.e, id).ID
}

// freeText is a citizen with a waiting free-text SMS in the inbox and an open free-text flag.
func (f *auditFixture) freeText() (citizenID, messageID, flagID string) {
	f.e.T.Helper()
	phone := storetest.NextPhone()
	id := apitest.ConfirmedCitizen(f.e, f.workerToken, phone)
	apitest.SMS(f.e, phone, "Kan du ringe til mig?")
	msgs := apitest.WaitingMessages(f.e, id)
	if len(msgs) == 0 {
		f.e.T.Fatal("no waiting message")
	}
	apitest.Raise(f.e, id, models.SeverityNormal)
	return id, msgs[0], apitest.OpenFlag(f.e, id, models.FlagFreeText)
}

func (f *auditFixture) prescription(citizenID string) string {
	offer := apitest.CreateOffer(f.e, f.token, map[string]any{"title": "Strikkeklub", "organisation": "Biblioteket"})
	return prescribe(f.e, f.token, citizenID, weekly(offer.ID)).ID
}

func justCitizen(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, _ := f.citizen()
		return strings.ReplaceAll(path, ":id", id), body, id
	}}
}

func onReferral(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, ref := f.citizen()
		return strings.ReplaceAll(path, ":id", ref), body, id
	}}
}

func onFlag(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, _, flag := f.freeText()
		return strings.ReplaceAll(path, ":id", flag), body, id
	}}
}

func onMessage(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, msg, _ := f.freeText()
		return strings.ReplaceAll(path, ":message_id", msg), body, id
	}}
}

// listing shows a list page: the citizen made first must be among those recorded as shown.
func listing(path string) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, _, _ := f.freeText()
		return path, nil, id
	}}
}

func withPrescription(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, _ := f.citizen()
		pid := f.prescription(id)
		return strings.NewReplacer(":id", id, ":pid", pid).Replace(path), body, id
	}}
}

func deletionRequested(path string, body any) auditCase {
	return auditCase{func(f *auditFixture) (string, any, string) {
		id, _ := f.citizen()
		if _, err := f.e.Store.RequestDeletion(context.Background(), id); err != nil {
			f.e.T.Fatal(err)
		}
		return strings.ReplaceAll(path, ":id", id), body, id
	}}
}

func auditCases() map[string]auditCase {
	prescribeForm := url.Values{"weekday": {"4"}, "start_time": {"10:00"}, "end_time": {"12:00"}, "starts_on": {""}, "ends_on": {""}}
	cases := map[string]auditCase{
		"GET /v1/referrals":                               listing("/v1/referrals"),
		"GET /v1/caseload":                                listing("/v1/caseload"),
		"GET /v1/flags":                                   listing("/v1/flags"),
		"GET /v1/inbox":                                   listing("/v1/inbox"),
		"POST /v1/referrals/:id/accept":                   onReferral("/v1/referrals/:id/accept", nil),
		"POST /v1/referrals/:id/decline":                  onReferral("/v1/referrals/:id/decline", map[string]string{"reason": "declined", "note": "Vil ikke"}),
		"POST /v1/referrals/:id/close":                    onReferral("/v1/referrals/:id/close", map[string]string{"reason": "moved"}),
		"POST /v1/flags/:id/ack":                          onFlag("/v1/flags/:id/ack", map[string]string{"note": "Ringede"}),
		"POST /v1/inbox/:message_id/handled":              onMessage("/v1/inbox/:message_id/handled", nil),
		"GET /v1/citizens/:id":                            justCitizen("/v1/citizens/:id", nil),
		"GET /v1/citizens/:id/timeline":                   justCitizen("/v1/citizens/:id/timeline", nil),
		"GET /v1/citizens/:id/schedule":                   justCitizen("/v1/citizens/:id/schedule", nil),
		"POST /v1/citizens/:id/messages":                  justCitizen("/v1/citizens/:id/messages", map[string]string{"body": "Hej"}),
		"POST /v1/citizens/:id/checkins":                  justCitizen("/v1/citizens/:id/checkins", map[string]string{"instrument": "who5"}),
		"GET /v1/citizens/:id/notes":                      justCitizen("/v1/citizens/:id/notes", nil),
		"POST /v1/citizens/:id/notes":                     justCitizen("/v1/citizens/:id/notes", map[string]string{"body": "Telefonsamtale."}),
		"POST /v1/citizens/:id/pause":                     justCitizen("/v1/citizens/:id/pause", map[string]string{"reason": "Indlagt"}),
		"PUT /v1/citizens/:id/email":                      justCitizen("/v1/citizens/:id/email", map[string]string{"email": "audit.json@example.dk"}),
		"POST /v1/citizens/:id/research-consent/withdraw": justCitizen("/v1/citizens/:id/research-consent/withdraw", nil),
		"GET /v1/citizens/:id/prescriptions":              justCitizen("/v1/citizens/:id/prescriptions", nil),
		"DELETE /v1/citizens/:id/prescriptions/:pid":      withPrescription("/v1/citizens/:id/prescriptions/:pid", nil),
		"GET /v1/admin/deletion-requests":                 deletionRequested("/v1/admin/deletion-requests", nil),
		"POST /v1/admin/deletion-requests/:id/erase":      deletionRequested("/v1/admin/deletion-requests/:id/erase", nil),
		"POST /v1/citizens/:id/resume": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			if _, err := f.e.Store.PauseCitizen(context.Background(), id, f.admin.ID, "Ferie"); err != nil {
				f.e.T.Fatal(err)
			}
			return "/v1/citizens/" + id + "/resume", nil, id
		}},
		"POST /v1/citizens/:id/reassign": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			return "/v1/citizens/" + id + "/reassign", map[string]string{"link_worker_id": f.other.ID}, id
		}},
		"POST /v1/citizens/:id/prescriptions": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			offer := apitest.CreateOffer(f.e, f.token, map[string]any{"title": "Gåtur", "organisation": "DGI"})
			return "/v1/citizens/" + id + "/prescriptions", weekly(offer.ID), id
		}},
		"POST /v1/referrals": {func(f *auditFixture) (string, any, string) {
			return "/v1/referrals", map[string]any{"name": "Ny Borger", "phone": storetest.NextPhone(), "language": "da",
				"referrer_name": "Dr. Berg", "referrer_clinic": "Lægehuset", "reason": "Ensom", "consent_contact": true, "consent_data": true, "link_worker_id": f.worker.ID}, "new"
		}},
		"GET /v1/admin/research-export": {func(f *auditFixture) (string, any, string) {
			return "/v1/admin/research-export?format=codebook", nil, ""
		}},

		"GET /dashboard/caseload":                                listing("/dashboard/caseload"),
		"GET /dashboard/referrals":                               listing("/dashboard/referrals"),
		"GET /dashboard/review":                                  listing("/dashboard/review"),
		"GET /dashboard/inbox":                                   listing("/dashboard/inbox"),
		"GET /dashboard/citizens/:id":                            justCitizen("/dashboard/citizens/:id", nil),
		"POST /dashboard/referrals/:id/accept":                   onReferral("/dashboard/referrals/:id/accept", url.Values{}),
		"POST /dashboard/referrals/:id/decline":                  onReferral("/dashboard/referrals/:id/decline", url.Values{"reason": {"declined"}, "confirm": {"yes"}}),
		"POST /dashboard/referrals/:id/close":                    onReferral("/dashboard/referrals/:id/close", url.Values{"reason": {"moved"}, "confirm": {"yes"}}),
		"POST /dashboard/flags/:id/ack":                          onFlag("/dashboard/flags/:id/ack", url.Values{"note": {"Ringede"}}),
		"POST /dashboard/inbox/:message_id/handled":              onMessage("/dashboard/inbox/:message_id/handled", url.Values{}),
		"POST /dashboard/citizens/:id/messages":                  justCitizen("/dashboard/citizens/:id/messages", url.Values{"body": {"Hej"}}),
		"POST /dashboard/citizens/:id/pause":                     justCitizen("/dashboard/citizens/:id/pause", url.Values{"reason": {"Indlagt"}}),
		"POST /dashboard/citizens/:id/email":                     justCitizen("/dashboard/citizens/:id/email", url.Values{"email": {"audit.form@example.dk"}}),
		"POST /dashboard/citizens/:id/notes":                     justCitizen("/dashboard/citizens/:id/notes", url.Values{"body": {"Telefonsamtale."}}),
		"POST /dashboard/citizens/:id/research-consent/withdraw": justCitizen("/dashboard/citizens/:id/research-consent/withdraw", url.Values{"confirm": {"true"}}),
		"POST /dashboard/citizens/:id/checkins":                  justCitizen("/dashboard/citizens/:id/checkins", url.Values{"instrument": {"who5"}}),
		"POST /dashboard/citizens/:id/prescriptions/:pid/end":    withPrescription("/dashboard/citizens/:id/prescriptions/:pid/end", url.Values{}),
		"GET /dashboard/admin/deletion-requests":                 deletionRequested("/dashboard/admin/deletion-requests", nil),
		"POST /dashboard/admin/deletion-requests/:id/erase":      deletionRequested("/dashboard/admin/deletion-requests/:id/erase", url.Values{"confirm": {"yes"}}),
		"GET /dashboard/admin/audit":                             listing("/dashboard/admin/audit"),
		"GET /dashboard/admin/staff/:id": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			return "/dashboard/admin/staff/" + f.worker.ID, nil, id
		}},
		"POST /dashboard/admin/staff/:id/reassign": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			return "/dashboard/admin/staff/" + f.worker.ID + "/reassign", url.Values{"link_worker_id_" + id: {f.other.ID}}, id
		}},
		"POST /dashboard/citizens/:id/resume": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			if _, err := f.e.Store.PauseCitizen(context.Background(), id, f.admin.ID, "Ferie"); err != nil {
				f.e.T.Fatal(err)
			}
			return "/dashboard/citizens/" + id + "/resume", url.Values{}, id
		}},
		"POST /dashboard/citizens/:id/prescriptions": {func(f *auditFixture) (string, any, string) {
			id, _ := f.citizen()
			offer := apitest.CreateOffer(f.e, f.token, map[string]any{"title": "Gåtur", "organisation": "DGI"})
			form := url.Values{"offer_id": {offer.ID}}
			for k, v := range prescribeForm {
				form[k] = v
			}
			return "/dashboard/citizens/" + id + "/prescriptions", form, id
		}},
		"POST /dashboard/referrals": {func(f *auditFixture) (string, any, string) {
			form := apitest.ReferralForm("", storetest.NextPhone())
			form.Del("csrf")
			form.Set("link_worker_id", f.worker.ID)
			return "/dashboard/referrals", form, "new"
		}},
	}
	maps.Copy(cases, medcomAuditCases())
	return cases
}

// isStaffRoute says whether a route is used by staff: /v1 outside the sign-in and citizen routes,
// and the dashboard outside its open pages.
func isStaffRoute(method, path string) bool {
	if method == "HEAD" || method == "OPTIONS" {
		return false
	}
	switch {
	case strings.HasPrefix(path, "/v1/auth/"), path == "/v1/me", strings.HasPrefix(path, "/v1/me/"):
		return false
	case strings.HasPrefix(path, "/v1/"):
		return true
	case path == "/dashboard/login", path == "/dashboard/language", strings.HasPrefix(path, "/dashboard/assets/"):
		return false
	}
	return strings.HasPrefix(path, "/dashboard")
}

// TestAudit_EveryStaffRouteIsAudited walks every staff route the app serves: each must either
// write an audit entry about the citizen it touched (a list page: one per citizen shown), with
// the request's id, or be listed in auditExempt with a reason. A new staff route without either
// fails here.
func TestAudit_EveryStaffRouteIsAudited(t *testing.T) {
	eachResearchAPI(t, apiResearchKey, func(t *testing.T, e *apitest.Env) {
		cases := auditCases()
		var routes []string
		for _, r := range e.Client.App.GetRoutes(true) {
			key := r.Method + " " + r.Path
			if !isStaffRoute(r.Method, r.Path) || slices.Contains(routes, key) {
				continue
			}
			routes = append(routes, key)
			_, exempt := auditExempt[key]
			_, tested := cases[key]
			if exempt == tested {
				t.Errorf("%s must be in exactly one of auditCases and auditExempt (exempt %v, tested %v)", key, exempt, tested)
			}
		}
		for key := range cases {
			if !slices.Contains(routes, key) {
				t.Errorf("auditCases names %s, which the app does not serve", key)
			}
		}
		admin, tk := e.Staff("admin@example.dk", models.RoleAdmin)
		worker, wt := e.Staff("worker@example.dk", models.RoleLinkWorker)
		other, _ := e.Staff("other@example.dk", models.RoleLinkWorker)
		f := &auditFixture{e: e, admin: admin, token: tk.AccessToken, worker: worker, other: other, workerToken: wt.AccessToken, dash: apitest.Browser(e)}
		f.dash.MustLogin("admin@example.dk")
		f.csrf = f.dash.CSRF(f.dash.Get("/dashboard/referrals/new"))
		slices.Sort(routes)
		signedInAt := e.Clock.Now()
		for _, key := range routes {
			c, ok := cases[key]
			if !ok {
				continue
			}
			method, _, _ := strings.Cut(key, " ")
			// The fake clock moves a minute or two with each case's SMS: fresh tokens before the
			// 15-minute ones expire (signing in hashes a password, so not every time).
			if e.Clock.Now().Sub(signedInAt) > 8*time.Minute {
				f.token, f.workerToken, signedInAt = apitest.Login(e, "admin@example.dk").AccessToken, apitest.Login(e, "worker@example.dk").AccessToken, e.Clock.Now()
			}
			path, body, citizenID := c.prep(f)
			var res apitest.Response
			if form, isForm := body.(url.Values); isForm || strings.HasPrefix(path, "/dashboard") {
				if method == "GET" {
					res = f.dash.Get(path)
				} else {
					form.Set("csrf", f.csrf)
					res = f.dash.Post(path, form, true)
				}
			} else {
				res = e.Client.Do(apitest.NewJSONRequest(method, path, body, f.token))
			}
			if res.Status >= 400 {
				t.Errorf("%s: %d %s", key, res.Status, res.Body)
				continue
			}
			requestID := res.Header.Get("X-Request-ID")
			if !auditedIn(t, e, requestID, citizenID) {
				t.Errorf("%s (%s): no audit entry for request %s about citizen %q", key, path, requestID, citizenID)
			}
		}
	})
}

// auditedIn reports whether the request wrote an audit entry, about citizenID when it names one
// ("new": about some citizen; "": about anything).
func auditedIn(t *testing.T, e *apitest.Env, requestID, citizenID string) bool {
	t.Helper()
	q := models.AuditQuery{Limit: 500}
	if citizenID != "" && citizenID != "new" {
		q.CitizenID = citizenID
	}
	page, err := e.Store.AuditLog(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range page.Rows {
		if r.RequestID == requestID && (citizenID != "new" || r.ObjectType == "citizen") {
			return true
		}
	}
	return false
}
