package bot

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"brobygger/models"
)

// Refer creates the citizen and referral and queues the contact-confirmation SMS, all in one
// transaction: a referral never exists without its first SMS (unless its number said STOP), nor
// an SMS without its referral.
func (e *Engine) Refer(ctx context.Context, n models.NewReferral, contactAt time.Time) (*models.Citizen, *models.Referral, error) {
	var citizen *models.Citizen
	var referral *models.Referral
	err := e.store.InTx(ctx, func(tx *models.Store) error {
		c, r, err := tx.CreateReferral(ctx, n)
		if err != nil {
			return err
		}
		// A number that said STOP gets nothing, not even the first SMS; the store has told the
		// link worker why.
		if !c.OptedOut() {
			if err := e.StartContact(ctx, tx, c, contactAt); err != nil {
				return err
			}
		}
		citizen, referral = c, r
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	fresh, err := e.store.CitizenByID(ctx, citizen.ID)
	if err != nil {
		return nil, nil, err
	}
	return fresh, referral, nil
}

// SendLoginCode queues a one-time app login code to the citizen holding phone. For a number no
// citizen holds it does nothing and reports no error, so the caller's answer is the same.
func (e *Engine) SendLoginCode(ctx context.Context, phone string) error {
	return e.store.InTx(ctx, func(tx *models.Store) error {
		citizen, code, err := tx.CreateLoginCode(ctx, phone)
		if err != nil || citizen == nil {
			return err
		}
		_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindLoginCode,
			Body: e.texts.Text("login_code", citizen.Language, map[string]string{"code": code}), Priority: models.PriorityLogin,
			NotBefore: tx.Now()})
		return err
	})
}

// SendEmailLoginCode is SendLoginCode for a citizen who signs in by e-mail address (lower
// case): the code goes by e-mail. An address no open citizen holds gets nothing and no error.
func (e *Engine) SendEmailLoginCode(ctx context.Context, email string) error {
	return e.store.InTx(ctx, func(tx *models.Store) error {
		citizen, code, err := tx.CreateEmailLoginCode(ctx, email)
		if err != nil || citizen == nil {
			return err
		}
		_, err = tx.Enqueue(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Kind: models.KindLoginCode,
			Body: e.texts.Text("login_code", citizen.Language, map[string]string{"code": code}), Priority: models.PriorityLogin,
			NotBefore: tx.Now(), Channel: models.ChannelEmail})
		return err
	})
}

// CheckinEmail is the e-mail that invites a citizen reached by e-mail to answer a check-in in
// the app: it names no question and no answer, only that one waits.
func (e *Engine) CheckinEmail(c *models.Citizen) string {
	return e.texts.Text("checkin_email", c.Language, map[string]string{"first": firstName(c.Name)})
}

// maxStaffMessage keeps a link worker's SMS to at most four segments.
const maxStaffMessage = 600

// SendStaffMessage queues a link worker's own SMS to a citizen (a reply to free text) to go out
// at notBefore (the caller decides: now, or when the send window opens) and marks the citizen's
// waiting messages as handled. STOP wins: an opted-out citizen cannot be written to. It returns
// the queued row, so the link worker can be told when it goes and what it costs.
func (e *Engine) SendStaffMessage(ctx context.Context, citizen *models.Citizen, body string, notBefore time.Time) (*models.OutboxItem, error) {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > maxStaffMessage {
		return nil, models.Invalid("body", "The message must be 1 to %d characters.", maxStaffMessage)
	}
	channel, err := e.staffMessageChannel(ctx, citizen)
	if err != nil {
		return nil, err
	}
	var item *models.OutboxItem
	err = e.store.InTx(ctx, func(tx *models.Store) error {
		var err error
		if item, err = tx.EnqueueItem(ctx, models.NewOutbound{CitizenID: &citizen.ID, Phone: citizen.Phone, Body: body,
			Kind: models.KindStaffMessage, Priority: models.PriorityReply, NotBefore: notBefore, Channel: channel}); err != nil {
			return err
		}
		return tx.MarkRepliesHandled(ctx, citizen.ID)
	})
	return item, err
}

// staffMessageChannel is how a link worker's message reaches the citizen (models.ChooseChannel):
// a push for an app user with a device (STOP stops SMS only), else SMS, else e-mail.
func (e *Engine) staffMessageChannel(ctx context.Context, citizen *models.Citizen) (string, error) {
	devices, err := e.store.PushDeviceCounts(ctx, []string{citizen.ID})
	if err != nil {
		return "", err
	}
	f := models.FactsOf(citizen)
	f.Kind, f.Devices = models.KindStaffMessage, devices[citizen.ID]
	switch ch := models.ChooseChannel(f); {
	case ch != "":
		return ch, nil
	case citizen.OptedOut():
		return "", models.Errorf(models.ECONFLICT, "The citizen has opted out of SMS; phone them instead.")
	default:
		return "", models.Errorf(models.ECONFLICT, "The citizen's number is invalid; phone them or correct it.")
	}
}
