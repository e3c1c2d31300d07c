-- +goose Up
-- One row per sender number: when its next SMS may go. Only PostgreSQL uses it (several
-- replicas); a SQLite site is one process and paces in memory. Kept so both schemas match.
CREATE TABLE "send_slots" (
    "sender" text,
    "next_at" datetime NOT NULL,
    PRIMARY KEY ("sender")
);

-- +goose Down
DROP TABLE "send_slots";
