-- +goose Up
-- Every staff access token carries the session version; deactivation and a new password raise
-- it, so old tokens stop working on their next request. A one-time password from an admin must
-- be changed at the first sign-in. The admin's staff list shows the last sign-in.
ALTER TABLE "staff" ADD COLUMN "session_version" bigint NOT NULL DEFAULT 0;
ALTER TABLE "staff" ADD COLUMN "must_change_password" boolean NOT NULL DEFAULT false;
ALTER TABLE "staff" ADD COLUMN "last_login_at" timestamptz;
-- The audit log is read newest first, whole or by citizen: index the time, and the time within
-- each object, so a page is one index range however large the table grows.
DROP INDEX "idx_audit_object";
CREATE INDEX "idx_audit_object" ON "audit_log" ("object_id","at");
CREATE INDEX "idx_audit_at" ON "audit_log" ("at");

-- +goose Down
DROP INDEX "idx_audit_at";
DROP INDEX "idx_audit_object";
CREATE INDEX "idx_audit_object" ON "audit_log" ("object_id");
ALTER TABLE "staff" DROP COLUMN "last_login_at";
ALTER TABLE "staff" DROP COLUMN "must_change_password";
ALTER TABLE "staff" DROP COLUMN "session_version";
