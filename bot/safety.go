package bot

import (
	"fmt"

	"brobygger/models"
)

// handleCrisis answers crisis wording at once with emergency numbers, raises an urgent flag,
// pauses scheduled check-ins until a person has looked, and ends any open questionnaire.
func (e *Engine) handleCrisis(t *turn) error {
	if err := e.replyText(t, models.KindSafety, models.PrioritySafety, "crisis"); err != nil {
		return err
	}
	if err := t.tx.CloseOpenConversations(t.ctx, t.citizen.ID, models.ConvClosed); err != nil {
		return err
	}
	t.needsReply = true
	return e.raiseCrisis(t)
}

func (e *Engine) raiseCrisis(t *turn) error {
	if t.citizen.PausedAt == nil {
		if err := t.tx.UpdateCitizen(t.ctx, t.citizen.ID, map[string]any{"paused_at": t.now}); err != nil {
			return err
		}
	}
	return t.raiseFlag(models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagCrisis,
		Severity: models.SeverityUrgent, RefID: &t.msg.ID, DedupeKey: "crisis:" + t.msg.ID,
		Reason: fmt.Sprintf("Crisis wording in an SMS: %q. Emergency numbers were sent; check-ins are paused. Contact the citizen today.", excerpt(t.text))})
}

// excerpt shortens a message for a flag's reason.
func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "..."
	}
	return s
}
