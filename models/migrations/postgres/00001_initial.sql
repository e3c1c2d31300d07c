-- +goose Up
-- The first schema. Generated from the GORM models, then given foreign keys and partial indexes;
-- TestSchemaMatchesModels fails when the two drift apart.

CREATE TABLE "staff" (
    "id" uuid,
    "email" varchar(254) NOT NULL,
    "name" varchar(200) NOT NULL,
    "role" varchar(16) NOT NULL,
    "password_hash" varchar(200) NOT NULL,
    "phone" varchar(20) NOT NULL,
    "active" boolean NOT NULL,
    "failed_logins" bigint NOT NULL,
    "locked_until" timestamptz,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_staff_email" ON "staff" ("email");
CREATE TABLE "citizens" (
    "id" uuid,
    "name" varchar(200) NOT NULL,
    "phone" varchar(20) NOT NULL,
    "language" varchar(2) NOT NULL,
    "link_worker_id" uuid NOT NULL,
    "status" varchar(24) NOT NULL,
    "consent_contact_at" timestamptz,
    "consent_data_at" timestamptz,
    "consent_research_at" timestamptz,
    "contacted_at" timestamptz,
    "contact_confirmed_at" timestamptz,
    "declined_at" timestamptz,
    "opted_out_at" timestamptz,
    "opt_out_source" varchar(16) NOT NULL,
    "paused_at" timestamptz,
    "phone_invalid_at" timestamptz,
    "unreachable_at" timestamptz,
    "completed_at" timestamptz,
    "closed_at" timestamptz,
    "deletion_requested_at" timestamptz,
    "delivery_failures" bigint NOT NULL,
    "last_inbound_at" timestamptz,
    "last_outbound_at" timestamptz,
    "reminders_enabled" boolean NOT NULL,
    "reminder_lead_minutes" bigint NOT NULL,
    "quiet_start" varchar(5) NOT NULL,
    "quiet_end" varchar(5) NOT NULL,
    "preferred_channel" varchar(8) NOT NULL,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_citizens_link_worker_id" FOREIGN KEY ("link_worker_id") REFERENCES "staff"("id")
);
CREATE INDEX "idx_citizens_worker_status" ON "citizens" ("link_worker_id","status");
CREATE INDEX "idx_citizens_phone" ON "citizens" ("phone");
CREATE TABLE "referrals" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "referrer_name" varchar(200) NOT NULL,
    "referrer_clinic" varchar(200) NOT NULL,
    "reason" text NOT NULL,
    "consent_at" timestamptz NOT NULL,
    "status" varchar(16) NOT NULL,
    "close_reason" varchar(16) NOT NULL,
    "status_note" text NOT NULL,
    "created_by_id" uuid,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_referrals_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id"),
    CONSTRAINT "fk_referrals_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id")
);
CREATE INDEX "idx_referrals_citizen" ON "referrals" ("citizen_id");
CREATE TABLE "referral_events" (
    "id" uuid,
    "referral_id" uuid NOT NULL,
    "status" varchar(16) NOT NULL,
    "note" text NOT NULL,
    "actor_id" uuid,
    "at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_referral_events_referral_id" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE
);
CREATE INDEX "idx_referral_events_referral" ON "referral_events" ("referral_id");
CREATE TABLE "offers" (
    "id" uuid,
    "organisation" varchar(200) NOT NULL,
    "title" varchar(200) NOT NULL,
    "description" text NOT NULL,
    "target_group" text NOT NULL,
    "purpose" text NOT NULL,
    "address_line" varchar(200) NOT NULL,
    "postal_code" varchar(10) NOT NULL,
    "city" varchar(100) NOT NULL,
    "contact_name" varchar(200) NOT NULL,
    "contact_phone" varchar(20) NOT NULL,
    "contact_email" varchar(254) NOT NULL,
    "url" varchar(500) NOT NULL,
    "active" boolean NOT NULL,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE TABLE "offer_schedules" (
    "id" uuid,
    "offer_id" uuid NOT NULL,
    "weekday" bigint NOT NULL,
    "start_time" varchar(5) NOT NULL,
    "end_time" varchar(5) NOT NULL,
    "note" varchar(200) NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_offers_schedules" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE
);
CREATE INDEX "idx_offer_schedules_offer" ON "offer_schedules" ("offer_id");
CREATE TABLE "prescriptions" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "offer_id" uuid NOT NULL,
    "weekday" bigint NOT NULL,
    "start_time" varchar(5) NOT NULL,
    "end_time" varchar(5) NOT NULL,
    "once_on" timestamptz,
    "starts_on" timestamptz NOT NULL,
    "ends_on" timestamptz,
    "note" text NOT NULL,
    "active" boolean NOT NULL,
    "created_by_id" uuid,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_prescriptions_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id"),
    CONSTRAINT "fk_prescriptions_offer_id" FOREIGN KEY ("offer_id") REFERENCES "offers"("id")
);
CREATE INDEX "idx_prescriptions_offer" ON "prescriptions" ("offer_id");
CREATE INDEX "idx_prescriptions_citizen" ON "prescriptions" ("citizen_id");
CREATE TABLE "attendances" (
    "id" uuid,
    "prescription_id" uuid NOT NULL,
    "citizen_id" uuid NOT NULL,
    "occurrence_on" timestamptz NOT NULL,
    "answer" varchar(12) NOT NULL,
    "answered_at" timestamptz,
    "created_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_attendances_prescription_id" FOREIGN KEY ("prescription_id") REFERENCES "prescriptions"("id"),
    CONSTRAINT "fk_attendances_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_attendance_citizen" ON "attendances" ("citizen_id");
CREATE UNIQUE INDEX "idx_attendance_occurrence" ON "attendances" ("prescription_id","occurrence_on");
CREATE TABLE "conversations" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "kind" varchar(16) NOT NULL,
    "state" varchar(12) NOT NULL,
    "checkin_id" uuid,
    "prescription_id" uuid,
    "occurrence_on" timestamptz,
    "step" bigint NOT NULL,
    "reprompts" bigint NOT NULL,
    "opened_at" timestamptz NOT NULL,
    "expires_at" timestamptz NOT NULL,
    "closed_at" timestamptz,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_conversations_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_conversations_expiry" ON "conversations" ("expires_at");
CREATE INDEX "idx_conversations_citizen" ON "conversations" ("citizen_id");
CREATE TABLE "messages" (
    "id" uuid,
    "citizen_id" uuid,
    "phone" varchar(20) NOT NULL,
    "direction" varchar(3) NOT NULL,
    "body" text NOT NULL,
    "twilio_sid" varchar(64),
    "status" varchar(16) NOT NULL,
    "error_code" bigint NOT NULL,
    "segments" bigint NOT NULL,
    "needs_reply" boolean NOT NULL,
    "processed_at" timestamptz,
    "conversation_id" uuid,
    "outbox_id" uuid,
    "created_at" timestamptz NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_messages_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_messages_twilio_sid" ON "messages" ("twilio_sid");
CREATE INDEX "idx_messages_phone" ON "messages" ("phone");
CREATE INDEX "idx_messages_citizen_created" ON "messages" ("citizen_id","created_at");
CREATE TABLE "message_status_events" (
    "id" uuid,
    "message_sid" varchar(64) NOT NULL,
    "status" varchar(16) NOT NULL,
    "error_code" bigint NOT NULL,
    "received_at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_status_events_sid_status" ON "message_status_events" ("message_sid","status");
CREATE TABLE "checkins" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "instrument" varchar(32) NOT NULL,
    "version" varchar(8) NOT NULL,
    "status" varchar(12) NOT NULL,
    "plan_key" varchar(160),
    "due_at" timestamptz NOT NULL,
    "opened_at" timestamptz,
    "completed_at" timestamptz,
    "channel" varchar(8) NOT NULL,
    "raw" bigint,
    "score" decimal,
    "band" varchar(32) NOT NULL,
    "created_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_checkins_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_checkins_plan_key" ON "checkins" ("plan_key");
CREATE INDEX "idx_checkins_citizen_due" ON "checkins" ("citizen_id","due_at");
CREATE TABLE "answers" (
    "id" uuid,
    "checkin_id" uuid NOT NULL,
    "item" bigint NOT NULL,
    "value" bigint,
    "raw_text" varchar(200) NOT NULL,
    "channel" varchar(8) NOT NULL,
    "answered_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_answers_checkin_id" FOREIGN KEY ("checkin_id") REFERENCES "checkins"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "idx_answers_checkin_item" ON "answers" ("checkin_id","item");
CREATE TABLE "flags" (
    "id" uuid,
    "citizen_id" uuid,
    "kind" varchar(24) NOT NULL,
    "severity" bigint NOT NULL,
    "reason" text NOT NULL,
    "ref_id" uuid,
    "dedupe_key" varchar(160),
    "created_at" timestamptz NOT NULL,
    "acked_at" timestamptz,
    "acked_by_id" uuid,
    "ack_note" text NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_flags_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_flags_dedupe" ON "flags" ("dedupe_key");
CREATE INDEX "idx_flags_citizen" ON "flags" ("citizen_id");
CREATE TABLE "outbox" (
    "id" uuid,
    "citizen_id" uuid,
    "phone" varchar(20) NOT NULL,
    "body" text NOT NULL,
    "kind" varchar(24) NOT NULL,
    "dedupe_key" varchar(160),
    "priority" bigint NOT NULL,
    "status" varchar(12) NOT NULL,
    "not_before" timestamptz NOT NULL,
    "not_after" timestamptz,
    "attempts" bigint NOT NULL,
    "lease_until" timestamptz,
    "last_error" text NOT NULL,
    "error_code" bigint NOT NULL,
    "message_id" uuid,
    "segments" bigint NOT NULL,
    "created_at" timestamptz NOT NULL,
    "sent_at" timestamptz,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_outbox_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_outbox_due" ON "outbox" ("status","priority","not_before");
CREATE UNIQUE INDEX "idx_outbox_dedupe" ON "outbox" ("dedupe_key");
CREATE INDEX "idx_outbox_citizen" ON "outbox" ("citizen_id");
CREATE TABLE "audit_log" (
    "id" uuid,
    "actor_id" uuid,
    "actor_role" varchar(16) NOT NULL,
    "action" varchar(40) NOT NULL,
    "object_type" varchar(24) NOT NULL,
    "object_id" varchar(64) NOT NULL,
    "request_id" varchar(64) NOT NULL,
    "at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_audit_object" ON "audit_log" ("object_id");
CREATE INDEX "idx_audit_actor_at" ON "audit_log" ("actor_id","at");
CREATE TABLE "login_codes" (
    "id" uuid,
    "phone" varchar(20) NOT NULL,
    "code_hash" varchar(128) NOT NULL,
    "attempts" bigint NOT NULL,
    "expires_at" timestamptz NOT NULL,
    "used_at" timestamptz,
    "created_at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_login_codes_phone" ON "login_codes" ("phone");
CREATE TABLE "refresh_tokens" (
    "id" uuid,
    "family_id" uuid NOT NULL,
    "subject_id" uuid NOT NULL,
    "role" varchar(16) NOT NULL,
    "token_hash" varchar(128) NOT NULL,
    "expires_at" timestamptz NOT NULL,
    "used_at" timestamptz,
    "revoked_at" timestamptz,
    "created_at" timestamptz NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_refresh_hash" ON "refresh_tokens" ("token_hash");
CREATE INDEX "idx_refresh_family" ON "refresh_tokens" ("family_id");
CREATE TABLE "devices" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "platform" varchar(16) NOT NULL,
    "token" varchar(512) NOT NULL,
    "created_at" timestamptz NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_devices_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "idx_devices_token" ON "devices" ("token");
CREATE INDEX "idx_devices_citizen" ON "devices" ("citizen_id");
CREATE TABLE "settings" (
    "key" varchar(64),
    "value" text NOT NULL,
    "updated_at" timestamptz NOT NULL,
    PRIMARY KEY ("key")
);

-- A phone number belongs to at most one open citizen: a second referral is a conflict.
CREATE UNIQUE INDEX "idx_citizens_open_phone" ON "citizens" ("phone") WHERE "closed_at" IS NULL;

-- At most one open conversation per citizen, so check-ins never interleave.
CREATE UNIQUE INDEX "idx_conversations_one_open" ON "conversations" ("citizen_id") WHERE "state" = 'open';

-- +goose Down
DROP TABLE "settings";
DROP TABLE "devices";
DROP TABLE "refresh_tokens";
DROP TABLE "login_codes";
DROP TABLE "audit_log";
DROP TABLE "outbox";
DROP TABLE "flags";
DROP TABLE "answers";
DROP TABLE "checkins";
DROP TABLE "message_status_events";
DROP TABLE "messages";
DROP TABLE "conversations";
DROP TABLE "attendances";
DROP TABLE "prescriptions";
DROP TABLE "offer_schedules";
DROP TABLE "offers";
DROP TABLE "referral_events";
DROP TABLE "referrals";
DROP TABLE "citizens";
DROP TABLE "staff";
