package api_test

import (
	"brobygger/api/apitest"
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"

	"github.com/gofiber/fiber/v2"
)

func TestOps_HealthReadyMetricsSpec(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *models.Store) {
		deps := apitest.Deps(t, s)
		deps.MetricsToken = "a-metrics-token-for-tests"
		c := apitest.NewClient(t, api.New(deps))
		for _, path := range []string{"/healthz", "/readyz", "/openapi.yaml"} {
			res := c.Do(httptest.NewRequest(http.MethodGet, apitest.Base+path, nil))
			if res.Status != http.StatusOK || res.Header.Get(api.HeaderRequestID) == "" {
				t.Fatalf("%s: %d %s (request id %q)", path, res.Status, res.Body, res.Header.Get(api.HeaderRequestID))
			}
		}
		if res := c.Do(httptest.NewRequest(http.MethodGet, apitest.Base+"/metrics", nil)); res.Status != http.StatusUnauthorized {
			t.Fatalf("/metrics without the token: %d", res.Status)
		}
		req := httptest.NewRequest(http.MethodGet, apitest.Base+"/metrics", nil)
		req.Header.Set("Authorization", "Bearer a-metrics-token-for-tests")
		res := c.Do(req)
		if !strings.Contains(string(res.Body), `brobygger_http_requests_total{method="GET",route="/healthz",status="200"} 1`) {
			t.Fatalf("metrics do not count requests by route and status:\n%s", res.Body)
		}
	})
}

// TestOps_MetricsOffWithoutToken: without METRICS_TOKEN the metrics are not served at all.
func TestOps_MetricsOffWithoutToken(t *testing.T) {
	c := apitest.NewClient(t, api.New(apitest.Deps(t, storetest.Open(t, models.SQLite))))
	if res := c.Do(httptest.NewRequest(http.MethodGet, apitest.Base+"/metrics", nil)); res.Status != http.StatusNotFound {
		t.Fatalf("/metrics without METRICS_TOKEN: %d", res.Status)
	}
}

func TestOps_ReadyzFailsWhenDatabaseIsGone(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	c := apitest.NewClient(t, api.New(apitest.Deps(t, s)))
	_ = s.Close()
	res := c.Do(httptest.NewRequest(http.MethodGet, apitest.Base+"/readyz", nil))
	if res.Status != http.StatusServiceUnavailable || res.ErrorCode(t) != "EUNAVAILABLE" {
		t.Fatalf("readyz with closed db: %d %s", res.Status, res.Body)
	}
}

func TestErrors_UnknownRouteTooLargeAndPanic(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	var logs bytes.Buffer
	deps := apitest.Deps(t, s)
	deps.Logger = slog.New(slog.NewJSONHandler(&logs, nil))
	app := api.New(deps)
	app.Get("/boom", func(c *fiber.Ctx) error { panic("secret internal detail") })

	check := func(name string, req *http.Request, status int, code string) {
		t.Helper()
		res, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		var body bytes.Buffer
		_, _ = body.ReadFrom(res.Body)
		r := apitest.Response{Status: res.StatusCode, Header: res.Header, Body: body.Bytes()}
		if r.Status != status || r.ErrorCode(t) != code || r.Header.Get(api.HeaderRequestID) == "" {
			t.Fatalf("%s: %d %s", name, r.Status, r.Body)
		}
		if strings.Contains(string(r.Body), "secret") {
			t.Fatalf("%s leaks internals: %s", name, r.Body)
		}
	}
	check("unknown route", httptest.NewRequest(http.MethodGet, "/nope", nil), 404, "ENOTFOUND")
	check("panic", httptest.NewRequest(http.MethodGet, "/boom", nil), 500, "EINTERNAL")
	if !strings.Contains(logs.String(), "secret internal detail") || !strings.Contains(logs.String(), `"request_id"`) {
		t.Fatalf("panic not logged with request id: %s", logs.String())
	}
}

// TestErrors_BodyOverLimit uses a real listener: the limit is enforced while fasthttp reads the
// request, before any handler, which app.Test cannot show.
func TestErrors_BodyOverLimit(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	app := api.New(apitest.Deps(t, s))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	t.Cleanup(func() { _ = app.Shutdown() })
	// Announce a body over the limit and send none of it: the server must refuse on the header
	// alone, and the client never races a connection reset while writing.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", api.BodyLimit+1)
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	r := apitest.Response{Status: res.StatusCode, Header: res.Header, Body: body}
	if r.Status != http.StatusRequestEntityTooLarge || r.ErrorCode(t) != "ETOOLARGE" {
		t.Fatalf("oversized body: %d %s", r.Status, r.Body)
	}
}

func TestRequestID_ReusesWellFormedCallerID(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	app := api.New(apitest.Deps(t, s))
	req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
	req.Header.Set(api.HeaderRequestID, "trace-12345678")
	res, _ := app.Test(req)
	if got := res.Header.Get(api.HeaderRequestID); got != "trace-12345678" {
		t.Fatalf("request id %q", got)
	}
	req.Header.Set(api.HeaderRequestID, "bad id\nwith newline")
	res, _ = app.Test(req)
	if got := res.Header.Get(api.HeaderRequestID); !models.ValidID(got) {
		t.Fatalf("malformed caller id was not replaced: %q", got)
	}
	_ = context.Background
}

// A newcomer who opens the server's address lands on the dashboard.
func TestRoot_RedirectsToDashboard(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	c := apitest.NewClient(t, api.New(apitest.Deps(t, s)))
	res := c.Do(httptest.NewRequest(http.MethodGet, apitest.Base+"/", nil))
	if res.Status != http.StatusFound || res.Header.Get("Location") != "/dashboard" {
		t.Fatalf("GET /: %d, Location %q", res.Status, res.Header.Get("Location"))
	}
}
