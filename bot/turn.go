package bot

import (
	"strings"
	"time"

	"brobygger/models"
	"brobygger/models/phone"

	"github.com/nyaruka/phonenumbers"
)

// turn is one inbound message being decided: who wrote, to whom, and the decision so far. It
// holds no store: everything it reads was loaded before (inbound), everything it decides is
// collected in d.
type turn struct {
	in *inbound
	// citizen is in.citizen, or a copy once the step changed it (START clears the opt-out
	// before the contact question is chosen a channel).
	citizen *models.Citizen
	worker  *models.Staff
	msg     *models.Message
	text    string
	now     time.Time
	d       *decision
}

func newTurn(in *inbound, now time.Time) *turn {
	t := &turn{in: in, citizen: in.citizen, worker: in.worker, msg: in.msg, now: now, d: &decision{}}
	if in.citizen != nil {
		t.d.citizenID = in.citizen.ID
	}
	if in.msg != nil {
		t.text = strings.TrimSpace(in.msg.Body)
	}
	return t
}

// enqueue queues an SMS to go out.
func (t *turn) enqueue(n models.NewOutbound) { t.d.replies = append(t.d.replies, n) }

// raiseFlag puts the citizen in front of the link worker.
func (t *turn) raiseFlag(n models.NewFlag) { t.d.flags = append(t.d.flags, n) }

// vars are the placeholders every text may use.
func (t *turn) vars(extra ...string) map[string]string {
	return textVars(t.citizen, t.worker, extra...)
}

// textVars are the placeholders every text to the citizen may use: their first name, their
// link worker's and the link worker's number; extra adds name, value pairs.
func textVars(c *models.Citizen, worker *models.Staff, extra ...string) map[string]string {
	v := map[string]string{"first": firstName(c.Name), "worker": worker.FirstName(), "phone": readablePhone(worker.Phone)}
	for i := 0; i+1 < len(extra); i += 2 {
		v[extra[i]] = extra[i+1]
	}
	return v
}

// reply queues an SMS to the citizen. Replies to the citizen's own message go out at once
// (quiet hours do not apply to answers).
func (t *turn) reply(kind string, priority int, body string) {
	t.enqueue(models.NewOutbound{CitizenID: &t.citizen.ID, Phone: t.citizen.Phone,
		Body: body, Kind: kind, Priority: priority, NotBefore: t.now})
}

// replyText renders a catalogue text in the citizen's language and queues it.
func (r *rules) replyText(t *turn, kind string, priority int, key string, extra ...string) {
	t.reply(kind, priority, r.texts.Text(key, t.citizen.Language, t.vars(extra...)))
}

// replyOncePerDay queues a text at most once per local day per dedupe prefix, so a chatty
// citizen is not answered with the same auto-reply again and again.
func (r *rules) replyOncePerDay(t *turn, prefix, key string) {
	day := t.now.In(r.cfg.Location).Format("2006-01-02")
	t.enqueue(models.NewOutbound{CitizenID: &t.citizen.ID, Phone: t.citizen.Phone,
		Body: r.texts.Text(key, t.citizen.Language, t.vars()), Kind: models.KindReply, Priority: models.PriorityReply,
		NotBefore: t.now, DedupeKey: prefix + ":" + t.citizen.ID + ":" + day})
}

// readablePhone writes a number the way people read it aloud ("33 12 34 56"); foreign numbers
// keep their country code. Every reply names the link worker's number, so a Danish one (stored
// as +45 and eight digits) is grouped by hand: parsing it with libphonenumber each time was a
// visible share of the inbound path's CPU.
func readablePhone(e164 string) string {
	if d, ok := strings.CutPrefix(e164, "+45"); ok && len(d) == 8 && isDigits(d) {
		return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8]
	}
	num, err := phonenumbers.Parse(e164, phone.DefaultRegion)
	if err != nil {
		return e164
	}
	if num.GetCountryCode() == 45 {
		return phonenumbers.Format(num, phonenumbers.NATIONAL)
	}
	return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func firstName(full string) string {
	full = strings.TrimSpace(full)
	if i := strings.IndexByte(full, ' '); i > 0 {
		return full[:i]
	}
	return full
}
