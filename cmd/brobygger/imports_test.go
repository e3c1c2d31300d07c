package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "brobygger"

// allowedImports is the dependency rule (DESIGN.md, docs/ARCHITECTURE.md): which of our layers each layer may import.
// "spec" is the root package (openapi.yaml only); "bench" is the benchmark suite (issue 8).
var allowedImports = map[string][]string{
	"spec":      {},
	"models":    {},
	"notify":    {"models"},
	"bot":       {"models"},
	"scheduler": {"models", "bot"},
	"api":       {"models", "bot", "spec"},
	"cmd":       {"spec", "models", "notify", "bot", "scheduler", "api", "bench"},
	// bench measures the whole system from outside, like cmd; only cmd may import it.
	"bench": {"spec", "models", "notify", "bot", "scheduler", "api"},
}

// testHelpers may also be imported from _test.go files: they set up the real parts
// (a migrated store, the fake Twilio server and webhook signer).
var testHelpers = map[string]bool{
	module + "/models/storetest":   true,
	module + "/notify/twiliotest":  true,
	module + "/notify/webpushtest": true,
	module + "/api/apitest":        true,
}

// modelsClients are packages under models/ that build on the store rather than under it: the
// seed writes its rows through models. They may import models and its leaves, nothing above.
var modelsClients = map[string]bool{
	module + "/models/seed": true,
}

// otherLeaves are leaf packages outside models/ (docs/ARCHITECTURE.md). Every package under
// models/ except the test helpers is a leaf too (isLeaf).
var otherLeaves = map[string]bool{
	module + "/bot/distress": true,
	module + "/bot/consent":  true,
}

// isLeaf reports whether the package at pkg (or a folder inside it) may import nothing of ours
// but itself: the stand-alone pieces such as models/sms and models/calendar that have no
// business depending on the store or on each other (instrument, migrations, offerimport,
// internal/bulkinsert too).
func isLeaf(pkg string) bool {
	if strings.HasPrefix(pkg, module+"/models/") && !testHelpers[pkg] && !modelsClients[pkg] {
		return true
	}
	for leaf := range otherLeaves {
		if pkg == leaf || strings.HasPrefix(pkg, leaf+"/") {
			return true
		}
	}
	return false
}

// leafMayImport reports whether the leaf package from (its own _test package included) may
// import p: only p outside our module, or from itself.
func leafMayImport(from, p string) bool {
	return p != module && !strings.HasPrefix(p, module+"/") || p == from
}

func layerOf(importPath string) string {
	rest := strings.TrimPrefix(importPath, module)
	if rest == "" {
		return "spec"
	}
	return strings.SplitN(strings.TrimPrefix(rest, "/"), "/", 2)[0]
}

