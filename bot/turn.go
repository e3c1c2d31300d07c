package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"brobygger/models"
	"brobygger/models/phone"

	"github.com/nyaruka/phonenumbers"
)

// turn is one inbound message being handled: who wrote, to whom, what we reply.
type turn struct {
	ctx     context.Context
	tx      *models.Store
	citizen *models.Citizen
	worker  *models.Staff
	msg     *models.Message
	text    string
	now     time.Time
	// needsReply marks the message for the link worker's inbox.
	needsReply     bool
	conversationID *string
	// conv is the open conversation when the caller already read it in this transaction
	// (convLoaded); otherwise openConversation reads it.
	conv       *models.Conversation
	convLoaded bool
	// recent are the citizen's earlier SMS when an inbound batch read them for all its senders
	// (recentLoaded); otherwise hear reads them itself.
	recent       []string
	recentLoaded bool
	// pending, when set, collects the turn's replies and flags for the caller to write with
	// the rest of its batch; otherwise they are written at once.
	pending *models.PendingWrites
}

// enqueue queues an SMS to go out, in the batch's pending writes when there are any.
func (t *turn) enqueue(n models.NewOutbound) error {
	if t.pending != nil {
		t.pending.Enqueue(n, t.now)
		return nil
	}
	_, err := t.tx.Enqueue(t.ctx, n)
	return err
}

// raiseFlag puts the citizen in front of the link worker, in the batch's pending writes when
// there are any.
func (t *turn) raiseFlag(n models.NewFlag) error {
	if t.pending != nil {
		t.pending.RaiseFlag(n, t.now)
		return nil
	}
	_, err := t.tx.RaiseFlag(t.ctx, n)
	return err
}

// openConversation is the conversation the bot has open with the citizen, nil when none.
func (t *turn) openConversation() (*models.Conversation, error) {
	if t.convLoaded {
		return t.conv, nil
	}
	return t.tx.OpenConversation(t.ctx, t.citizen.ID)
}

func (e *Engine) newTurn(ctx context.Context, tx *models.Store, c *models.Citizen, worker *models.Staff, msg *models.Message) (*turn, error) {
	if worker == nil {
		w, err := tx.StaffMember(ctx, c.LinkWorkerID)
		if err != nil {
			return nil, fmt.Errorf("load link worker: %w", err)
		}
		worker = w
	}
	t := &turn{ctx: ctx, tx: tx, citizen: c, worker: worker, now: tx.Now()}
	if msg != nil {
		t.msg, t.text = msg, strings.TrimSpace(msg.Body)
	}
	return t, nil
}

// vars are the placeholders every text may use.
func (t *turn) vars(extra ...string) map[string]string {
	v := map[string]string{"first": firstName(t.citizen.Name), "worker": t.worker.FirstName(), "phone": readablePhone(t.worker.Phone)}
	for i := 0; i+1 < len(extra); i += 2 {
		v[extra[i]] = extra[i+1]
	}
	return v
}

// reply queues an SMS to the citizen in this transaction. Replies to the citizen's own message go
// out at once (quiet hours do not apply to answers).
func (e *Engine) reply(t *turn, kind string, priority int, body string) error {
	return t.enqueue(models.NewOutbound{CitizenID: &t.citizen.ID, Phone: t.citizen.Phone,
		Body: body, Kind: kind, Priority: priority, NotBefore: t.now})
}

// replyText renders a catalogue text in the citizen's language and queues it.
func (e *Engine) replyText(t *turn, kind string, priority int, key string, extra ...string) error {
	return e.reply(t, kind, priority, e.texts.Text(key, t.citizen.Language, t.vars(extra...)))
}

// replyOncePerDay queues a text at most once per local day per dedupe prefix, so a chatty
// citizen is not answered with the same auto-reply again and again.
func (e *Engine) replyOncePerDay(t *turn, prefix, key string) error {
	day := t.now.In(e.cfg.Location).Format("2006-01-02")
	return t.enqueue(models.NewOutbound{CitizenID: &t.citizen.ID, Phone: t.citizen.Phone,
		Body: e.texts.Text(key, t.citizen.Language, t.vars()), Kind: models.KindReply, Priority: models.PriorityReply,
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
