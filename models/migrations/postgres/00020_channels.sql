-- +goose Up
-- Channels beside SMS (issue 20). Every outbox row names the channel of its attempt: sms, push or
-- email. A push row keeps the SMS text its fallback would send; fallback_at is when an unopened push
-- (or one no device accepted) falls back, and is cleared in the transaction that queues the
-- fallback, so it is queued once whatever crashes or replicas. opened_at is when the citizen's app
-- fetched the notification. ref points at what the row is about (a check-in's id).
ALTER TABLE "outbox" ADD COLUMN "channel" varchar(8) NOT NULL DEFAULT 'sms';
ALTER TABLE "outbox" ADD COLUMN "ref" varchar(64);
ALTER TABLE "outbox" ADD COLUMN "fallback_at" timestamptz;
ALTER TABLE "outbox" ADD COLUMN "opened_at" timestamptz;
CREATE INDEX "idx_outbox_fallback" ON "outbox" ("fallback_at");
-- A web push subscription: the endpoint is the token; its keys encrypt the payload.
ALTER TABLE "devices" ADD COLUMN "p256dh" varchar(100);
ALTER TABLE "devices" ADD COLUMN "auth" varchar(40);
-- A citizen may be reached by e-mail instead of, or beside, a mobile number.
ALTER TABLE "citizens" ADD COLUMN "email" varchar(254);

-- +goose Down
ALTER TABLE "citizens" DROP COLUMN "email";
ALTER TABLE "devices" DROP COLUMN "auth";
ALTER TABLE "devices" DROP COLUMN "p256dh";
DROP INDEX "idx_outbox_fallback";
ALTER TABLE "outbox" DROP COLUMN "opened_at";
ALTER TABLE "outbox" DROP COLUMN "fallback_at";
ALTER TABLE "outbox" DROP COLUMN "ref";
ALTER TABLE "outbox" DROP COLUMN "channel";
