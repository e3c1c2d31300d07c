package api_test

import (
	"brobygger/api/apitest"
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/models"

	"github.com/golang-jwt/jwt/v5"
)

func signed(method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		panic(err)
	}
	return s
}

// TestAuth_TokenAttacks: every forged, expired or foreign token is a 401 in the JSON error shape.
func TestAuth_TokenAttacks(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		st, good := e.Staff("lw@example.dk", models.RoleLinkWorker)
		now := e.Clock.Now()
		// The real login's family, so each forgery fails for its own fault, not a missing family.
		var goodClaims jwt.MapClaims
		if _, _, err := jwt.NewParser().ParseUnverified(good.AccessToken, &goodClaims); err != nil || goodClaims["fam"] == nil {
			t.Fatalf("the access token names no login family: %v %v", err, goodClaims)
		}
		base := func() jwt.MapClaims {
			return jwt.MapClaims{"iss": "brobygger", "aud": "brobygger-api", "sub": st.ID, "role": "link_worker",
				"iat": now.Unix(), "exp": now.Add(10 * time.Minute).Unix(), "fam": goodClaims["fam"], "sv": goodClaims["sv"]}
		}
		without := func(k string) jwt.MapClaims { c := base(); delete(c, k); return c }
		with := func(k string, v any) jwt.MapClaims { c := base(); c[k] = v; return c }
		none := signed(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, base())
		parts := strings.Split(good.AccessToken, ".")
		tamperedPayload := parts[0] + "." + strings.TrimRight(signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("role", "admin")), "=")[len(parts[0])+1:]
		tamperedPayload = tamperedPayload[:strings.LastIndex(tamperedPayload, ".")] + "." + parts[2]
		attacks := map[string]string{
			"no token":             "",
			"garbage":              "not.a.jwt",
			"alg none":             none,
			"HS512 same secret":    signed(jwt.SigningMethodHS512, apitest.JWTSecret, base()),
			"HS384 same secret":    signed(jwt.SigningMethodHS384, apitest.JWTSecret, base()),
			"other secret":         signed(jwt.SigningMethodHS256, []byte("another-secret-another-secret-xx"), base()),
			"missing exp":          signed(jwt.SigningMethodHS256, apitest.JWTSecret, without("exp")),
			"expired":              signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("exp", now.Add(-time.Hour).Unix())),
			"wrong issuer":         signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("iss", "someone-else")),
			"wrong audience":       signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("aud", "other-api")),
			"missing audience":     signed(jwt.SigningMethodHS256, apitest.JWTSecret, without("aud")),
			"unknown role":         signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("role", "superuser")),
			"subject not an id":    signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("sub", "1")),
			"tampered payload":     tamperedPayload,
			"issued in the future": signed(jwt.SigningMethodHS256, apitest.JWTSecret, with("iat", now.Add(time.Hour).Unix())),
		}
		for name, tok := range attacks {
			res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, tok))
			if res.Status != 401 || res.ErrorCode(t) != "EUNAUTHORIZED" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, good.AccessToken)); res.Status != 200 {
			t.Fatalf("good token refused: %d %s", res.Status, res.Body)
		}
		e.Clock.Advance(16 * time.Minute)
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, good.AccessToken)); res.Status != 401 {
			t.Fatalf("access token outlived 15 minutes: %d", res.Status)
		}
	})
}

// TestAuth_RolesDoNotCross: a citizen token cannot use staff endpoints and vice versa.
func TestAuth_RolesDoNotCross(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, staff := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Refer(staff.AccessToken, "26 11 22 33")
		citizen := e.CitizenLogin("26112233")
		for name, c := range map[string]struct {
			method, path, token string
			body                any
		}{
			"citizen → caseload":  {"GET", "/v1/caseload", citizen.AccessToken, nil},
			"citizen → referrals": {"POST", "/v1/referrals", citizen.AccessToken, map[string]any{"name": "X", "phone": "26112299", "consent_contact": true, "consent_data": true}},
			"staff → me":          {"GET", "/v1/me", staff.AccessToken, nil},
		} {
			if res := e.Client.Do(apitest.NewJSONRequest(c.method, c.path, c.body, c.token)); res.Status != 403 || res.ErrorCode(t) != "EFORBIDDEN" {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me", nil, citizen.AccessToken))
		var me struct {
			Name, Status        string
			LinkWorkerFirstName string `json:"link_worker_first_name"`
		}
		res.JSON(t, &me)
		if res.Status != 200 || me.Name != "Anna Jensen" || me.LinkWorkerFirstName != "Staff" {
			t.Fatalf("me: %d %s", res.Status, res.Body)
		}
	})
}

// TestAuth_CitizenCode_NoEnumerationAndLimits: known and unknown numbers get the same answer;
// only the known one gets an SMS; codes die after 5 attempts; a phone is rate limited.
func TestAuth_CitizenCode_NoEnumerationAndLimits(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, staff := e.Staff("lw@example.dk", models.RoleLinkWorker)
		e.Refer(staff.AccessToken, "26 11 22 33")
		known := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "+4526112233"}, ""))
		unknown := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "+4526999888"}, ""))
		if known.Status != 202 || unknown.Status != 202 || string(known.Body) != string(unknown.Body) {
			t.Fatalf("known %d %s vs unknown %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
		}
		if rows, _ := e.Store.ListOutbox(context.Background(), models.OutboxFilter{Phone: "+4526999888"}); len(rows) != 0 {
			t.Fatal("an SMS went to an unknown number")
		}
		code := e.LastCode("+4526112233")
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for i := 0; i < 5; i++ {
			res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"phone": "+4526112233", "code": wrong}, ""))
			if res.Status != 401 {
				t.Fatalf("wrong code %d: %d", i, res.Status)
			}
		}
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/token", map[string]string{"phone": "+4526112233", "code": code}, ""))
		if res.Status != 401 {
			t.Fatalf("the right code worked after 5 failures: %d", res.Status)
		}
		e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "+4526112233"}, ""))
		e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "+4526112233"}, ""))
		limited := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/citizen/code", map[string]string{"phone": "+4526112233"}, ""))
		if limited.Status != 429 || limited.Header.Get("Retry-After") == "" || limited.ErrorCode(t) != "ERATELIMIT" {
			t.Fatalf("fourth code in a row: %d %v %s", limited.Status, limited.Header, limited.Body)
		}
		e.Clock.Advance(11 * time.Minute)
		if tk := e.CitizenLogin("+4526112233"); tk.AccessToken == "" {
			t.Fatal("login after the limit passed failed")
		}
	})
}

