-- +goose Up
-- The first schema. Generated from the GORM models, then given foreign keys and partial indexes;
-- TestSchemaMatchesModels fails when the two drift apart.

CREATE TABLE "staff" (
    "id" uuid,
    "email" text NOT NULL,
    "name" text NOT NULL,
    "role" text NOT NULL,
    "password_hash" text NOT NULL,
    "phone" text NOT NULL,
    "active" numeric NOT NULL,
    "failed_logins" integer NOT NULL,
    "locked_until" datetime,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_staff_email" ON "staff"("email");
CREATE TABLE "citizens" (
    "id" uuid,
    "name" text NOT NULL,
    "phone" text NOT NULL,
    "language" text NOT NULL,
    "link_worker_id" uuid NOT NULL,
    "status" text NOT NULL,
    "consent_contact_at" datetime,
    "consent_data_at" datetime,
    "consent_research_at" datetime,
    "contacted_at" datetime,
    "contact_confirmed_at" datetime,
    "declined_at" datetime,
    "opted_out_at" datetime,
    "opt_out_source" text NOT NULL,
    "paused_at" datetime,
    "phone_invalid_at" datetime,
    "unreachable_at" datetime,
    "completed_at" datetime,
    "closed_at" datetime,
    "deletion_requested_at" datetime,
    "delivery_failures" integer NOT NULL,
    "last_inbound_at" datetime,
    "last_outbound_at" datetime,
    "reminders_enabled" numeric NOT NULL,
    "reminder_lead_minutes" integer NOT NULL,
    "quiet_start" text NOT NULL,
    "quiet_end" text NOT NULL,
    "preferred_channel" text NOT NULL,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_citizens_link_worker_id" FOREIGN KEY ("link_worker_id") REFERENCES "staff"("id")
);
CREATE INDEX "idx_citizens_worker_status" ON "citizens"("link_worker_id","status");
CREATE INDEX "idx_citizens_phone" ON "citizens"("phone");
CREATE TABLE "referrals" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "referrer_name" text NOT NULL,
    "referrer_clinic" text NOT NULL,
    "reason" text NOT NULL,
    "consent_at" datetime NOT NULL,
    "status" text NOT NULL,
    "close_reason" text NOT NULL,
    "status_note" text NOT NULL,
    "created_by_id" uuid,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_referrals_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id"),
    CONSTRAINT "fk_referrals_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "staff"("id")
);
CREATE INDEX "idx_referrals_citizen" ON "referrals"("citizen_id");
CREATE TABLE "referral_events" (
    "id" uuid,
    "referral_id" uuid NOT NULL,
    "status" text NOT NULL,
    "note" text NOT NULL,
    "actor_id" uuid,
    "at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_referral_events_referral_id" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE
);
CREATE INDEX "idx_referral_events_referral" ON "referral_events"("referral_id");
CREATE TABLE "offers" (
    "id" uuid,
    "organisation" text NOT NULL,
    "title" text NOT NULL,
    "description" text NOT NULL,
    "target_group" text NOT NULL,
    "purpose" text NOT NULL,
    "address_line" text NOT NULL,
    "postal_code" text NOT NULL,
    "city" text NOT NULL,
    "contact_name" text NOT NULL,
    "contact_phone" text NOT NULL,
    "contact_email" text NOT NULL,
    "url" text NOT NULL,
    "active" numeric NOT NULL,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE TABLE "offer_schedules" (
    "id" uuid,
    "offer_id" uuid NOT NULL,
    "weekday" integer NOT NULL,
    "start_time" text NOT NULL,
    "end_time" text NOT NULL,
    "note" text NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_offers_schedules" FOREIGN KEY ("offer_id") REFERENCES "offers"("id") ON DELETE CASCADE
);
CREATE INDEX "idx_offer_schedules_offer" ON "offer_schedules"("offer_id");
CREATE TABLE "prescriptions" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "offer_id" uuid NOT NULL,
    "weekday" integer NOT NULL,
    "start_time" text NOT NULL,
    "end_time" text NOT NULL,
    "once_on" datetime,
    "starts_on" datetime NOT NULL,
    "ends_on" datetime,
    "note" text NOT NULL,
    "active" numeric NOT NULL,
    "created_by_id" uuid,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_prescriptions_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id"),
    CONSTRAINT "fk_prescriptions_offer_id" FOREIGN KEY ("offer_id") REFERENCES "offers"("id")
);
CREATE INDEX "idx_prescriptions_offer" ON "prescriptions"("offer_id");
CREATE INDEX "idx_prescriptions_citizen" ON "prescriptions"("citizen_id");
CREATE TABLE "attendances" (
    "id" uuid,
    "prescription_id" uuid NOT NULL,
    "citizen_id" uuid NOT NULL,
    "occurrence_on" datetime NOT NULL,
    "answer" text NOT NULL,
    "answered_at" datetime,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_attendances_prescription_id" FOREIGN KEY ("prescription_id") REFERENCES "prescriptions"("id"),
    CONSTRAINT "fk_attendances_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_attendance_citizen" ON "attendances"("citizen_id");
CREATE UNIQUE INDEX "idx_attendance_occurrence" ON "attendances"("prescription_id","occurrence_on");
CREATE TABLE "conversations" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "kind" text NOT NULL,
    "state" text NOT NULL,
    "checkin_id" uuid,
    "prescription_id" uuid,
    "occurrence_on" datetime,
    "step" integer NOT NULL,
    "reprompts" integer NOT NULL,
    "opened_at" datetime NOT NULL,
    "expires_at" datetime NOT NULL,
    "closed_at" datetime,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_conversations_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_conversations_expiry" ON "conversations"("expires_at");
CREATE INDEX "idx_conversations_citizen" ON "conversations"("citizen_id");
CREATE TABLE "messages" (
    "id" uuid,
    "citizen_id" uuid,
    "phone" text NOT NULL,
    "direction" text NOT NULL,
    "body" text NOT NULL,
    "twilio_sid" text,
    "status" text NOT NULL,
    "error_code" integer NOT NULL,
    "segments" integer NOT NULL,
    "needs_reply" numeric NOT NULL,
    "processed_at" datetime,
    "conversation_id" uuid,
    "outbox_id" uuid,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_messages_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_messages_twilio_sid" ON "messages"("twilio_sid");
CREATE INDEX "idx_messages_phone" ON "messages"("phone");
CREATE INDEX "idx_messages_citizen_created" ON "messages"("citizen_id","created_at");
CREATE TABLE "message_status_events" (
    "id" uuid,
    "message_sid" text NOT NULL,
    "status" text NOT NULL,
    "error_code" integer NOT NULL,
    "received_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_status_events_sid_status" ON "message_status_events"("message_sid","status");
CREATE TABLE "checkins" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "instrument" text NOT NULL,
    "version" text NOT NULL,
    "status" text NOT NULL,
    "plan_key" text,
    "due_at" datetime NOT NULL,
    "opened_at" datetime,
    "completed_at" datetime,
    "channel" text NOT NULL,
    "raw" integer,
    "score" real,
    "band" text NOT NULL,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_checkins_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_checkins_plan_key" ON "checkins"("plan_key");
CREATE INDEX "idx_checkins_citizen_due" ON "checkins"("citizen_id","due_at");
CREATE TABLE "answers" (
    "id" uuid,
    "checkin_id" uuid NOT NULL,
    "item" integer NOT NULL,
    "value" integer,
    "raw_text" text NOT NULL,
    "channel" text NOT NULL,
    "answered_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_answers_checkin_id" FOREIGN KEY ("checkin_id") REFERENCES "checkins"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "idx_answers_checkin_item" ON "answers"("checkin_id","item");
CREATE TABLE "flags" (
    "id" uuid,
    "citizen_id" uuid,
    "kind" text NOT NULL,
    "severity" integer NOT NULL,
    "reason" text NOT NULL,
    "ref_id" uuid,
    "dedupe_key" text,
    "created_at" datetime NOT NULL,
    "acked_at" datetime,
    "acked_by_id" uuid,
    "ack_note" text NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_flags_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE UNIQUE INDEX "idx_flags_dedupe" ON "flags"("dedupe_key");
CREATE INDEX "idx_flags_citizen" ON "flags"("citizen_id");
CREATE TABLE "outbox" (
    "id" uuid,
    "citizen_id" uuid,
    "phone" text NOT NULL,
    "body" text NOT NULL,
    "kind" text NOT NULL,
    "dedupe_key" text,
    "priority" integer NOT NULL,
    "status" text NOT NULL,
    "not_before" datetime NOT NULL,
    "not_after" datetime,
    "attempts" integer NOT NULL,
    "lease_until" datetime,
    "last_error" text NOT NULL,
    "error_code" integer NOT NULL,
    "message_id" uuid,
    "segments" integer NOT NULL,
    "created_at" datetime NOT NULL,
    "sent_at" datetime,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_outbox_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_outbox_due" ON "outbox"("status","priority","not_before");
CREATE UNIQUE INDEX "idx_outbox_dedupe" ON "outbox"("dedupe_key");
CREATE INDEX "idx_outbox_citizen" ON "outbox"("citizen_id");
CREATE TABLE "audit_log" (
    "id" uuid,
    "actor_id" uuid,
    "actor_role" text NOT NULL,
    "action" text NOT NULL,
    "object_type" text NOT NULL,
    "object_id" text NOT NULL,
    "request_id" text NOT NULL,
    "at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_audit_object" ON "audit_log"("object_id");
CREATE INDEX "idx_audit_actor_at" ON "audit_log"("actor_id","at");
CREATE TABLE "login_codes" (
    "id" uuid,
    "phone" text NOT NULL,
    "code_hash" text NOT NULL,
    "attempts" integer NOT NULL,
    "expires_at" datetime NOT NULL,
    "used_at" datetime,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE INDEX "idx_login_codes_phone" ON "login_codes"("phone");
CREATE TABLE "refresh_tokens" (
    "id" uuid,
    "family_id" uuid NOT NULL,
    "subject_id" uuid NOT NULL,
    "role" text NOT NULL,
    "token_hash" text NOT NULL,
    "expires_at" datetime NOT NULL,
    "used_at" datetime,
    "revoked_at" datetime,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_refresh_hash" ON "refresh_tokens"("token_hash");
CREATE INDEX "idx_refresh_family" ON "refresh_tokens"("family_id");
CREATE TABLE "devices" (
    "id" uuid,
    "citizen_id" uuid NOT NULL,
    "platform" text NOT NULL,
    "token" text NOT NULL,
    "created_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_devices_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "idx_devices_token" ON "devices"("token");
CREATE INDEX "idx_devices_citizen" ON "devices"("citizen_id");
CREATE TABLE "settings" (
    "key" text,
    "value" text NOT NULL,
    "updated_at" datetime NOT NULL,
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
