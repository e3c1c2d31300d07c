package api_test

import (
	"brobygger/api/apitest"
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

type oneTimePassword struct {
	Staff struct {
		ID                 string `json:"id"`
		MustChangePassword bool   `json:"must_change_password"`
	} `json:"staff"`
	OneTimePassword string `json:"one_time_password"`
}

type loginAnswer struct {
	apitest.Tokens
	PasswordChangeRequired bool `json:"password_change_required"`
}

func signIn(e *apitest.Env, email, password string) (int, loginAnswer) {
	e.T.Helper()
	res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": email, "password": password}, ""))
	var out loginAnswer
	if res.Status == 200 {
		res.JSON(e.T, &out)
	}
	return res.Status, out
}

// TestAdminStaff_LinkWorkerIsForbidden: every admin route answers a link worker 403 with a JSON error.
func TestAdminStaff_LinkWorkerIsForbidden(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		w, wt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		for _, req := range []struct{ method, path string }{
			{"GET", "/v1/admin/staff"}, {"POST", "/v1/admin/staff"}, {"POST", "/v1/admin/staff/" + w.ID + "/deactivate"},
			{"POST", "/v1/admin/staff/" + w.ID + "/reset-password"}, {"GET", "/v1/admin/audit"},
		} {
			var body any
			if req.path == "/v1/admin/staff" && req.method == "POST" {
				body = map[string]string{"email": "x@example.dk", "name": "X", "role": "admin"}
			}
			res := e.Client.Do(apitest.NewJSONRequest(req.method, req.path, body, wt.AccessToken))
			if res.Status != 403 || res.ErrorCode(t) != "EFORBIDDEN" {
				t.Fatalf("%s %s as a link worker: %d %s", req.method, req.path, res.Status, res.Body)
			}
		}
		if st, _ := e.Store.StaffSessionOf(t.Context(), w.ID); !st.Active {
			t.Fatal("the link worker's forbidden request changed their account")
		}
	})
}

// TestAdminStaff_InviteAndFirstSignIn: the admin adds a worker; the one-time password is in the
// body only; signing in with it answers password_change_required and every endpoint but the
// password change is 403 until the worker picks their own, which ends the one-time login.
func TestAdminStaff_InviteAndFirstSignIn(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		create := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff", map[string]string{"email": "Ny@Example.dk", "name": "Nina Ny",
			"role": "link_worker", "phone": "33123457"}, at.AccessToken))
		if create.Status != 201 {
			t.Fatalf("create: %d %s", create.Status, create.Body)
		}
		var otp oneTimePassword
		create.JSON(t, &otp)
		if len(otp.OneTimePassword) != 16 || !otp.Staff.MustChangePassword {
			t.Fatalf("create answer: %s", create.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff", map[string]string{"email": "ny@example.dk", "name": "Igen",
			"role": "admin"}, at.AccessToken)); res.Status != 409 {
			t.Fatalf("same email twice: %d", res.Status)
		}
		if res := e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/admin/staff", map[string]string{"email": "ny2@example.dk", "name": "X",
			"role": "boss"}, at.AccessToken)); res.Status != 400 {
			t.Fatalf("unknown role: %d", res.Status)
		}
		status, first := signIn(e, "ny@example.dk", otp.OneTimePassword)
		if status != 200 || !first.PasswordChangeRequired {
			t.Fatalf("first sign-in: %d %+v", status, first)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, first.AccessToken)); res.Status != 403 || !strings.Contains(string(res.Body), "/v1/auth/password") {
			t.Fatalf("caseload before the password change: %d %s", res.Status, res.Body)
		}
		change := func(current, next string) apitest.Response {
			return e.Client.DoInvalid(apitest.NewJSONRequest("POST", "/v1/auth/password", map[string]string{"current_password": current, "new_password": next}, first.AccessToken))
		}
		if res := change("not the password", "my own good password"); res.Status != 400 {
			t.Fatalf("wrong current password: %d %s", res.Status, res.Body)
		}
		res := change(otp.OneTimePassword, "my own good password")
		if res.Status != 200 || strings.Contains(string(res.Body), "password_change_required") {
			t.Fatalf("password change: %d %s", res.Status, res.Body)
		}
		var fresh apitest.Tokens
		res.JSON(t, &fresh)
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, fresh.AccessToken)); res.Status != 200 {
			t.Fatalf("caseload with the new login: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, first.AccessToken)); res.Status != 401 {
			t.Fatalf("the one-time login's token after the change: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("the one-time login's refresh token after the change: %d", res.Status)
		}
		if status, _ := signIn(e, "ny@example.dk", otp.OneTimePassword); status != 401 {
			t.Fatalf("the one-time password still signs in: %d", status)
		}
		list := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/staff", nil, at.AccessToken))
		if list.Status != 200 || !strings.Contains(string(list.Body), `"email":"ny@example.dk"`) || !strings.Contains(string(list.Body), `"last_login_at":"20`) {
			t.Fatalf("staff list: %d %s", list.Status, list.Body)
		}
	})
}

