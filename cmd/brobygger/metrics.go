package main

import (
	"github.com/prometheus/client_golang/prometheus"

	"brobygger/bot"
	"brobygger/notify"
)

// registerWorkMetrics exposes how the bot and the dispatcher are doing on /metrics: inbound
// messages per batch (how much grouping saves) and the outbox's outcomes (a rising failure or
// suppression count is a carrier or number problem to look into).
func registerWorkMetrics(reg prometheus.Registerer, engine *bot.Engine, dispatcher *notify.Dispatcher) {
	counter := func(name, help string, value func() int64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(value()) })
	}
	reg.MustRegister(
		counter("brobygger_inbound_batches_total", "Transactions that inbound SMS were handled in.",
			func() int64 { return engine.InboundStats().Batches }),
		counter("brobygger_inbound_messages_total", "Inbound SMS handled in those transactions.",
			func() int64 { return engine.InboundStats().Messages }),
		counter("brobygger_inbound_batch_fallbacks_total", "Inbound batches rolled back and handled one message at a time.",
			func() int64 { return engine.InboundStats().Fallbacks }),
		counter("brobygger_outbox_sent_total", "SMS the carrier accepted.",
			func() int64 { return dispatcher.Stats().Sent }),
		counter("brobygger_outbox_retried_total", "SMS sends that failed and will be tried again.",
			func() int64 { return dispatcher.Stats().Retried }),
		counter("brobygger_outbox_failed_total", "SMS that will never be sent.",
			func() int64 { return dispatcher.Stats().Failed }),
		counter("brobygger_outbox_suppressed_total", "SMS refused because the citizen opted out or the number is invalid.",
			func() int64 { return dispatcher.Stats().Suppressed }),
	)
}
