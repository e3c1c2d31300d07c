-- +goose Up
-- One row per sender number: when its next SMS may go. Every replica takes its turn here, so
-- SMS_RATE_PER_SECOND holds for the whole service, not per process.
CREATE TABLE "send_slots" (
    "sender" varchar(64),
    "next_at" timestamptz NOT NULL,
    PRIMARY KEY ("sender")
);

-- +goose Down
DROP TABLE "send_slots";
