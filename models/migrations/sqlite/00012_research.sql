-- +goose Up
-- The evaluation (issue 17): what the inclusion criteria need on a referral, all optional; the
-- withdrawal of research consent, kept apart from the citizen so it outlives erasure; and the
-- admins allowed to write the research key file.
ALTER TABLE "referrals" ADD COLUMN "birth_year" integer;
ALTER TABLE "referrals" ADD COLUMN "sex" text;
ALTER TABLE "referrals" ADD COLUMN "municipality" text;
ALTER TABLE "referrals" ADD COLUMN "email" text;
ALTER TABLE "referrals" ADD COLUMN "reason_category" text;

CREATE TABLE "research_withdrawals" (
    "citizen_id" uuid,
    "withdrawn_at" datetime NOT NULL,
    "source" text NOT NULL,
    "actor_id" uuid,
    PRIMARY KEY ("citizen_id"),
    CONSTRAINT "fk_research_withdrawals_citizen_id" FOREIGN KEY ("citizen_id") REFERENCES "citizens"("id"),
    CONSTRAINT "fk_research_withdrawals_actor_id" FOREIGN KEY ("actor_id") REFERENCES "staff"("id")
);

CREATE TABLE "research_key_holders" (
    "staff_id" uuid,
    "granted_at" datetime NOT NULL,
    PRIMARY KEY ("staff_id"),
    CONSTRAINT "fk_research_key_holders_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff"("id")
);

-- +goose Down
DROP TABLE "research_key_holders";
DROP TABLE "research_withdrawals";
ALTER TABLE "referrals" DROP COLUMN "reason_category";
ALTER TABLE "referrals" DROP COLUMN "email";
ALTER TABLE "referrals" DROP COLUMN "municipality";
ALTER TABLE "referrals" DROP COLUMN "sex";
ALTER TABLE "referrals" DROP COLUMN "birth_year";
