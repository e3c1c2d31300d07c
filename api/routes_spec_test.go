package api_test

import (
	"brobygger/api/apitest"
	"regexp"
	"sort"
	"strings"
	"testing"

	"brobygger/api"
	"brobygger/models"
	"brobygger/models/storetest"
)

var fiberParam = regexp.MustCompile(`:([A-Za-z_]+)`)

// TestOpenAPI_RoutesMatchSpec fails when a registered route is missing from openapi.yaml or the
// spec lists a route that does not exist.
func TestOpenAPI_RoutesMatchSpec(t *testing.T) {
	s := storetest.Open(t, models.SQLite)
	app := api.New(apitest.Deps(t, s))
	doc, _ := apitest.LoadSpec(t)

	registered := map[string]bool{}
	for _, r := range app.GetRoutes(true) {
		if r.Method == "HEAD" || r.Method == "USE" || r.Method == "CONNECT" || r.Method == "TRACE" {
			continue
		}
		registered[r.Method+" "+fiberParam.ReplaceAllString(r.Path, "{$1}")] = true
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	var missing, extra []string
	for r := range registered {
		if !documented[r] {
			missing = append(missing, r)
		}
	}
	for d := range documented {
		if !registered[d] {
			extra = append(extra, d)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		t.Fatalf("routes not in openapi.yaml: %v\nspec routes not registered: %v", missing, extra)
	}
	if len(registered) < 4 {
		t.Fatalf("suspiciously few routes: %v", registered)
	}
}
