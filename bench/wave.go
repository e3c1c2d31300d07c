package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"brobygger/models"
	"brobygger/notify"
	"brobygger/notify/twiliotest"
)

// waveRate is the per-number send rate of the wave step: the Danish limit (SMS_RATE_PER_SECOND).
const waveRate = 10

// wave measures a scaled-down check-in wave of n SMS through the dispatcher to the fake Twilio
// at WaveRate per sender number, once from 1 number and once from 10 (TWILIO_FROM as a list,
// each citizen always on the same number by a hash of theirs), and reports the two wall-clock
// times and their ratio from the same run. The 10-number figure's baseline is the 1-number time,
// so its ratio is the speed-up (ideal 0.1; the hash spreads citizens unevenly, and the wave
// ends when the busiest number's share is sent).
func wave(ctx context.Context, store *models.Store, phones []string, n int) ([]Figure, error) {
	var secs [2]float64
	var peaks [2]int
	for i, numbers := range []int{1, 10} {
		froms := make([]string, numbers)
		for k := range froms {
			froms[k] = fmt.Sprintf("+457070%04d", 1000+k)
		}
		fake := twiliotest.NewServer(fakeSID, fakeToken)
		sender, err := notify.NewTwilioSender(notify.TwilioSenderConfig{AccountSID: fakeSID, AuthToken: fakeToken, Froms: froms, APIURL: fake.URL()})
		if err != nil {
			fake.Close()
			return nil, err
		}
		quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
		if err := flush(ctx, store, sender, quiet); err != nil {
			fake.Close()
			return nil, err
		}
		before := len(fake.Messages())
		start := time.Now()
		if _, err := drain(ctx, store, sender, phones, n, waveRate, quiet); err != nil {
			fake.Close()
			return nil, err
		}
		secs[i] = time.Since(start).Seconds()
		peaks[i] = peakPerNumber(fake.Messages()[before:])
		fake.Close()
	}
	return []Figure{
		{Name: fmt.Sprintf("wave of %d SMS from 1 number at %d/s", n, waveRate), Unit: "s", Value: secs[0],
			Baseline: float64(n) / waveRate, Target: "n / rate", Note: fmt.Sprintf("(busiest 1 s window on a number: %d)", peaks[0])},
		{Name: fmt.Sprintf("wave of %d SMS from 10 numbers at %d/s each", n, waveRate), Unit: "s", Value: secs[1],
			Baseline: secs[0], Target: "ratio ≈ 0.1 (the 1-number time of this run is the baseline)",
			Note: fmt.Sprintf("(busiest 1 s window on a number: %d)", peaks[1])},
	}, nil
}

// peakPerNumber is the most sends any one sender number saw in a sliding one-second window.
func peakPerNumber(msgs []twiliotest.Message) int {
	byFrom := map[string][]twiliotest.Message{}
	for _, m := range msgs {
		byFrom[m.From] = append(byFrom[m.From], m)
	}
	peak := 0
	for _, ms := range byFrom {
		peak = max(peak, peakPerSecond(ms))
	}
	return peak
}
