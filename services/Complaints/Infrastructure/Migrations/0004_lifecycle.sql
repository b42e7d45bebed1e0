-- The complaint lifecycle after intake (Grpc/ComplaintsService.Lifecycle.cs): what each step records, so that a
-- transition can rebuild the domain's Complaint from the row.
ALTER TABLE complaints
    -- When the current details were received (completion moves it): the Pilkada review clock starts here. NULL = received_at.
    ADD COLUMN IF NOT EXISTS details_received_at      timestamptz NULL,
    -- The instant of the last change: a step is never dated before it.
    ADD COLUMN IF NOT EXISTS last_changed_at          timestamptz NULL,
    ADD COLUMN IF NOT EXISTS review_extended          boolean NOT NULL DEFAULT false,
    -- The decision: violation, not_violation, forwarded_gakkumdu; the type found; the reasoning; late or not.
    ADD COLUMN IF NOT EXISTS outcome                  text NULL,
    ADD COLUMN IF NOT EXISTS decision_reasoning       text NULL,
    ADD COLUMN IF NOT EXISTS decided_violation_type   integer NULL,
    ADD COLUMN IF NOT EXISTS decision_late            boolean NOT NULL DEFAULT false,
    ADD COLUMN IF NOT EXISTS decided_at               timestamptz NULL,
    -- Bawaslu's recommendation to BKN, and the Satgas's verification.
    ADD COLUMN IF NOT EXISTS recommendation_ref       text NULL,
    ADD COLUMN IF NOT EXISTS recommended_at           timestamptz NULL,
    ADD COLUMN IF NOT EXISTS verified_at              timestamptz NULL,
    -- BKN's escalations when the PPK does not act.
    ADD COLUMN IF NOT EXISTS escalation_level         integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS last_escalated_at        timestamptz NULL,
    -- The PPK's sanction: PP 94/2021 code and its level, moral sanction codes (JSON array of strings), decree.
    ADD COLUMN IF NOT EXISTS sanction_code            text NULL,
    ADD COLUMN IF NOT EXISTS sanction_level           text NULL,
    ADD COLUMN IF NOT EXISTS moral_sanction_codes     jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN IF NOT EXISTS decree_ref               text NULL,
    ADD COLUMN IF NOT EXISTS sanctioned_at            timestamptz NULL,
    -- The reason or note of a rejection, withdrawal, dismissal or closing, and when the complaint became final.
    ADD COLUMN IF NOT EXISTS closing_note             text NULL,
    ADD COLUMN IF NOT EXISTS closed_at                timestamptz NULL;
