package dashboard

import (
	"strings"
	"testing"
	"time"

	"brobygger/models"
)

func scored(instrument string, score float64, at time.Time) models.Checkin {
	return models.Checkin{Instrument: instrument, Score: &score, CompletedAt: &at, CreatedAt: at}
}

func testLocale(t *testing.T) locale {
	texts, err := loadTexts()
	if err != nil {
		t.Fatal(err)
	}
	return locale{lang: models.LangEN, texts: texts, tz: time.UTC}
}

// TestScoreChart_EdgeCases: no points draws the empty frame with a sentence, one point sits in
// the middle without a line, equal times do not divide by zero, and other instruments are left out.
func TestScoreChart_EdgeCases(t *testing.T) {
	loc := testLocale(t)
	day := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

	empty := buildScoreChart(nil, loc)
	if empty.Count != 0 || empty.Empty == "" || len(empty.Panels) != 2 || len(empty.XLabels) != 0 {
		t.Fatalf("empty chart: %+v", empty)
	}

	one := buildScoreChart([]models.Checkin{scored("who5", 64, day), scored("pulse", 3, day)}, loc)
	if one.Count != 1 || one.Panels[0].Line != "" || one.Empty != "" || len(one.XLabels) != 1 {
		t.Fatalf("one point: %+v", one)
	}
	if x := one.Panels[0].Points[0].X; x != num((chartLeft+8+chartWidth-chartRight-8)/2) {
		t.Fatalf("single point not centred: x=%s", x)
	}

	same := buildScoreChart([]models.Checkin{scored("ucla3", 5, day), scored("ucla3", 7, day)}, loc)
	for _, p := range same.Panels[1].Points {
		if strings.Contains(p.X+p.Y, "NaN") || strings.Contains(p.X+p.Y, "Inf") {
			t.Fatalf("equal times: %+v", p)
		}
	}

	many := buildScoreChart([]models.Checkin{scored("who5", 40, day), scored("who5", 120, day.AddDate(0, 0, 14)),
		scored("ucla3", 6, day.AddDate(0, 0, 7))}, loc)
	if many.Count != 3 || strings.Count(many.Panels[0].Line, ",") != 2 || len(many.XLabels) != 2 {
		t.Fatalf("three points: %+v", many)
	}
	if top := many.Panels[0].Points[1].Y; top != num(chartFirstTop) {
		t.Fatalf("a score above the scale is not clamped to the top: y=%s", top)
	}
}
