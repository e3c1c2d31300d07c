-- +goose Up
-- A link worker may give a citizen their own check-in plan (JSON); NULL follows the site default.
ALTER TABLE "citizens" ADD COLUMN "checkin_plan" text;

-- The scheduler streams the citizens who may get scheduled SMS, in id order; most citizens of
-- a long-running site are closed or completed, so the index holds only the others.
CREATE INDEX "idx_citizens_schedulable" ON "citizens" ("id")
    WHERE "closed_at" IS NULL AND "completed_at" IS NULL AND "opted_out_at" IS NULL AND "declined_at" IS NULL
      AND "unreachable_at" IS NULL AND "phone_invalid_at" IS NULL AND "paused_at" IS NULL
      AND "deletion_requested_at" IS NULL;

-- +goose Down
DROP INDEX "idx_citizens_schedulable";
ALTER TABLE "citizens" DROP COLUMN "checkin_plan";
