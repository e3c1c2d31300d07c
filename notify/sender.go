package notify

import (
	"context"

	"brobygger/models"
)

// Sender hands one SMS to a carrier. It is the seam between the dispatcher and Twilio: production
// uses TwilioSender, a server without Twilio credentials uses LogSender.
//
// A failed Send returns an error that ClassifyTwilioError understands, ideally a *SendError, so
// the dispatcher can tell a throttled send from a recipient who opted out.
type Sender interface {
	Send(ctx context.Context, m OutgoingSMS) (models.SentSMS, error)
}

// OutgoingSMS is one SMS as the carrier needs it.
type OutgoingSMS struct {
	// To is the recipient in E.164.
	To   string
	Body string
	// StatusCallback is the URL Twilio posts delivery statuses to; empty sends none.
	StatusCallback string
	// From is the sender number to use (see SenderPicker); empty lets the Sender choose.
	From string
}

// senderPicker is a Sender with several sender numbers (or one Messaging Service). senderFor
// names the one an SMS to the number goes from: always the same for one citizen, so their
// thread stays in one conversation on their phone. The dispatcher paces each sender on its own.
type senderPicker interface {
	senderFor(to string) string
}
