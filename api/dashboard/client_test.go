package dashboard_test

import (
	"brobygger/api/apitest"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
)

// scoreCheckin gives the citizen a check-in of instrument over SMS and answers it item by item.
func scoreCheckin(e *apitest.Env, citizenID, phone, instrument string, answers ...int) {
	e.T.Helper()
	apitest.OpenCheckin(e, citizenID, instrument)
	for _, a := range answers {
		// A minute between replies, as a person would take, keeps the timeline readable.
		e.Clock.Advance(time.Minute)
		apitest.SMS(e, phone, fmt.Sprint(a))
	}
	ck, _ := e.Store.ScoredCheckins(context.Background(), citizenID)
	if len(ck) == 0 || ck[len(ck)-1].Instrument != instrument {
		e.T.Fatalf("%s check-in was not scored", instrument)
	}
}

var scoreChartSVG = regexp.MustCompile(`(?s)<svg id="score-chart".*?</svg>`)

// chartCircles counts the data points in the page's score chart.
func chartCircles(t *testing.T, page apitest.Response) int {
	t.Helper()
	svg := scoreChartSVG.Find(page.Body)
	if svg == nil {
		t.Fatalf("no score chart on the page")
	}
	return strings.Count(string(svg), "<circle")
}
