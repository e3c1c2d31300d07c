package bot

import (
	"context"
	"unicode"
	"unicode/utf8"

	"brobygger/models"
)

// scoreCheckin computes a finished check-in's score by the instrument's rule, stores it with the
// instrument and version, and raises a review flag for every alert (low score, a drop from the
// citizen's previous score, an item at 0, high loneliness). The SMS and app paths both use it.
func scoreCheckin(ctx context.Context, tx *models.Store, inst *models.Instrument, checkin *models.Checkin) error {
	answers, err := tx.CheckinAnswers(ctx, checkin.ID)
	if err != nil {
		return err
	}
	result, err := inst.Score(answers)
	if err != nil {
		return err
	}
	if err := tx.FinishCheckin(ctx, checkin.ID, models.CheckinResult{Complete: result.Complete, Raw: result.Raw,
		Score: result.Score, Band: result.Band}); err != nil {
		return err
	}
	previous, err := tx.PreviousScore(ctx, checkin.CitizenID, checkin.Instrument, checkin.ID)
	if err != nil {
		return err
	}
	for _, a := range inst.Alerts(result, previous) {
		if _, err := tx.RaiseFlag(ctx, models.NewFlag{CitizenID: &checkin.CitizenID, Kind: models.FlagKind(a.Kind),
			Severity: models.SeverityHigh, Reason: a.Reason + ". Follow up within one working day.", RefID: &checkin.ID,
			DedupeKey: "alert:" + checkin.ID + ":" + a.Kind}); err != nil {
			return err
		}
	}
	return nil
}

// looksLikeWords reports whether an invalid answer is really a message (letters, several words)
// that the link worker should see, rather than a mistyped digit.
func looksLikeWords(s string) bool {
	letters, spaces := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsSpace(r):
			spaces++
		}
	}
	return letters >= 6 && spaces >= 1
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}
