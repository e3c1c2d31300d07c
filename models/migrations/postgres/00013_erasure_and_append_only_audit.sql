-- +goose Up
-- Erasure (issue 17): the citizen's row stays, without name or phone, and says when it was erased.
-- Deletion requests are listed oldest first, so they get an index.
ALTER TABLE "citizens" ADD COLUMN "erased_at" timestamptz;
CREATE INDEX "idx_citizens_deletion_requested" ON "citizens" ("deletion_requested_at");

-- The audit log is append-only, enforced by the database itself: any UPDATE, DELETE or TRUNCATE
-- raises, whoever runs it. Erasure never needs to touch the log (entries hold ids, no names).
-- +goose StatementBegin
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "audit_log"
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- +goose Down
DROP TRIGGER "audit_log_append_only" ON "audit_log";
DROP FUNCTION audit_log_append_only();
DROP INDEX "idx_citizens_deletion_requested";
ALTER TABLE "citizens" DROP COLUMN "erased_at";
