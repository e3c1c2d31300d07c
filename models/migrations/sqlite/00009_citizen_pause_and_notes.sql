-- +goose Up
-- A link worker may pause a citizen's scheduled SMS by hand, with a reason; the safety pause
-- after an emergency keeps paused_by_id NULL, so acknowledging the flag lifts only that one.
ALTER TABLE "citizens" ADD COLUMN "paused_by_id" uuid;
ALTER TABLE "citizens" ADD COLUMN "pause_reason" text;

-- Every pause and resume, who and why, for the citizen's timeline.
CREATE TABLE "pause_events" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "paused" numeric NOT NULL,
    "reason" text NOT NULL,
    "actor_id" uuid,
    "at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_pause_events_citizen" ON "pause_events" ("citizen_id");

-- The link worker's record of a meeting or call. Notes are never updated: a correction is a new
-- note that names the one it corrects.
CREATE TABLE "case_notes" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "author_id" uuid NOT NULL,
    "body" text NOT NULL,
    "occurred_on" datetime,
    "corrects_id" uuid,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_case_notes_citizen" ON "case_notes" ("citizen_id");

-- +goose Down
DROP TABLE "case_notes";
DROP TABLE "pause_events";
ALTER TABLE "citizens" DROP COLUMN "pause_reason";
ALTER TABLE "citizens" DROP COLUMN "paused_by_id";