// TestAdminStaff_DeactivateSignsOutEverywhere: after deactivation the worker's still-valid access
// token is 401 on the next request, their refresh token fails, their dashboard session is gone,
// and the answer lists their citizens, which the admin then reassigns.
func TestAdminStaff_DeactivateSignsOutEverywhere(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		leaving, lt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		staying, _ := e.Staff("lw2@example.dk", models.RoleLinkWorker)
		citizen := e.Refer(lt.AccessToken, "26310001")
		dash := apitest.Browser(e)
		dash.MustLogin("lw@example.dk")
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, lt.AccessToken)); res.Status != 200 {
			t.Fatalf("caseload before: %d", res.Status)
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff/"+leaving.ID+"/deactivate", nil, at.AccessToken))
		if res.Status != 200 || !strings.Contains(string(res.Body), citizen) || !strings.Contains(string(res.Body), `"active":false`) {
			t.Fatalf("deactivate: %d %s", res.Status, res.Body)
		}
		e.Clock.Advance(time.Second) // well inside the 15 minutes the access token is still valid for
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, lt.AccessToken)); res.Status != 401 {
			t.Fatalf("deactivated worker's access token: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": lt.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("deactivated worker's refresh: %d", res.Status)
		}
		if page := dash.Get("/dashboard/caseload"); page.Status != 303 || page.Header.Get("Location") != "/dashboard/login" {
			t.Fatalf("deactivated worker's dashboard session: %d %s", page.Status, page.Header.Get("Location"))
		}
		if status, _ := signIn(e, "lw@example.dk", "correct horse battery"); status != 401 {
			t.Fatalf("deactivated worker signs in: %d", status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff/"+leaving.ID+"/deactivate", nil, at.AccessToken)); res.Status != 409 {
			t.Fatalf("second deactivation: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff/"+models.NewID()+"/deactivate", nil, at.AccessToken)); res.Status != 404 {
			t.Fatalf("unknown staff: %d", res.Status)
		}
		moved := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+citizen+"/reassign", map[string]string{"link_worker_id": staying.ID}, at.AccessToken))
		if moved.Status != 200 || !strings.Contains(string(moved.Body), staying.ID) {
			t.Fatalf("reassign: %d %s", moved.Status, moved.Body)
		}
	})
}

// TestAdminStaff_ResetPassword: the old password and every session end; the new one-time
// password signs in and must be changed; an admin cannot deactivate themselves.
func TestAdminStaff_ResetPassword(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		admin, at := e.Staff("admin@example.dk", models.RoleAdmin)
		w, wt := e.Staff("lw@example.dk", models.RoleLinkWorker)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff/"+w.ID+"/reset-password", nil, at.AccessToken))
		if res.Status != 200 {
			t.Fatalf("reset: %d %s", res.Status, res.Body)
		}
		var otp oneTimePassword
		res.JSON(t, &otp)
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, wt.AccessToken)); res.Status != 401 {
			t.Fatalf("token from before the reset: %d", res.Status)
		}
		if status, _ := signIn(e, "lw@example.dk", "correct horse battery"); status != 401 {
			t.Fatalf("old password after reset: %d", status)
		}
		if status, in := signIn(e, "lw@example.dk", otp.OneTimePassword); status != 200 || !in.PasswordChangeRequired {
			t.Fatalf("one-time password: %d %+v", status, in)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/admin/staff/"+admin.ID+"/deactivate", nil, at.AccessToken)); res.Status != 409 {
			t.Fatalf("admin deactivating themselves: %d", res.Status)
		}
	})
}

