package models_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"brobygger/models"
)

func copenhagen(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Copenhagen")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestCalendarErrors_StayDomainErrors: the calendar leaf knows nothing of models' errors, yet
// what callers see is unchanged: an admin's bad closed day is an EINVALID *Error with its field
// and message, and a send window that cannot open is EINVALID, also when wrapped.
func TestCalendarErrors_StayDomainErrors(t *testing.T) {
	_, err := models.ParseClosedDayList([]string{"12-24", "2026-13-01"})
	var de *models.Error
	if !errors.As(err, &de) || de.Code != models.EINVALID || de.Field != "closed_dates" ||
		de.Message != `"2026-13-01" is not a closed day like 12-24 or 2026-12-24.` {
		t.Errorf("ParseClosedDayList = %#v, want an EINVALID *models.Error about closed_dates", err)
	}
	tooMany := make([]string, 101)
	if _, err := models.ParseClosedDayList(tooMany); !errors.As(err, &de) || de.Code != models.EINVALID {
		t.Errorf("101 closed days = %v, want EINVALID", err)
	}
	bad := models.SendWindow{Start: 600, End: 600, Location: time.UTC}
	err = fmt.Errorf("scheduler config: %w", bad.Validate())
	if !models.IsCode(err, models.EINVALID) {
		t.Errorf("wrapped Validate error has code %s, want EINVALID", models.ErrorCode(err))
	}
	if want := "scheduler config: EINVALID: The send window must start before it ends, within one day. (send_window)"; err.Error() != want {
		t.Errorf("message = %q, want %q as before the move", err.Error(), want)
	}
}
