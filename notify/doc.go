// Package notify sends SMS: the Sender seam, the Twilio sender (twilio-go), the log sender used
// without credentials, and the outbox Dispatcher that claims due rows, sends them at the
// configured rate, backs off by Twilio error code and settles the outcome; it may import models
// and its leaves, never bot (the outbox table is the interface).
package notify
