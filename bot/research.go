package bot

import "brobygger/models"

// withdrawResearch records the citizen's SMS withdrawal of research consent (FORSKNING STOP)
// and confirms it, unless no SMS may be sent (after STOP the withdrawal is recorded in
// silence). Nothing else changes: check-ins and reminders go on, since the service is not the
// study. An open questionnaire stays open for the next answer.
func (e *Engine) withdrawResearch(t *turn, confirm bool) error {
	if _, err := t.tx.WithdrawResearchConsent(t.ctx, t.citizen.ID, models.WithdrawnBySMS, nil); err != nil {
		return err
	}
	if !confirm {
		return nil
	}
	return e.replyText(t, models.KindReply, models.PriorityReply, "research_withdrawn")
}
