package bot

import (
	"strings"
	"time"
	"unicode"

	"brobygger/bot/distress"
	"brobygger/models"
)

// recentWindow is how far back a citizen's earlier SMS are read with a new one: people split one
// sentence over several messages ("jeg kan ikke mere" … "har taget alle pillerne").
const recentWindow = 30 * time.Minute

// hear runs the distress detector on the message, and on it together with the citizen's last
// few messages when the new message is what makes the difference ("jeg kan ikke mere" … "har
// taget alle pillerne"). Earlier messages were answered when they came; a plain "ja" after them
// is not heard again. The earlier messages alone are read only when the run says more than the
// new message alone; when it does not, the answer is the new message's whatever they say.
func (r *rules) hear(t *turn, kw Keyword) distress.Assessment {
	heard := r.distress.Assess(t.text)
	// Nothing can raise an emergency, and a keyword or a bare answer digit adds no words.
	if heard.Level == distress.Emergency || kw != KeywordNone || !hasLetter(t.text) || len(t.in.recent) == 0 {
		return heard
	}
	joined := r.distress.AssessAll(append(t.in.recent[:len(t.in.recent):len(t.in.recent)], t.text))
	if joined.Level <= heard.Level {
		return heard
	}
	if before := r.distress.AssessAll(t.in.recent); joined.Level > before.Level {
		return joined
	}
	return heard
}

// recentLimit is how many of a citizen's earlier SMS are read with a new one.
const recentLimit = 3

// mayReadRecent says whether hear can want the sender's earlier SMS with this text: words that
// are not a keyword. The shell reads them for those senders only.
func (r *rules) mayReadRecent(text string) bool {
	text = strings.TrimSpace(text)
	return hasLetter(text) && r.keywords.Classify(text) == KeywordNone
}

// answerDistress answers what the detector heard, in the citizen's language, and puts it in
// front of the link worker: an emergency gets what to do now (112, the crisis lines), ends any
// open questionnaire and pauses check-ins until a person has looked; distress gets a warm word
// that a person will get back to them and leaves the conversation open (loneliness in the middle
// of a loneliness check-in is not the end of it). Both raise a flag (one open case per citizen).
func (r *rules) answerDistress(t *turn, heard distress.Assessment) {
	t.d.needsReply = true
	if heard.Level == distress.Emergency {
		t.d.conv.closeOpen = true
		r.replySafety(t, "crisis", "2006-01-02T15")
		if t.citizen.PausedAt == nil {
			now := t.now
			t.d.citizen.update.PausedAt = &now
		}
		raiseDistressFlag(t, heard, "emergency_answered")
		return
	}
	r.replySafety(t, "distress_ack", "2006-01-02")
	raiseDistressFlag(t, heard, "distress_answered")
}

// replySafety queues a safety text at once, but the same text at most once per period (a local
// hour for the crisis numbers, a day for the warm word): a citizen writing five worried SMS in a
// row gets the numbers once, and every one of their messages still reaches the link worker.
func (r *rules) replySafety(t *turn, key, period string) {
	t.enqueue(models.NewOutbound{CitizenID: &t.citizen.ID, Phone: t.citizen.Phone,
		Body: r.texts.Text(key, t.citizen.Language, t.vars(r.crisisLines()...)), Kind: models.KindSafety,
		Priority: models.PrioritySafety, NotBefore: t.now,
		DedupeKey: key + ":" + t.citizen.ID + ":" + t.now.In(r.cfg.Location).Format(period)})
}

// flagDistressWithoutSMS is for a citizen who said STOP: no SMS may go to them, so the flag says
// truthfully that nothing was sent and asks the link worker to phone.
func (r *rules) flagDistressWithoutSMS(t *turn, heard distress.Assessment) {
	t.d.needsReply = true
	if heard.Level == distress.Emergency {
		raiseDistressFlag(t, heard, "emergency_sms_blocked")
		return
	}
	raiseDistressFlag(t, heard, "distress_sms_blocked")
}

// raiseDistressFlag raises (or joins) the citizen's safety case with what was heard.
func raiseDistressFlag(t *turn, heard distress.Assessment, code string) {
	severity := models.SeverityHigh
	if heard.Level == distress.Emergency {
		severity = models.SeverityUrgent
	}
	t.d.safetyFlag = &models.NewFlag{CitizenID: &t.citizen.ID, Kind: models.FlagCrisis,
		Severity: severity, RefID: &t.msg.ID, DedupeKey: "crisis:" + t.msg.ID, Code: code, Facts: heardFacts(t.text, heard)}
}

// heardFacts are a safety flag's facts: the words, and what was heard in both languages.
func heardFacts(text string, heard distress.Assessment) models.FlagFacts {
	return models.FlagFacts{"excerpt": excerpt(text), "level": heard.Level.String(),
		"matched_da": heard.Explain("da"), "matched_en": heard.Explain("en")}
}

// crisisLines are the site's numbers for the crisis texts' placeholders.
func (r *rules) crisisLines() []string {
	l := r.cfg.CrisisLines
	return []string{"emergency", l.Emergency, "crisis_line", l.CrisisLine, "medical_line", l.MedicalLine}
}

// excerpt shortens a message for a flag's reason.
func excerpt(s string) string {
	r := []rune(s)
	if len(r) > 160 {
		return string(r[:157]) + "..."
	}
	return s
}

// hasLetter reports whether s has a letter: words, not only digits and signs.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
