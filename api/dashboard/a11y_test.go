package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// The dashboard's accessibility and small-screen checks, run on every page the browser test
// visits: axe-core (installed from npm into tools/axe by .ci/run) must find no serious or critical
// violation, and the page must fit a 390 px phone without scrolling sideways. Each page is
// photographed at desktop width and at 390 px for a person to look at.

// checkPage photographs the current page at desktop width and at 390 px, fails on any serious or
// critical axe-core violation, and fails if the page is wider than a phone.
func checkPage(t *testing.T, ctx context.Context, axe, name string) {
	t.Helper()
	apitest.Screenshot(t, ctx, name+".png")
	if axe != "" {
		for _, v := range apitest.AxeViolations(t, ctx, axe) {
			t.Errorf("%s: accessibility: %s", name, v)
		}
	}
	apitest.Run(t, ctx, "phone viewport", chromedp.EmulateViewport(apitest.MobileWidth, apitest.MobileHeight, chromedp.EmulateMobile))
	if w := apitest.EvalJS[float64](t, ctx, `document.documentElement.scrollWidth`); w > apitest.MobileWidth+1 {
		wide := apitest.EvalJS[[]string](t, ctx, `[...document.querySelectorAll('body *')]
			.filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll'))
			.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : ''))`)
		t.Errorf("%s: the page is %.0f px wide at %d px, it scrolls sideways on a phone (too wide: %v)", name, w, apitest.MobileWidth, wide)
	}
	apitest.Screenshot(t, ctx, name+"-390.png")
	apitest.Run(t, ctx, "desktop viewport", chromedp.EmulateViewport(1280, 900))
}
