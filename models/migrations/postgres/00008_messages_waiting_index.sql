-- +goose Up
-- The inbox lists the messages waiting for a link worker, newest first. Few messages wait at a
-- time, so a partial index holds only them; an admin's inbox no longer reads the whole table.
CREATE INDEX "idx_messages_waiting" ON "messages" ("created_at" DESC, "id" DESC) WHERE "needs_reply";

-- +goose Down
DROP INDEX "idx_messages_waiting";
