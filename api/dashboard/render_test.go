package dashboard

import (
	"testing"
	"time"
)

// TestPages_EveryPageParses: pages are parsed on first use, so a template that does not parse
// would otherwise show only when someone opens it; every page in every language parses here.
func TestPages_EveryPageParses(t *testing.T) {
	p := newRenderer(time.UTC)
	if len(p.pages) != 0 {
		t.Fatalf("%d pages parsed before any was rendered", len(p.pages))
	}
	if err := p.parseAll(); err != nil {
		t.Fatal(err)
	}
	if _, err := p.template("da", "no-such-page"); err == nil {
		t.Error("an unknown page was found")
	}
}
