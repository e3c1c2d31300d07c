-- +goose Up
-- MedCom (issue 19): the clinic register, every MedCom message in and out (its raw FHIR JSON
-- sealed with CPR_ENCRYPTION_KEY, since it names the patient's CPR number), the GPs' referrals
-- received by MedCom until a link worker registers them, and the CPR number of a citizen who came
-- by MedCom (sealed, and found by a keyed hash).
CREATE TABLE "clinics" (
    "id" uuid,
    "name" text NOT NULL,
    "sor" text NOT NULL,
    "gln" text NOT NULL,
    "practitioners" text NOT NULL,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "idx_clinics_sor" ON "clinics" ("sor");

CREATE TABLE "medcom_messages" (
    "id" uuid,
    "direction" text NOT NULL,
    "kind" text NOT NULL,
    "header_id" text NOT NULL,
    "status" text NOT NULL,
    "raw_sealed" text NOT NULL,
    "ack_code" text NOT NULL,
    "ack_reason" text NOT NULL,
    "ack_header_id" text NOT NULL,
    "ack_json" text NOT NULL,
    "reply_kind" text NOT NULL,
    "in_reply_to" text NOT NULL,
    "topic" text NOT NULL,
    "body" text NOT NULL,
    "clinic_id" uuid,
    "citizen_id" uuid,
    "medcom_referral_id" uuid,
    "author_id" uuid,
    "attempts" integer NOT NULL,
    "next_attempt_at" datetime,
    "last_error" text NOT NULL,
    "sent_at" datetime,
    "acked_at" datetime,
    "ack_overdue_at" datetime,
    "handled_at" datetime,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id")
);
-- The same message delivered twice is one row: its acknowledgement is answered again from it.
CREATE UNIQUE INDEX "idx_medcom_messages_header" ON "medcom_messages" ("direction", "header_id") WHERE "header_id" <> '';
-- One drafted reply of each kind per received referral (the sweep may run again).
CREATE UNIQUE INDEX "idx_medcom_messages_reply" ON "medcom_messages" ("in_reply_to", "reply_kind") WHERE "reply_kind" NOT IN ('', 'free');
CREATE INDEX "idx_medcom_messages_created" ON "medcom_messages" ("created_at", "id");
CREATE INDEX "idx_medcom_messages_due" ON "medcom_messages" ("status", "next_attempt_at");
CREATE INDEX "idx_medcom_messages_citizen" ON "medcom_messages" ("citizen_id");

CREATE TABLE "medcom_referrals" (
    "id" uuid,
    "message_id" uuid NOT NULL,
    "status" text NOT NULL,
    "patient_name" text NOT NULL,
    "cpr_sealed" text NOT NULL,
    "cpr_hash" text NOT NULL,
    "address" text NOT NULL,
    "phone" text NOT NULL,
    "other_phones" text NOT NULL,
    "email" text NOT NULL,
    "clinic_id" uuid NOT NULL,
    "practitioner" text NOT NULL,
    "topic" text NOT NULL,
    "text" text NOT NULL,
    "attachments" text NOT NULL,
    "citizen_id" uuid,
    "referral_id" uuid,
    "created_at" datetime NOT NULL,
    "updated_at" datetime NOT NULL,
    PRIMARY KEY ("id"),
    CONSTRAINT "fk_medcom_referrals_message_id" FOREIGN KEY ("message_id") REFERENCES "medcom_messages"("id"),
    CONSTRAINT "fk_medcom_referrals_clinic_id" FOREIGN KEY ("clinic_id") REFERENCES "clinics"("id")
);
CREATE INDEX "idx_medcom_referrals_status" ON "medcom_referrals" ("status", "created_at");
CREATE INDEX "idx_medcom_referrals_cpr" ON "medcom_referrals" ("cpr_hash");
CREATE INDEX "idx_medcom_referrals_referral" ON "medcom_referrals" ("referral_id");

CREATE TABLE "citizen_cprs" (
    "citizen_id" uuid,
    "cpr_hash" text NOT NULL,
    "cpr_sealed" text NOT NULL,
    PRIMARY KEY ("citizen_id"),
    CONSTRAINT "fk_citizen_cprs_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id")
);
CREATE INDEX "idx_citizen_cprs_hash" ON "citizen_cprs" ("cpr_hash");

-- +goose Down
DROP TABLE "citizen_cprs";
DROP TABLE "medcom_referrals";
DROP TABLE "medcom_messages";
DROP TABLE "clinics";
