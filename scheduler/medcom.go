package scheduler

import (
	"context"
	"errors"
	"fmt"
	"time"

	"brobygger/models"
	"brobygger/models/medcom"
)

// DefaultMedComAckTimeout is how long a sent MedCom message may wait for its acknowledgement
// before the admin is told (MEDCOM_ACK_TIMEOUT).
const DefaultMedComAckTimeout = 4 * time.Hour

// MedComJob is the MedCom outbox: replies drafted for the events that call for them, queued
// messages handed to the gateway (retried with back-off), and sent ones without acknowledgement
// past AckTimeout flagged for the admin.
type MedComJob struct {
	Config     models.MedComConfig
	Gateway    medcom.Gateway
	AckTimeout time.Duration
}

// medComReport says what one MedCom pass did.
type medComReport struct {
	Drafted, Sent, Failed int
	Overdue               int64
}

// medcomBatch bounds one pass's hand-overs; the rest go on the next tick.
const medcomBatch = 200

// EnableMedCom makes Run also run the MedCom outbox every tick.
func (s *Scheduler) EnableMedCom(job MedComJob) {
	if job.AckTimeout <= 0 {
		job.AckTimeout = DefaultMedComAckTimeout
	}
	s.medcom = &job
}

// RunMedCom is one MedCom pass at now (callable without cron, as RunDue is).
func (s *Scheduler) RunMedCom(ctx context.Context, now time.Time) (medComReport, error) {
	var rep medComReport
	if s.medcom == nil {
		return rep, nil
	}
	job := s.medcom
	n, err := s.store.DraftMedComReplies(ctx, s.cfg.Window.Location)
	rep.Drafted = n
	if err != nil {
		return rep, err
	}
	due, err := s.store.DueMedCom(ctx, now, medcomBatch)
	if err != nil {
		return rep, err
	}
	var errs []error
	for i := range due {
		m := &due[i]
		raw, err := m.OpenRaw(job.Config.Vault)
		if err == nil {
			err = job.Gateway.Deliver(ctx, m.HeaderID, raw)
		}
		if err != nil {
			rep.Failed++
			s.log.Warn("medcom hand-over failed; retrying later", "message_id", m.ID, "attempt", m.Attempts+1, "error", err.Error())
			errs = append(errs, s.store.MarkMedComRetry(ctx, m, err.Error(), now))
			continue
		}
		if err := s.store.MarkMedComSent(ctx, m.ID, now); err != nil {
			errs = append(errs, err)
			continue
		}
		rep.Sent++
	}
	rep.Overdue, err = s.store.FlagOverdueMedCom(ctx, now, job.AckTimeout)
	if err != nil {
		errs = append(errs, err)
	}
	if rep.Overdue > 0 {
		s.log.Warn("medcom messages without acknowledgement", "newly_overdue", rep.Overdue, "timeout", job.AckTimeout.String())
	}
	if err := errors.Join(errs...); err != nil {
		return rep, fmt.Errorf("medcom pass: %w", err)
	}
	return rep, nil
}

// medcomPass is the cron tick's MedCom pass, on the leader only.
func (s *Scheduler) medcomPass(ctx context.Context) {
	lead, err := s.leader.Lead(ctx)
	if err != nil || !lead {
		return
	}
	rep, err := s.RunMedCom(ctx, s.store.Now())
	switch {
	case err != nil && ctx.Err() == nil:
		s.log.Error("medcom pass failed", "error", err.Error(), "report", rep)
	case rep != medComReport{}:
		s.log.Info("medcom pass", "report", rep)
	}
}
