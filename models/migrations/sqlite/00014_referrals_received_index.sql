-- +goose Up
-- The commissioner's report selects its cohort by the day the referral was received, a month at
-- a time; without this index every month of the report read the whole referrals table.
CREATE INDEX "idx_referrals_created" ON "referrals" ("created_at", "citizen_id");

-- +goose Down
DROP INDEX "idx_referrals_created";
