-- +goose Up
-- Who added each offer: with the admins, only they may change or deactivate it (issue 18).
-- Offers from before have no creator, so only admins may change those.
ALTER TABLE "offers" ADD COLUMN "created_by_id" uuid;

-- +goose Down
ALTER TABLE "offers" DROP COLUMN "created_by_id";
