package bot

import "brobygger/models"

// withdrawResearch records the citizen's SMS withdrawal of research consent (FORSKNING STOP)
// and confirms it, unless no SMS may be sent (after STOP the withdrawal is recorded in
// silence). Nothing else changes: check-ins and reminders go on, since the service is not the
// study. An open questionnaire stays open for the next answer.
func (r *rules) withdrawResearch(t *turn, confirm bool) {
	t.d.citizen.withdrawResearch = true
	if confirm {
		r.replyText(t, models.KindReply, models.PriorityReply, "research_withdrawn")
	}
}
