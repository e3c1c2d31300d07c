-- +goose Up
-- A citizen may be referred with an e-mail address and no mobile number (issue 20). Such a citizen
-- has phone '' (the column stays NOT NULL: '' is "no number"), so the one-open-citizen-per-number
-- rule skips ''; an e-mail address, kept in lower case, belongs to at most one open citizen too.
-- A sign-in code may be asked for by e-mail: login_codes.email names the address (phone is '').
DROP INDEX "idx_citizens_open_phone";
CREATE UNIQUE INDEX "idx_citizens_open_phone" ON "citizens" ("phone") WHERE "closed_at" IS NULL AND "phone" <> '';
CREATE UNIQUE INDEX "idx_citizens_open_email" ON "citizens" ("email") WHERE "closed_at" IS NULL AND "email" IS NOT NULL AND "email" <> '';
ALTER TABLE "login_codes" ADD COLUMN "email" text;
CREATE INDEX "idx_login_codes_email" ON "login_codes"("email");

-- +goose Down
DROP INDEX "idx_login_codes_email";
ALTER TABLE "login_codes" DROP COLUMN "email";
DROP INDEX "idx_citizens_open_email";
DROP INDEX "idx_citizens_open_phone";
CREATE UNIQUE INDEX "idx_citizens_open_phone" ON "citizens" ("phone") WHERE "closed_at" IS NULL;
