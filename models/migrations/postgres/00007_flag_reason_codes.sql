-- +goose Up
-- A flag keeps the code and facts of its reason, so the dashboard and the API write it in the
-- reader's language. Flags from before have no code or facts (NULL) and show their stored English sentence.
ALTER TABLE "flags" ADD COLUMN "code" text;
ALTER TABLE "flags" ADD COLUMN "facts" text;

-- +goose Down
ALTER TABLE "flags" DROP COLUMN "facts";
ALTER TABLE "flags" DROP COLUMN "code";