// TestAdminAudit_ReadsAndChangesOfCitizens: reading and changing a citizen is in the log,
// filterable by staff member, citizen and date, keyset-paginated; bad filters are 400.
func TestAdminAudit_ReadsAndChangesOfCitizens(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, at := e.Staff("admin@example.dk", models.RoleAdmin)
		a, atk := e.Staff("a@example.dk", models.RoleLinkWorker)
		_, btk := e.Staff("b@example.dk", models.RoleLinkWorker)
		ca := e.Refer(atk.AccessToken, "26310101")
		cb := e.Refer(btk.AccessToken, "26310102")
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+ca, nil, atk.AccessToken))
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+ca+"/timeline", nil, atk.AccessToken))
		e.Client.Do(apitest.NewJSONRequest("GET", "/v1/citizens/"+cb, nil, btk.AccessToken))
		e.Clock.Advance(24 * time.Hour)
		_, again := signIn(e, "a@example.dk", "correct horse battery")
		_, adminAgain := signIn(e, "admin@example.dk", "correct horse battery")
		atk, at = again.Tokens, adminAgain.Tokens
		e.Client.Do(apitest.NewJSONRequest("POST", "/v1/citizens/"+ca+"/messages", map[string]string{"body": "Hej Anna"}, atk.AccessToken))

		type auditPage struct {
			Items []struct {
				Action    string `json:"action"`
				ActorName string `json:"actor_name"`
				ObjectID  string `json:"object_id"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		get := func(query string) auditPage {
			t.Helper()
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/admin/audit"+query, nil, at.AccessToken))
			if res.Status != 200 {
				t.Fatalf("audit %s: %d %s", query, res.Status, res.Body)
			}
			var p auditPage
			res.JSON(t, &p)
			return p
		}
		byA := get("?staff_id=" + a.ID + "&citizen_id=" + ca)
		var actions []string
		for _, it := range byA.Items {
			actions = append(actions, it.Action)
			if it.ObjectID != ca || it.ActorName != a.Name {
				t.Fatalf("filtered entry about someone else: %+v", it)
			}
		}
		if got := strings.Join(actions, ","); got != "send_message,read_timeline,read_citizen,create_referral" {
			t.Fatalf("A's entries about their citizen, newest first: %s", got)
		}
		if day := get("?citizen_id=" + ca + "&from=2026-11-24&to=2026-11-24"); len(day.Items) != 1 || day.Items[0].Action != "send_message" {
			t.Fatalf("one day: %+v", day)
		}
		if reads := get("?citizen_id=" + ca + "&action=read_timeline"); len(reads.Items) != 1 || reads.Items[0].Action != "read_timeline" {
			t.Fatalf("one action: %+v", reads)
		}
		seen, cursor := 0, ""
		for {
			p := get("?limit=2" + cursor)
			seen += len(p.Items)
			if p.NextCursor == "" {
				break
			}
			cursor = "&cursor=" + p.NextCursor
		}
		if all := get("?limit=500"); seen != len(all.Items) || seen < 6 {
			t.Fatalf("paging saw %d entries, the whole log has %d", seen, len(all.Items))
		}
		for _, bad := range []string{"?from=24-11-2026", "?cursor=nope", "?from=2026-11-25&to=2026-11-24", "?action=read%27%20OR%201=1"} {
			if res := e.Client.DoInvalid(apitest.NewJSONRequest("GET", "/v1/admin/audit"+bad, nil, at.AccessToken)); res.Status != 400 {
				t.Fatalf("audit %s: %d", bad, res.Status)
			}
		}
	})
}
