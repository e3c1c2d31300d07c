-- +goose Up
-- Erasure (issue 17): the citizen's row stays, without name or phone, and says when it was erased.
-- Deletion requests are listed oldest first, so they get an index.
ALTER TABLE "citizens" ADD COLUMN "erased_at" datetime;
CREATE INDEX "idx_citizens_deletion_requested" ON "citizens" ("deletion_requested_at");

-- The audit log is append-only: any UPDATE or DELETE aborts (SQLite has no TRUNCATE).
-- +goose StatementBegin
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: UPDATE is not allowed');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: DELETE is not allowed');
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER "audit_log_no_delete";
DROP TRIGGER "audit_log_no_update";
DROP INDEX "idx_citizens_deletion_requested";
ALTER TABLE "citizens" DROP COLUMN "erased_at";
