-- +goose Up
-- Sign-in limits live in the database so every replica counts the same attempts and a restart
-- forgets none: one row per key (an IP, a phone, an account, an account from one client), a
-- fixed window and its count, raised by one atomic upsert per attempt.
CREATE TABLE "attempt_counters" (
  "counter_key" varchar(200) NOT NULL,
  "window_start" timestamptz NOT NULL,
  "count" bigint NOT NULL,
  PRIMARY KEY ("counter_key")
);
CREATE INDEX "idx_attempt_counters_window" ON "attempt_counters" ("window_start");
-- A rotated refresh token keeps its successor for a short grace window, sealed with a key only
-- the holder of the old token can derive, so two tabs refreshing at once get the same new pair.
ALTER TABLE "refresh_tokens" ADD COLUMN "successor_sealed" varchar(128);

-- +goose Down
ALTER TABLE "refresh_tokens" DROP COLUMN "successor_sealed";
DROP INDEX "idx_attempt_counters_window";
DROP TABLE "attempt_counters";
