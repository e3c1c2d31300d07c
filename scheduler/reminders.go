package scheduler

import (
	"context"
	"time"

	"brobygger/bot"
	"brobygger/models"
)

// queueReminders queues the page's due activity reminders in one batch. Each carries NotAfter =
// the activity's start, so the dispatcher drops it rather than deliver it late, and outranks
// check-ins in the queue, so a morning wave never holds a reminder back.
func (s *Scheduler) queueReminders(ctx context.Context, now time.Time, w *pageWork, rep *Report) error {
	var sms []models.NewOutbound
	devices, err := s.pushDevices(ctx, w)
	if err != nil {
		return err
	}
	for _, d := range w.sendsOf(models.SendReminder) {
		act, ok := w.activities[d.PrescriptionID]
		sendAt := w.windowOf(d.citizen).NextAllowed(now)
		if !ok || !sendAt.Before(d.ActivityStart) {
			continue // quiet hours would hold it until after the start: better no reminder
		}
		start := d.ActivityStart
		body := s.engine.ReminderSMS(d.citizen, bot.ActivityReminder{Activity: act.Title, Place: act.Place, Start: start, SendAt: sendAt})
		channel := channelOf(d.citizen, models.KindReminder, devices)
		if channel == "" {
			continue // no channel reaches them
		}
		sms = append(sms, models.NewOutbound{CitizenID: &d.citizen.ID, Phone: d.citizen.Phone, Body: body,
			Kind: models.KindReminder, Priority: models.PriorityReminder, DedupeKey: d.PlanKey, NotBefore: sendAt, NotAfter: &start,
			Channel: channel, Ref: d.PrescriptionID})
	}
	n, err := s.store.EnqueueBatch(ctx, sms)
	rep.Reminders += int(n)
	return err
}
