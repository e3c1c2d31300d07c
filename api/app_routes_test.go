package api_test

import (
	"brobygger/api/apitest"
	"encoding/json"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"brobygger/models"

	"github.com/getkin/kin-openapi/openapi3filter"
)

var (
	scriptTag   = regexp.MustCompile(`<script[^>]*>`)
	inlineAttr  = regexp.MustCompile(`\s(on[a-z]+|style)\s*=`)
	jsImport    = regexp.MustCompile(`from '\./([a-z0-9-]+\.js)'`)
	swShellList = regexp.MustCompile(`'(/app[^']*)'`)
)

// TestCitizenApp_ServedUnderTheCSP: the app's shell, service worker, manifest and every file they
// name are served with the strict policy, and nothing in them needs inline script or style.
func TestCitizenApp_ServedUnderTheCSP(t *testing.T) {
	for _, ct := range []string{"text/css", "image/svg+xml", "image/png"} {
		openapi3filter.RegisterBodyDecoder(ct, apitest.PlainBody)
	}
	e := apitest.NewEnv(t, models.SQLite)
	get := func(path, etag string) apitest.Response {
		req := httptest.NewRequest("GET", apitest.Base+path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		return e.Client.Do(req)
	}
	page := get("/app", "")
	if page.Status != 200 || !strings.HasPrefix(page.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("/app: %d %s", page.Status, page.Header.Get("Content-Type"))
	}
	if csp := page.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || strings.Contains(csp, "unsafe") {
		t.Fatalf("CSP: %q", csp)
	}
	for _, tag := range scriptTag.FindAllString(string(page.Body), -1) {
		if !strings.Contains(tag, "src=") {
			t.Errorf("inline script in the shell: %s", tag)
		}
	}
	if m := inlineAttr.FindString(string(page.Body)); m != "" {
		t.Errorf("inline handler or style in the shell: %q", m)
	}
	sw := get("/app/sw.js", "")
	files := map[string]bool{}
	for _, m := range swShellList.FindAllStringSubmatch(string(sw.Body), -1) {
		if m[1] != "/app/" && !strings.HasSuffix(m[1], "/") {
			files[m[1]] = true
		}
	}
	app := get("/app/assets/app.js", "")
	for _, m := range jsImport.FindAllStringSubmatch(string(app.Body), -1) {
		// A module the service worker does not keep would break the app offline.
		if !files["/app/assets/"+m[1]] {
			t.Errorf("app.js imports %s, which the service worker does not keep", m[1])
		}
	}
	var manifest struct {
		StartURL   string `json:"start_url"`
		ThemeColor string `json:"theme_color"`
		Icons      []struct{ Src, Sizes string }
	}
	mres := get("/app/manifest.webmanifest", "")
	mres.JSON(t, &manifest)
	sizes := map[string]bool{}
	for _, ic := range manifest.Icons {
		files[ic.Src], sizes[ic.Sizes] = true, true
	}
	if manifest.ThemeColor == "" || !strings.HasPrefix(manifest.StartURL, "/app") || !sizes["192x192"] || !sizes["512x512"] {
		t.Errorf("manifest: %s", mres.Body)
	}
	if len(files) < 10 {
		t.Fatalf("the service worker and app name too few files: %v", files)
	}
	for f := range files {
		if res := get(f, ""); res.Status != 200 || len(res.Body) == 0 {
			t.Errorf("%s: %d", f, res.Status)
		}
	}
	if again := get("/app/assets/app.js", app.Header.Get("ETag")); again.Status != 304 {
		t.Errorf("revalidation with the ETag: %d", again.Status)
	}
	for _, bad := range []string{"/app/assets/nothing.js", "/app/assets/citizenapp.go", "/app/assets/..%2Fcitizenapp.go", "/app/assets/sw.js", "/app/assets/.hidden.js"} {
		if res := get(bad, ""); res.Status != 404 {
			t.Errorf("%s: %d", bad, res.Status)
		}
	}
	if !json.Valid(mres.Body) {
		t.Error("the manifest is not JSON")
	}
}
