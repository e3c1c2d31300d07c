-- +goose Up
-- Twilio's MessageStatus "partially_delivered" has 19 characters: varchar(16) refused it, so
-- its status callback failed with a 500.
ALTER TABLE "messages" ALTER COLUMN "status" TYPE varchar(24);
ALTER TABLE "message_status_events" ALTER COLUMN "status" TYPE varchar(24);

-- +goose Down
ALTER TABLE "message_status_events" ALTER COLUMN "status" TYPE varchar(16);
ALTER TABLE "messages" ALTER COLUMN "status" TYPE varchar(16);
