package models

import (
	"context"
	"fmt"
)

// KnownTwilioSIDs returns which of sids are already on a message in the timeline. The dispatcher
// uses it when it finds, at the carrier, an SMS matching one whose outcome was lost: a match
// that is already some other row's message is not the lost one.
func (s *Store) KnownTwilioSIDs(ctx context.Context, sids []string) (map[string]bool, error) {
	known := make(map[string]bool, len(sids))
	if len(sids) == 0 {
		return known, nil
	}
	var found []string
	if err := s.q(ctx).Model(&Message{}).Where("twilio_sid IN ?", sids).Pluck("twilio_sid", &found).Error; err != nil {
		return nil, fmt.Errorf("known twilio sids: %w", err)
	}
	for _, sid := range found {
		known[sid] = true
	}
	return known, nil
}