// TestImports_FollowTheLayerRule fails on any import edge outside DESIGN.md's table.
func TestImports_FollowTheLayerRule(t *testing.T) {
	root, _ := filepath.Abs("../..")
	checked := 0
	leaves := map[string]bool{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		from := layerOf(module + "/" + filepath.ToSlash(rel))
		if rel == "." {
			from = "spec"
		}
		allowed, known := allowedImports[from]
		if !known {
			t.Errorf("%s: folder %q is not a layer in DESIGN.md", path, from)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		pkg := module + "/" + filepath.ToSlash(rel)
		if isLeaf(pkg) {
			leaves[pkg] = true
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if isLeaf(pkg) && !leafMayImport(pkg, p) {
				t.Errorf("%s: %s is a leaf and may import nothing of ours, not %s", path, pkg, p)
				continue
			}
			if p != module && !strings.HasPrefix(p, module+"/") {
				continue
			}
			to := layerOf(p)
			if to == from || contains(allowed, to) || strings.HasSuffix(path, "_test.go") && testHelpers[p] {
				continue
			}
			t.Errorf("%s: %s may not import %s (%s → %s)", path, from, p, from, to)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 10 {
		t.Fatalf("only %d files checked; is the walk rooted right?", checked)
	}
	for _, leaf := range []string{"models/sms", "models/calendar", "models/instrument", "models/migrations",
		"models/offerimport", "models/internal/bulkinsert", "models/internal/sqldialect", "models/phone", "models/password", "models/flagreason",
		"bot/distress", "bot/consent"} {
		if !leaves[module+"/"+leaf] {
			t.Errorf("the walk found no leaf %s; was it moved? Update this test and docs/ARCHITECTURE.md", leaf)
		}
	}
}

// apiPackages is the rule inside the api folder (docs/ARCHITECTURE.md): api wires the routes and
// may import its sub-packages; the dashboard builds on the shared operations and never on api, so
// the dependency points one way; operations and the citizen app import nothing of api's.
// Test files may import more (the dashboard's browser tests start the whole app).
var apiPackages = map[string][]string{
	module + "/api":            {module + "/api/operations", module + "/api/dashboard", module + "/api/citizenapp"},
	module + "/api/dashboard":  {module + "/api/operations"},
	module + "/api/operations": {},
	module + "/api/citizenapp": {},
	// apitest is a test helper (the whole app for tests); only _test.go files import it.
	module + "/api/apitest": {module + "/api"},
}

// TestImports_APIPointsOneWay fails when a package under api/ imports an api package its row in
// apiPackages does not list (the dashboard importing api, say), or when a new package under api/
// has no row.
func TestImports_APIPointsOneWay(t *testing.T) {
	root, _ := filepath.Abs("../..")
	err := filepath.WalkDir(filepath.Join(root, "api"), func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		pkg := module + "/" + filepath.ToSlash(rel)
		allowed, known := apiPackages[pkg]
		if !known {
			t.Errorf("%s: package %s has no row in apiPackages; add one and a row in docs/ARCHITECTURE.md", path, pkg)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != pkg && (p == module+"/api" || strings.HasPrefix(p, module+"/api/")) && !contains(allowed, p) {
				t.Errorf("%s: %s may not import %s (the api folder's rule points one way)", path, pkg, p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestImports_LeafRule pins what a leaf may import, so the walk above cannot pass vacuously.
func TestImports_LeafRule(t *testing.T) {
	cases := []struct {
		from, imp string
		want      bool
	}{
		{module + "/models/calendar", "time", true},
		{module + "/models/calendar", module + "/models/calendar", true}, // its own _test package
		{module + "/models/calendar", module + "/models", false},
		{module + "/models/calendar", module + "/models/sms", false},
		{module + "/bot/distress", module + "/bot", false},
		{module + "/models/sms", module, false},
		{module + "/models/instrument", module + "/models", false},
		{module + "/models/offerimport", module + "/models/instrument", false},
		{module + "/models/internal/bulkinsert", "gorm.io/gorm", true},
		{module + "/models/migrations", "github.com/pressly/goose/v3", true},
	}
	for _, c := range cases {
		if got := leafMayImport(c.from, c.imp); got != c.want {
			t.Errorf("leafMayImport(%s, %s) = %v, want %v", c.from, c.imp, got, c.want)
		}
	}
	for pkg, want := range map[string]bool{
		module + "/models/sms": true, module + "/models/calendar": true, module + "/bot/distress": true,
		module + "/models/instrument": true, module + "/models/migrations": true, module + "/models/offerimport": true,
		module + "/models/internal/bulkinsert": true, module + "/models/internal/sqldialect": true,
		module + "/models": false, module + "/models/storetest": false, module + "/bot": false, module + "/api": false,
	} {
		if isLeaf(pkg) != want {
			t.Errorf("isLeaf(%s) = %v, want %v", pkg, !want, want)
		}
	}
}

// TestImports_ProductionBinaryLinksNoTestFake fails when the binary that ships links a test
// helper (models/storetest, notify/twiliotest, or any package of ours named *test) or
// net/http/httptest, directly or through another package: `go list -deps` is what the linker gets.
func TestImports_ProductionBinaryLinksNoTestFake(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", module+"/cmd/brobygger").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !contains(deps, module+"/models") {
		t.Fatalf("go list -deps did not list %s/models; is this the module root?\n%s", module, out)
	}
	for _, p := range deps {
		ours := p == module || strings.HasPrefix(p, module+"/")
		if ours && strings.HasSuffix(path.Base(p), "test") || testHelpers[p] || p == "net/http/httptest" {
			t.Errorf("the production binary links %s (a test fake or helper); keep it to _test.go files and cmd/brobygger-bench", p)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
