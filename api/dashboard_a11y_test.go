package api_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The dashboard's accessibility and small-screen checks, run on every page the browser test
// visits: axe-core (installed from npm into tools/axe by .ci/run) must find no serious or critical
// violation, and the page must fit a 390 px phone without scrolling sideways. Each page is
// photographed at desktop width and at 390 px for a person to look at.

// mobileWidth is the phone width the issue asks for (an iPhone 12-15 in portrait).
const (
	mobileWidth  = 390
	mobileHeight = 844
)

// axeSource reads axe.min.js, from AXE_CORE_PATH or tools/axe/node_modules. Without it the
// accessibility check is skipped with a log line, unless CI demands the browser test
// (BROBYGGER_REQUIRE_CHROMIUM=1), where a missing axe is a failure.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_CORE_PATH")
	if path == "" {
		path = filepath.Join("..", "tools", "axe", "node_modules", "axe-core", "axe.min.js")
	}
	src, err := os.ReadFile(path)
	if err != nil {
		msg := "no axe-core at " + path + " (npm ci --prefix tools/axe installs it)"
		if os.Getenv("BROBYGGER_REQUIRE_CHROMIUM") == "1" {
			t.Fatal(msg)
		}
		t.Log(msg + "; the accessibility check is skipped")
		return ""
	}
	return string(src)
}

// checkPage photographs the current page at desktop width and at 390 px, fails on any serious or
// critical axe-core violation, and fails if the page is wider than a phone.
func checkPage(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	screenshot(t, ctx, name+".png")
	if axe != "" {
		for _, v := range axeViolations(t, ctx, axe) {
			t.Errorf("%s: accessibility: %s", name, v)
		}
	}
	run(t, ctx, "phone viewport", chromedp.EmulateViewport(mobileWidth, mobileHeight, chromedp.EmulateMobile))
	if w := evalJS[float64](t, ctx, `document.documentElement.scrollWidth`); w > mobileWidth+1 {
		wide := evalJS[[]string](t, ctx, `[...document.querySelectorAll('body *')]
			.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll'))
			.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))`)
		t.Errorf("%s: the page is %.0f px wide at %d px, it scrolls sideways on a phone (too wide: %v)", name, w, mobileWidth, wide)
	}
	screenshot(t, ctx, name+"-390.png")
	run(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))
}

// axeViolations runs axe-core on the page and returns its serious and critical violations, one
// line each with the rule, its help text and the first elements it names.
func axeViolations(t *testing.T, ctx context.Context, axe string) []string {
	t.Helper()
	if !evalJS[bool](t, ctx, `typeof window.axe === 'object'`) {
		// The page's CSP ('self' only) does not apply to the DevTools protocol's own evaluation.
		if !evalJS[bool](t, ctx, axe+"\n;typeof window.axe === 'object'") {
			t.Fatal("axe-core did not load")
		}
	}
	script := `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify({
		passes: r.passes.length, violations: r.violations.length,
		serious: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' [' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ') + ']')}))`
	ctx, cancel := context.WithTimeout(ctx, browserStepTimeout)
	defer cancel()
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	var out struct {
		Passes, Violations int
		Serious            []string
	}
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatalf("axe-core result %q: %v", strings.TrimSpace(raw), err)
	}
	if out.Passes == 0 {
		t.Fatalf("axe-core checked nothing: %s", raw)
	}
	t.Logf("axe-core: %d rules pass, %d violated (%d serious or critical)", out.Passes, out.Violations, len(out.Serious))
	return out.Serious
}
