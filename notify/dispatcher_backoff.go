package notify

import "time"

// retryDelay is how long a row waits after its attempt-th try failed for a passing reason:
// BaseBackoff doubled for each earlier try, capped at MaxBackoff, with "equal jitter" (a random
// point in the upper half). Jitter spreads a wave throttled at the same moment; keeping the lower
// half means a throttled row never comes straight back to Twilio, as full jitter could.
func (d *Dispatcher) retryDelay(attempt int) time.Duration {
	delay := d.cfg.BaseBackoff
	for i := 1; i < attempt && delay < d.cfg.MaxBackoff; i++ {
		delay *= 2
	}
	delay = min(delay, d.cfg.MaxBackoff)
	half := delay / 2
	r := min(max(d.cfg.Rand(), 0), 1)
	return half + time.Duration(r*float64(delay-half))
}
