package bot

import (
	"context"
	"fmt"
	"time"

	"brobygger/models"
)

// CheckinStart is one pending check-in to open over SMS at NotBefore.
type CheckinStart struct {
	Citizen   *models.Citizen
	Checkin   *models.Checkin
	NotBefore time.Time
}

// StartCheckins opens many pending check-ins at once, as StartCheckin does one, in a handful of
// statements (a morning wave is too large for a round trip per citizen). Run it in a transaction.
// It returns the ids of the check-ins it started; a check-in whose citizen already has an open
// conversation stays pending for a later pass, and one another scheduler started is left alone.
// Give it at most one check-in per citizen.
//
// A check-in whose Status is already open was created open by the caller in this same
// transaction (a wave's new check-ins, saving an UPDATE per row); it is not opened again.
func (e *Engine) StartCheckins(ctx context.Context, tx *models.Store, starts []CheckinStart) ([]string, error) {
	byCheckin := make(map[string]*CheckinStart, len(starts))
	var pending, opened []string
	for i := range starts {
		ch := starts[i].Checkin
		if _, ok := e.instruments.Get(ch.Instrument, ch.Version); !ok {
			return nil, fmt.Errorf("start check-ins: unknown instrument %s v%s", ch.Instrument, ch.Version)
		}
		byCheckin[ch.ID] = &starts[i]
		if ch.Status == models.CheckinOpen {
			opened = append(opened, ch.ID)
		} else {
			pending = append(pending, ch.ID)
		}
	}
	nowOpen, err := tx.OpenPendingCheckins(ctx, pending, "sms")
	if err != nil {
		return nil, err
	}
	opened = append(opened, nowOpen...)
	started, err := e.openCheckinConversations(ctx, tx, opened, byCheckin)
	if err != nil {
		return nil, err
	}
	if err := tx.ReturnCheckinsToPending(ctx, missing(opened, started)); err != nil {
		return nil, err
	}
	sms := make([]models.NewOutbound, 0, len(started))
	for _, id := range started {
		st := byCheckin[id]
		inst, _ := e.instruments.Get(st.Checkin.Instrument, st.Checkin.Version)
		sms = append(sms, firstCheckinSMS(inst, st.Citizen, st.Checkin, st.NotBefore))
	}
	if _, err := tx.EnqueueBatch(ctx, sms); err != nil {
		return nil, err
	}
	return started, nil
}

// openCheckinConversations opens a check-in conversation for each opened check-in whose citizen
// is free, and returns those check-ins' ids.
func (e *Engine) openCheckinConversations(ctx context.Context, tx *models.Store, opened []string, byCheckin map[string]*CheckinStart) ([]string, error) {
	convs := make([]models.Conversation, 0, len(opened))
	checkinOf := make(map[string]string, len(opened))
	for _, id := range opened {
		st := byCheckin[id]
		conv := models.Conversation{ID: models.NewID(), CitizenID: st.Citizen.ID, Kind: models.ConvCheckin,
			CheckinID: &st.Checkin.ID, Step: 1, ExpiresAt: st.NotBefore.Add(e.cfg.CheckinWindow)}
		checkinOf[conv.ID] = id
		convs = append(convs, conv)
	}
	convIDs, err := tx.StartConversations(ctx, convs)
	if err != nil {
		return nil, err
	}
	started := make([]string, 0, len(convIDs))
	for _, cid := range convIDs {
		started = append(started, checkinOf[cid])
	}
	return started, nil
}

// missing returns the ids in all that are not in some.
func missing(all, some []string) []string {
	in := make(map[string]bool, len(some))
	for _, id := range some {
		in[id] = true
	}
	var out []string
	for _, id := range all {
		if !in[id] {
			out = append(out, id)
		}
	}
	return out
}
