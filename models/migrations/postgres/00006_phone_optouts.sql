-- +goose Up
-- STOP belongs to the phone number: it outlives the citizen record (a closed or declined
-- referral, a re-referral, erasure). Only a keyed hash of the number is kept.
CREATE TABLE "phone_opt_outs" (
    "phone_key" varchar(64),
    "opted_out_at" timestamptz NOT NULL,
    "source" varchar(16) NOT NULL,
    PRIMARY KEY ("phone_key")
);

-- Numbers that said STOP before this table existed keep their opt-out: the application hashes
-- them on its next start (see Store.BackfillPhoneOptOuts).

-- +goose Down
DROP TABLE "phone_opt_outs";
