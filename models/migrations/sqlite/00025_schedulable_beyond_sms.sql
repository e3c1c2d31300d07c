-- +goose Up
-- STOP stops SMS only (issue 20). A citizen who said STOP but prefers the app, or has an e-mail
-- address, still gets reminders and check-ins by push or e-mail, so the scheduler reads them too:
-- this partial index serves the second of its two keyset range reads (Store.SchedulableCitizens
-- reads idx_citizens_schedulable and this one, and merges them by id). It holds only opted-out citizens who may be
-- reached another way, so it stays small, and its predicate matches schedulableBeyondSMS in
-- models/schedule_store.go word for word, so both databases' planners use it.
CREATE INDEX "idx_citizens_schedulable_beyond_sms" ON "citizens" ("id")
    WHERE closed_at IS NULL AND completed_at IS NULL AND opted_out_at IS NOT NULL AND declined_at IS NULL
      AND unreachable_at IS NULL AND phone_invalid_at IS NULL AND paused_at IS NULL AND deletion_requested_at IS NULL
      AND (preferred_channel = 'app' OR (email IS NOT NULL AND email <> ''));

-- +goose Down
DROP INDEX "idx_citizens_schedulable_beyond_sms";
