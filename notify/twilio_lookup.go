package notify

import (
	"context"
	"fmt"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/models"
)

// SentFinder is a Sender that can say whether the carrier already accepted an SMS. The
// dispatcher asks it before sending again an SMS whose outcome was lost (its worker died between
// the carrier's answer and recording it), so a crash does not text anyone twice.
type SentFinder interface {
	// FindSent returns the messages to m.To with m.Body that the carrier accepted since since,
	// newest first.
	FindSent(ctx context.Context, m OutgoingSMS, since time.Time) ([]models.SentSMS, error)
}

// lookupPage bounds one lookup: the messages to one citizen since one SMS was queued.
const lookupPage = 50

// FindSent lists the account's messages to m.To sent since since (Twilio's Message list,
// filtered by To and DateSent>) and keeps those with m.Body: the body is our match, because the
// Message resource carries nothing else of ours (not the status callback URL).
func (s *TwilioSender) FindSent(ctx context.Context, m OutgoingSMS, since time.Time) ([]models.SentSMS, error) {
	if err := ctx.Err(); err != nil {
		return nil, ClassifyTwilioError(fmt.Errorf("look up sms: %w", err))
	}
	params := (&openapi.ListMessageParams{}).SetTo(m.To).SetDateSentAfter(since.UTC()).
		SetPageSize(lookupPage).SetLimit(lookupPage)
	msgs, err := s.rest.Api.ListMessage(params)
	if err != nil {
		return nil, ClassifyTwilioError(err)
	}
	var found []models.SentSMS
	for i := range msgs {
		if msgs[i].Body != nil && *msgs[i].Body == m.Body {
			found = append(found, sentFromResource(&msgs[i], m.Body))
		}
	}
	return found, nil
}
