// Package apitest is the test environment of the api packages: the whole app over a real store
// (SQLite, and PostgreSQL with TEST_DATABASE_URL) with a fake clock, a client that checks every
// request and answer against openapi.yaml, and shared fixtures. Imported only by _test.go files;
// it may import api, models, bot and the test helpers.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"brobygger"
	"brobygger/api"
	"brobygger/models"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"github.com/gofiber/fiber/v2"
)

// Base is the server URL in openapi.yaml; test requests use it so the spec router matches.
const Base = "http://localhost:8080"

var defineFormats sync.Once

// LoadSpec parses openapi.yaml and registers the formats kin-openapi does not check by default.
func LoadSpec(t testing.TB) (*openapi3.T, routers.Router) {
	t.Helper()
	defineFormats.Do(func() {
		// Our ids are UUIDv7; RFC 9562's pattern accepts versions 1–8.
		openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForUUIDOfRFC9562))
		openapi3.DefineStringFormatValidator("email", openapi3.NewRegexpFormatValidator(openapi3.FormatOfStringForEmail))
		// TwiML, dashboard pages, the dashboard's script and CSV uploads are checked as text; their schema is { type: string }.
		// (kin-openapi's own CSV decoder assumes commas and fails on Danish ";" files.)
		for _, ct := range []string{"application/xml", "text/html", "text/csv", "text/javascript"} {
			openapi3filter.RegisterBodyDecoder(ct, PlainBody)
		}
	})
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(brobygger.OpenAPISpec())
	if err != nil {
		t.Fatalf("load openapi.yaml: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is invalid: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi router: %v", err)
	}
	return doc, router
}

// Client sends requests through app.Test and validates each request and response against
// openapi.yaml; an undocumented status code fails the test.
type Client struct {
	t      testing.TB
	App    *fiber.App
	router routers.Router
}

func NewClient(t testing.TB, app *fiber.App) *Client {
	_, router := LoadSpec(t)
	return &Client{t: t, App: app, router: router}
}

// Response is a finished exchange.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on error.
func (r Response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorCode returns error.code from an error body.
func (r Response) ErrorCode(t testing.TB) string {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	r.JSON(t, &e)
	if e.Error.Message == "" {
		t.Fatalf("error body without message: %s", r.Body)
	}
	return e.Error.Code
}

// Do sends req, validating request and response against the spec.
func (c *Client) Do(req *http.Request) Response { return c.do(req, true) }

// DoInvalid sends a deliberately malformed request: only the response is validated.
func (c *Client) DoInvalid(req *http.Request) Response { return c.do(req, false) }

func (c *Client) do(req *http.Request, checkRequest bool) Response {
	c.t.Helper()
	if req.URL.Host == "" {
		// Requests built from a path only (the Twilio signer's) are checked against the spec's server.
		req.URL.Scheme, req.URL.Host = "http", strings.TrimPrefix(Base, "http://")
	}
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	route, params, err := c.router.FindRoute(cloneWithBody(req, body))
	if err != nil {
		c.t.Fatalf("%s %s is not in openapi.yaml: %v", req.Method, req.URL.Path, err)
	}
	in := &openapi3filter.RequestValidationInput{Request: cloneWithBody(req, body), PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if checkRequest {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			c.t.Fatalf("request %s %s violates openapi.yaml: %v", req.Method, req.URL.Path, err)
		}
	}
	res, err := c.App.Test(cloneWithBody(req, body), -1)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	resBody, _ := io.ReadAll(res.Body)
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode,
		Header: res.Header, Body: io.NopCloser(bytes.NewReader(resBody)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true}}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.t.Fatalf("response to %s %s (%d %s) violates openapi.yaml: %v", req.Method, req.URL.Path, res.StatusCode, resBody, err)
	}
	return Response{Status: res.StatusCode, Header: res.Header, Body: resBody}
}

func cloneWithBody(req *http.Request, body []byte) *http.Request {
	r := req.Clone(context.Background())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return r
}

// NewJSONRequest builds a request with a JSON body (v may be a string of raw JSON).
func NewJSONRequest(method, path string, v any, bearer string) *http.Request {
	var body io.Reader
	switch b := v.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	default:
		raw, _ := json.Marshal(b)
		body = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, Base+path, body)
	if v != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if bearer != "" {
		req.Header.Set("Authorization", "Bearer "+bearer)
	}
	return req
}

// Deps is the minimal set of dependencies for an app over store s.
func Deps(t testing.TB, s *models.Store) api.Deps {
	return api.Deps{Store: s, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), OpenAPI: brobygger.OpenAPISpec(),
		MedCom: MedComConfig(t), MedComGatewayToken: GatewayToken}
}

func ReaderOf(s string) io.ReadCloser { return io.NopCloser(strings.NewReader(s)) }

func PlainBody(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	return string(b), err
}
