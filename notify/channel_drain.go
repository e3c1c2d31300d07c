package notify

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"brobygger/models"
)

// channelDrain is the loop the e-mail and push dispatchers share: claim a batch of the channel's
// due outbox rows under a lease, hand each row in turn to the channel's own dispatch (which
// sends it and settles it), and pause PollInterval when nothing was due or a pass failed. The
// SMS Dispatcher has its own loop: concurrent workers, a pacer and a batching settler.
type channelDrain struct {
	store    *models.Store
	channel  string // models.ChannelEmail, models.ChannelPush
	batch    int
	lease    time.Duration
	poll     time.Duration
	sleep    func(ctx context.Context, d time.Duration) bool
	log      *slog.Logger
	failed   string // the log message of a failed pass
	dispatch func(ctx context.Context, item models.OutboxItem) error
}

// run drains until ctx is cancelled.
func (c *channelDrain) run(ctx context.Context) error {
	for {
		n, err := c.once(ctx)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			c.log.ErrorContext(ctx, c.failed, "error", err)
		}
		if (n == 0 || err != nil) && !c.sleep(ctx, c.poll) {
			return ctx.Err()
		}
	}
}

// once claims one batch and dispatches each row. It returns how many rows it claimed.
func (c *channelDrain) once(ctx context.Context) (int, error) {
	items, err := c.store.ClaimChannel(ctx, c.channel, c.batch, c.lease)
	if err != nil || len(items) == 0 {
		return 0, err
	}
	var errs []error
	for _, item := range items {
		errs = append(errs, c.dispatch(ctx, item))
	}
	return len(items), errors.Join(errs...)
}
