package apitest

import (
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/gofiber/fiber/v2"
)

// MobileWidth is the phone width the issue asks for (an iPhone 12-15 in portrait).
const (
	MobileWidth  = 390
	MobileHeight = 844
)

// AxeSource reads axe.min.js, from AXE_CORE_PATH or tools/axe/node_modules. Without it the
// accessibility check is skipped with a log line, unless CI demands the browser test
// (BROBYGGER_REQUIRE_CHROMIUM=1), where a missing axe is a failure.
func AxeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("AXE_CORE_PATH")
	if path == "" {
		path = repoPath("tools/axe/node_modules/axe-core/axe.min.js")
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

// AxeViolations runs axe-core on the page and returns its serious and critical violations, one
// line each with the rule, its help text and the first elements it names.
func AxeViolations(t *testing.T, ctx context.Context, axe string) []string {
	t.Helper()
	if !EvalJS[bool](t, ctx, `typeof window.axe === 'object'`) {
		// The page's CSP ('self' only) does not apply to the DevTools protocol's own evaluation.
		if !EvalJS[bool](t, ctx, axe+"\n;typeof window.axe === 'object'") {
			t.Fatal("axe-core did not load")
		}
	}
	script := `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify({
		passes: r.passes.length, violations: r.violations.length,
		serious: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
			.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' [' + v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(', ') + ']')}))`
	raw := EvalJS[string](t, ctx, script, chromedp.EvalAwaitPromise)
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

// ChromiumPath finds Chromium. Without it the test skips, unless CI demands it with
// BROBYGGER_REQUIRE_CHROMIUM=1, so the browser test never passes by silently not running.
func ChromiumPath(t *testing.T) string {
	path := os.Getenv("CHROMIUM_PATH")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if info, err := os.Stat(path); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
		return path
	}
	msg := "no Chromium at " + path + ": install it (apt-get install -y chromium) or set CHROMIUM_PATH"
	if os.Getenv("BROBYGGER_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(msg + " (BROBYGGER_REQUIRE_CHROMIUM=1 makes this a failure)")
	}
	t.Skip(msg + "; skipping the browser test")
	return ""
}

// ServeOnLoopback runs the app on a real HTTP listener on 127.0.0.1 and returns its base URL.
func ServeOnLoopback(t *testing.T, app *fiber.App) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	t.Cleanup(func() { _ = app.ShutdownWithTimeout(5 * time.Second) })
	return "http://" + ln.Addr().String()
}

// NewHeadlessChromium starts a fresh headless Chromium that stays off the network: the flags
// stop it from calling Google for updates, sync, QUIC probes and first-run pages.
func NewHeadlessChromium(t *testing.T, path string) context.Context {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		// Close the browser and wait for it, before t.TempDir removes its profile.
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = chromedp.Cancel(stop)
		cancelBrowser()
		cancelAlloc()
	})
	// The first run starts the browser and ties it to ctx, so it must not carry a timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium at %s: %v", path, err)
	}
	return ctx
}

// BrowserStepTimeout bounds one step, so a page that never arrives fails instead of hanging. It
// is generous: a full-page screenshot on a busy shared CI machine can take tens of seconds.
const BrowserStepTimeout = 60 * time.Second

// Run runs the steps under BrowserStepTimeout and fails the test, naming step, if one fails.
func Run(t *testing.T, ctx context.Context, step string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, BrowserStepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

// EvalJS runs a JavaScript expression on the page and decodes its value; opts are chromedp's
// evaluate options (chromedp.EvalAwaitPromise for an expression that returns a promise).
func EvalJS[T any](t *testing.T, ctx context.Context, expr string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, BrowserStepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, opts...))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Screenshot writes a full-page PNG to DASHBOARD_SCREENSHOT_DIR, or testdata/screenshots (ignored
// by git), and logs where: t.TempDir would delete it before anyone could look.
func Screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("DASHBOARD_SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join("testdata", "screenshots")
	}
	// A screenshot is evidence for a reader, not a check: on a starved machine Chromium has been
	// seen to miss a frame for a minute, so one that does not come is tried once more and then
	// logged, and the checks around it still decide the test.
	var png []byte
	var err error
	for try := 1; try <= 2; try++ {
		shotCtx, cancel := context.WithTimeout(ctx, BrowserStepTimeout/2)
		png, err = chromedp.Run(shotCtx, chromedp.FullScreenshot(100))
		cancel()
		if err == nil {
			break
		}
	}
	if err != nil {
		t.Logf("screenshot %s not taken: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path, _ := filepath.Abs(filepath.Join(dir, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}