// TestAuth_RefreshRotationAndReuse: a refresh token works once (plus the grace window); reusing
// it later ends the login, its access tokens at once; logout ends access tokens at once too,
// a citizen's as well as staff's.
func TestAuth_RefreshRotationAndReuse(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, first := e.Staff("lw@example.dk", models.RoleLinkWorker)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, ""))
		var second apitest.Tokens
		res.JSON(t, &second)
		if res.Status != 200 || second.RefreshToken == first.RefreshToken || second.ExpiresIn != 900 {
			t.Fatalf("rotate: %d %s", res.Status, res.Body)
		}
		e.Clock.Advance(models.RefreshGrace + time.Second)
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, second.AccessToken)); res.Status != 200 {
			t.Fatalf("caseload before reuse: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("reused refresh token accepted: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, second.AccessToken)); res.Status != 401 {
			t.Fatalf("the login's access token outlived refresh-token reuse: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": second.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("reuse did not revoke the family: %d", res.Status)
		}
		_, third := e.Staff("other@example.dk", models.RoleAdmin)
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/logout", map[string]string{"refresh_token": third.RefreshToken}, "")); res.Status != 204 {
			t.Fatalf("logout: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": third.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("refresh after logout: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, third.AccessToken)); res.Status != 401 {
			t.Fatalf("an access token outlived logout: %d", res.Status)
		}
		_, fourth := e.Staff("lw2@example.dk", models.RoleLinkWorker)
		e.Refer(fourth.AccessToken, "+4526112299")
		cit := e.CitizenLogin("+4526112299")
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/logout", map[string]string{"refresh_token": cit.RefreshToken}, "")); res.Status != 204 {
			t.Fatalf("citizen logout: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/me", nil, cit.AccessToken)); res.Status != 401 {
			t.Fatalf("a citizen's access token outlived logout: %d", res.Status)
		}
	})
}

// TestAuth_RefreshGrace: two tabs refreshing with the same token at once both get the same new
// refresh token, and the login goes on; within the window a late one still does; after it, the
// old token is reuse and ends the login.
func TestAuth_RefreshGrace(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		_, first := e.Staff("lw@example.dk", models.RoleLinkWorker)
		var wg sync.WaitGroup
		got := make([]apitest.Tokens, 4)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, ""))
				if res.Status != 200 {
					t.Errorf("tab %d: %d %s", i, res.Status, res.Body)
					return
				}
				res.JSON(t, &got[i])
			}()
		}
		wg.Wait()
		for i := range got {
			if got[i].RefreshToken != got[0].RefreshToken || got[i].RefreshToken == "" {
				t.Fatalf("tabs got different refresh tokens: %+v", got)
			}
		}
		e.Clock.Advance(models.RefreshGrace)
		res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, ""))
		var late apitest.Tokens
		res.JSON(t, &late)
		if res.Status != 200 || late.RefreshToken != got[0].RefreshToken {
			t.Fatalf("at the end of the grace window: %d %s", res.Status, res.Body)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("GET", "/v1/caseload", nil, late.AccessToken)); res.Status != 200 {
			t.Fatalf("the login did not go on: %d", res.Status)
		}
		e.Clock.Advance(time.Second)
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": first.RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("after the grace window the old token still worked: %d", res.Status)
		}
		if res := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/refresh", map[string]string{"refresh_token": got[0].RefreshToken}, "")); res.Status != 401 {
			t.Fatalf("reuse after the window did not end the login: %d", res.Status)
		}
	})
}

func TestAuth_StaffLoginFailures(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		bad := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": "lw@example.dk", "password": "wrong password"}, ""))
		unknown := e.Client.Do(apitest.NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": "nobody@example.dk", "password": "wrong password"}, ""))
		if bad.Status != 401 || unknown.Status != 401 || string(bad.Body) != string(unknown.Body) {
			t.Fatalf("wrong password %d %s, unknown email %d %s", bad.Status, bad.Body, unknown.Status, unknown.Body)
		}
		for name, req := range map[string]*http.Request{
			"unknown field": apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":"a@b.dk","password":"x","admin":true}`, ""),
			"wrong type":    apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":1,"password":"x"}`, ""),
			"not json":      apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `email=a`, ""),
			"two objects":   apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":"a@b.dk","password":"x"}{}`, ""),
		} {
			if res := e.Client.DoInvalid(req); res.Status != 400 {
				t.Errorf("%s: %d %s", name, res.Status, res.Body)
			}
		}
		form := apitest.NewJSONRequest("POST", "/v1/auth/staff/login", `{"email":"a@b.dk","password":"x"}`, "")
		form.Header.Set("Content-Type", "text/plain")
		if res := e.Client.DoInvalid(form); res.Status != 415 {
			t.Errorf("text/plain body: %d", res.Status)
		}
	})
}
