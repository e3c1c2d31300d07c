package scheduler

import (
	"context"
	"fmt"
	"time"

	"brobygger/models"
)

// pushDevices counts the push devices of the page's citizens who prefer the app, once a page.
func (s *Scheduler) pushDevices(ctx context.Context, w *pageWork) (map[string]int, error) {
	if w.devices != nil {
		return w.devices, nil
	}
	var ids []string
	for _, id := range w.ids {
		if w.citizens[id].PreferredChannel == "app" {
			ids = append(ids, id)
		}
	}
	devices, err := s.store.PushDeviceCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	w.devices = devices
	return devices, nil
}

// channelOf chooses how an item of kind reaches the citizen (models.ChooseChannel).
func channelOf(c *models.Citizen, kind string, devices map[string]int) string {
	f := models.FactsOf(c)
	f.Kind, f.Devices = kind, devices[c.ID]
	return models.ChooseChannel(f)
}

// pushCheckins queues a push for each new check-in left to the app whose citizen has a device,
// in the transaction that created it: "Du har en ny besked", which opens the check-in in the app.
// Its SMS fallback stays the scheduler's (AppFallback), so it has none of its own.
func (s *Scheduler) pushCheckins(ctx context.Context, tx *models.Store, now time.Time, w *pageWork, fresh []models.Checkin, created []string) (int64, error) {
	isNew := make(map[string]bool, len(created))
	for _, id := range created {
		isNew[id] = true
	}
	devices, err := s.pushDevices(ctx, w)
	if err != nil || len(devices) == 0 {
		return 0, err
	}
	var rows []models.NewOutbound
	for _, ch := range fresh {
		c := w.citizens[ch.CitizenID]
		if !isNew[ch.ID] || ch.Status != models.CheckinPending || channelOf(c, models.KindCheckin, devices) != models.ChannelPush {
			continue
		}
		rows = append(rows, models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Kind: models.KindCheckin,
			Priority: models.PriorityScheduled, DedupeKey: "push:checkin:" + ch.ID, NotBefore: w.windowOf(c).NextAllowed(now),
			Channel: models.ChannelPush, Ref: ch.ID})
	}
	return tx.EnqueueBatch(ctx, rows)
}

// emailCheckins invites each citizen reached by e-mail (no number; no push device) to a new
// check-in, in the transaction that created it: a short e-mail with a link into the app, where
// the check-in waits (leftToApp). The e-mail names no question and no answer.
func (s *Scheduler) emailCheckins(ctx context.Context, tx *models.Store, now time.Time, w *pageWork, fresh []models.Checkin, created []string) (int64, error) {
	isNew := make(map[string]bool, len(created))
	for _, id := range created {
		isNew[id] = true
	}
	var rows []models.NewOutbound
	for _, ch := range fresh {
		c := w.citizens[ch.CitizenID]
		if !isNew[ch.ID] || ch.Status != models.CheckinPending || c.Phone != "" {
			continue
		}
		devices, err := s.pushDevices(ctx, w)
		if err != nil {
			return 0, err
		}
		if channelOf(c, models.KindCheckin, devices) != models.ChannelEmail {
			continue
		}
		rows = append(rows, models.NewOutbound{CitizenID: &c.ID, Body: s.engine.CheckinEmail(c), Kind: models.KindCheckin,
			Priority: models.PriorityScheduled, DedupeKey: "email:checkin:" + ch.ID, NotBefore: w.windowOf(c).NextAllowed(now),
			Channel: models.ChannelEmail, Ref: ch.ID})
	}
	return tx.EnqueueBatch(ctx, rows)
}

// fallbackBatch is how many due fallbacks one read takes.
const fallbackBatch = 500

// fallBack queues the next channel for each push whose fallback is due (not opened in time, or
// accepted by no device): SMS, or e-mail for a citizen without a usable number. It goes in the
// citizen's send window, and not at all to a citizen who may no longer be written to. Each
// fallback clears its row's fallback_at in the transaction that queues it, so it goes once.
func (s *Scheduler) fallBack(ctx context.Context, now time.Time, rep *Report) error {
	win, err := s.store.SiteSendWindow(ctx, s.cfg.Window)
	if err != nil {
		return err
	}
	for {
		rows, err := s.store.DueFallbacks(ctx, now, fallbackBatch)
		if err != nil {
			return err
		}
		for _, row := range rows {
			next, skipped, err := s.fallbackOf(ctx, row, win, now)
			if err != nil {
				return err
			}
			if skipped != "" {
				done, err := s.store.SkipFallback(ctx, row.ID, skipped)
				if err != nil {
					return err
				}
				if done {
					rep.FallbacksSkipped++
				}
				continue
			}
			done, err := s.store.FallBack(ctx, row.ID, next)
			if err != nil {
				return err
			}
			if done && next != nil {
				rep.Fallbacks++
			}
		}
		if len(rows) < fallbackBatch {
			return nil
		}
	}
}

// fallbackOf is what a push row falls back to, or nil when nothing may go. skipped is set when
// the only channel left was SMS and the citizen said STOP: the row then records that no SMS
// followed (Store.SkipFallback), rather than look as if it merely had no fallback.
func (s *Scheduler) fallbackOf(ctx context.Context, row models.OutboxItem, win models.SendWindow, now time.Time) (next *models.NewOutbound, skipped string, err error) {
	if row.CitizenID == nil {
		return nil, "", nil
	}
	c, err := s.store.CitizenByID(ctx, *row.CitizenID)
	if err != nil {
		return nil, "", fmt.Errorf("fallback: %w", err)
	}
	scheduled := row.Kind != models.KindStaffMessage
	if c.ClosedAt != nil || c.ErasedAt != nil || (scheduled && !c.Schedulable()) {
		return nil, "", nil
	}
	f := models.FactsOf(c)
	f.Kind, f.Tried = row.Kind, []string{models.ChannelPush}
	ch := models.ChooseChannel(f)
	if ch == "" {
		if f.SMSStopped && f.Phone {
			return nil, models.NoFallbackSMSStopped, nil
		}
		return nil, "", nil
	}
	return &models.NewOutbound{CitizenID: &c.ID, Phone: c.Phone, Body: row.Body, Kind: row.Kind, Priority: row.Priority,
		NotBefore: win.WithQuietHours(c.QuietStart, c.QuietEnd).NextAllowed(now), NotAfter: row.NotAfter, Channel: ch}, "", nil
}
