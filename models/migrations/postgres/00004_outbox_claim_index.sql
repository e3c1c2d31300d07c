-- +goose Up
-- The dispatcher claims the most urgent due SMS first: priority high to low, then oldest first.
-- (status, priority, not_before) cannot give that order, so every claim sorted the whole due
-- backlog: 89 ms a claim with a 100,000-SMS wave waiting, spilled to disk. In this order the
-- claim reads its batch from the top of the index (0.5 ms).
DROP INDEX "idx_outbox_due";
CREATE INDEX "idx_outbox_claim" ON "outbox" ("status", "priority" DESC, "not_before");

-- +goose Down
DROP INDEX "idx_outbox_claim";
CREATE INDEX "idx_outbox_due" ON "outbox" ("status", "priority", "not_before");
