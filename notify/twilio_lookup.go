package notify

import (
	"context"
	"fmt"
	"time"

	openapi "github.com/twilio/twilio-go/rest/api/v2010"

	"brobygger/models"
)

// sentFinder is a Sender that can say whether the carrier already accepted an SMS. The
// dispatcher asks it before sending again an SMS whose outcome was lost (its worker died between
// the carrier's answer and recording it), so a crash does not text anyone twice.
type sentFinder interface {
	// FindSent returns the messages to m.To with m.Body that the carrier accepted since since,
	// newest first.
	FindSent(ctx context.Context, m OutgoingSMS, since time.Time) ([]models.SentSMS, error)
}

// lookupPage bounds one lookup: the messages to one citizen since one SMS was queued.
const lookupPage = 50

// FindSent lists the account's messages to m.To created since since and keeps those with m.Body.
// Two list calls: Twilio's DateSent> filter finds what went to the carrier, but leaves out a
// message still in Twilio's queue (status accepted or queued, no date_sent yet: a Messaging
// Service or a busy number holds them), so the newest page to m.To without a date filter adds
// those, kept when created at or after since. The body is our match, because the Message resource
// carries nothing else of ours (not the status callback URL, not a tag).
func (s *TwilioSender) FindSent(ctx context.Context, m OutgoingSMS, since time.Time) ([]models.SentSMS, error) {
	if err := ctx.Err(); err != nil {
		return nil, ClassifyTwilioError(fmt.Errorf("look up sms: %w", err))
	}
	sent, err := s.rest.Api.ListMessage((&openapi.ListMessageParams{}).SetTo(m.To).SetDateSentAfter(since.UTC()).
		SetPageSize(lookupPage).SetLimit(lookupPage))
	if err != nil {
		return nil, ClassifyTwilioError(err)
	}
	recent, err := s.rest.Api.ListMessage((&openapi.ListMessageParams{}).SetTo(m.To).
		SetPageSize(lookupPage).SetLimit(lookupPage))
	if err != nil {
		return nil, ClassifyTwilioError(err)
	}
	seen := map[string]bool{}
	var found []models.SentSMS
	keep := func(msg *openapi.ApiV2010Message) {
		if msg.Body == nil || *msg.Body != m.Body || (msg.Sid != nil && seen[*msg.Sid]) {
			return
		}
		if msg.Sid != nil {
			seen[*msg.Sid] = true
		}
		found = append(found, sentFromResource(msg, m.Body))
	}
	for i := range sent {
		keep(&sent[i])
	}
	for i := range recent {
		if recent[i].DateSent == nil && createdSince(&recent[i], since) {
			keep(&recent[i])
		}
	}
	return found, nil
}

// createdSince reports whether Twilio created msg at or after since (date_created is RFC 2822).
func createdSince(msg *openapi.ApiV2010Message, since time.Time) bool {
	if msg.DateCreated == nil {
		return false
	}
	created, err := time.Parse(time.RFC1123Z, *msg.DateCreated)
	return err == nil && !created.Before(since.Truncate(time.Second))
}
