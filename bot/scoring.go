package bot

import (
	"unicode"
	"unicode/utf8"

	"brobygger/models"
)

// scoreCheckin decides a finished check-in's score by the instrument's rule, from its answers
// (by item; skipped items absent) and the citizen's previous score of the instrument: the score
// is stored with the instrument and version, and a review flag raised for every alert (low
// score, a drop from the previous score, an item at 0, high loneliness). The SMS and app paths
// both use it.
func scoreCheckin(d *decision, inst *models.Instrument, checkin *models.Checkin, answers map[int]int, previous *float64) error {
	result, err := inst.Score(answers)
	if err != nil {
		return err
	}
	d.finish = &checkinFinish{checkinID: checkin.ID, result: models.CheckinResult{Complete: result.Complete, Raw: result.Raw,
		Score: result.Score, Band: result.Band}}
	for _, a := range inst.Alerts(result, previous) {
		d.flags = append(d.flags, models.NewFlag{CitizenID: &checkin.CitizenID, Kind: models.FlagKind(a.Kind),
			Severity: models.SeverityHigh, Reason: a.Reason + ". Follow up within one working day.", RefID: &checkin.ID,
			DedupeKey: "alert:" + checkin.ID + ":" + a.Kind})
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
