package api_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
)

// behindProxy is an API whose peer (app.Test's 0.0.0.0) is a trusted proxy, so each request's
// X-Forwarded-For names its client.
func behindProxy(t *testing.T, d models.Dialect) *apitest.Env {
	return apitest.NewEnvWith(t, d, func(deps *api.Deps) {
		deps.TrustedProxies, _ = api.ParseTrustedProxies("0.0.0.0/32")
		deps.HashSlots = 8
	})
}

func eachBehindProxy(t *testing.T, fn func(t *testing.T, e *apitest.Env)) {
	for _, d := range storetest.Dialects() {
		t.Run(string(d), func(t *testing.T) { fn(t, behindProxy(t, d)) })
	}
}

func loginFrom(e *apitest.Env, client, email, password string) apitest.Response {
	req := apitest.NewJSONRequest("POST", "/v1/auth/staff/login", map[string]string{"email": email, "password": password}, "")
	if client != "" {
		req.Header.Set("X-Forwarded-For", "10.9.9.9, "+client)
	}
	return e.Client.Do(req)
}

// guessInParallel sends n wrong passwords for email from one client at once and returns the
// answers by status, with one body (and Retry-After) of each status.
func guessInParallel(e *apitest.Env, n int, client, email string) (map[int]int, map[int]string) {
	var mu sync.Mutex
	counts, bodies := map[int]int{}, map[int]string{}
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := loginFrom(e, client, email, "wrong guess 123")
			mu.Lock()
			defer mu.Unlock()
			counts[res.Status]++
			bodies[res.Status] = string(res.Body) + " Retry-After: " + res.Header.Get("Retry-After")
		}()
	}
	wg.Wait()
	return counts, bodies
}

// TestSignin_ParallelGuesses: 20 guesses sent at once from one client are all counted, five
// reach the password check (401) and fifteen are refused before it (429); an unknown email
// answers exactly alike (status, body, Retry-After). The account is never locked: its owner
// signs in from another client at once, and the guessing client after its window.
func TestSignin_ParallelGuesses(t *testing.T) {
	eachBehindProxy(t, func(t *testing.T, e *apitest.Env) {
		e.Staff("lw@example.dk", models.RoleLinkWorker)
		known, knownBodies := guessInParallel(e, 20, "203.0.113.9", "lw@example.dk")
		// Another client: this one's own limit (30 guesses per 10 minutes) would answer first.
		unknown, unknownBodies := guessInParallel(e, 20, "203.0.113.10", "nobody@example.dk")
		t.Logf("20 parallel guesses: known %v, unknown %v", known, unknown)
		if known[401] != 5 || known[429] != 15 || len(known) != 2 {
			t.Fatalf("known email: %v, want 5 × 401 and 15 × 429", known)
		}
		if unknown[401] != known[401] || unknown[429] != known[429] || len(unknown) != 2 {
			t.Fatalf("unknown email %v differs from known %v", unknown, known)
		}
		for _, status := range []int{401, 429} {
			if knownBodies[status] != unknownBodies[status] {
				t.Fatalf("%d bodies differ: %s / %s", status, knownBodies[status], unknownBodies[status])
			}
		}
		if want := "Retry-After: 900"; !strings.HasSuffix(knownBodies[429], want) {
			t.Fatalf("429 %s, want %s (the rest of the window)", knownBodies[429], want)
		}
		if res := loginFrom(e, "198.51.100.4", "lw@example.dk", "correct horse battery"); res.Status != 200 {
			t.Fatalf("the owner from another client was refused: %d %s", res.Status, res.Body)
		}
		if res := loginFrom(e, "203.0.113.9", "lw@example.dk", "correct horse battery"); res.Status != 429 {
			t.Fatalf("the guessing client was not slowed: %d", res.Status)
		}
		e.Clock.Advance(15 * time.Minute)
		if res := loginFrom(e, "203.0.113.9", "lw@example.dk", "correct horse battery"); res.Status != 200 {
			t.Fatalf("after the window: %d %s", res.Status, res.Body)
		}
	})
}

// TestSignin_CeilingTellsTheAdmins: guesses at one account from many clients, in parallel, reach
// the hourly ceiling; that writes one signin_ceiling audit entry on the account, and refuses
// nobody: the owner still signs in.
func TestSignin_CeilingTellsTheAdmins(t *testing.T) {
	eachBehindProxy(t, func(t *testing.T, e *apitest.Env) {
		st, _ := e.Staff("admin@example.dk", models.RoleAdmin)
		var wg sync.WaitGroup
		for i := range 10 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Some may be refused by the hash gate (50 at once): they are counted all the same.
				guessInParallel(e, 5, fmt.Sprintf("192.0.2.%d", 10+i), "admin@example.dk")
			}()
		}
		wg.Wait()
		if res := loginFrom(e, "198.51.100.4", "admin@example.dk", "correct horse battery"); res.Status != 200 {
			t.Fatalf("the owner after the ceiling: %d %s", res.Status, res.Body)
		}
		trail, err := e.Store.AuditTrail(context.Background(), st.ID, 100)
		if err != nil {
			t.Fatal(err)
		}
		notices := 0
		for _, a := range trail {
			if a.Action == "signin_ceiling" {
				notices++
			}
		}
		if notices != 1 {
			t.Fatalf("%d signin_ceiling entries, want 1", notices)
		}
	})
}

// TestSignin_ForwardedForOnlyFromTrustedProxies: without TRUSTED_PROXIES a client cannot pick
// the address it is counted under by writing X-Forwarded-For.
func TestSignin_ForwardedForOnlyFromTrustedProxies(t *testing.T) {
	apitest.Each(t, func(t *testing.T, e *apitest.Env) {
		for i := range 5 {
			loginFrom(e, fmt.Sprintf("203.0.113.%d", i+1), "x@example.dk", "wrong guess 123")
		}
		if res := loginFrom(e, "203.0.113.99", "x@example.dk", "wrong guess 123"); res.Status != 429 {
			t.Fatalf("a forged X-Forwarded-For escaped the limit: %d", res.Status)
		}
	})
}
