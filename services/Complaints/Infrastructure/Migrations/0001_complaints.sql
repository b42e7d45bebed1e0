-- Complaints as taken in at the desk. Created in the walking skeleton's shape, then widened column by column
-- (ADD COLUMN IF NOT EXISTS), so a database of the skeleton is upgraded in place at start-up.
-- Personal data: the reporter's identity is only ever stored sealed (reporter_identity, AES-256-GCM,
-- Infrastructure/Privacy); the accused's name and NIP are stored in plain text for handling, never published.
CREATE TABLE IF NOT EXISTS complaints (
    id              uuid PRIMARY KEY,
    region_code     text NOT NULL,
    violation_type  integer NOT NULL,
    description     text NOT NULL,
    -- The handling Bawaslu office's name.
    handling_office text NOT NULL,
    -- registered, needs_completion, logged (informasi awal), later the lifecycle's states.
    status          text NOT NULL,
    received_at     timestamptz NOT NULL
);

ALTER TABLE complaints
    -- laporan, temuan, informasi_awal.
    ADD COLUMN IF NOT EXISTS kind                    text NOT NULL DEFAULT 'laporan',
    -- The election regime whose rules apply (Complaints.Domain ElectionRegimes: pilkada, pemilu).
    ADD COLUMN IF NOT EXISTS regime                  text NOT NULL DEFAULT 'pilkada',
    ADD COLUMN IF NOT EXISTS handling_office_id      text NOT NULL DEFAULT '',
    -- The office part of registration numbers: the office's region code, or RI for Bawaslu RI.
    ADD COLUMN IF NOT EXISTS handling_office_code    text NOT NULL DEFAULT '',
    -- The office's region ('' = national): the scope that may act on the complaint.
    ADD COLUMN IF NOT EXISTS handling_region_code    text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS employing_region_code   text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS ppk_name                text NULL,
    ADD COLUMN IF NOT EXISTS ppk_role                text NULL,
    ADD COLUMN IF NOT EXISTS occurred_at             timestamptz NULL,
    ADD COLUMN IF NOT EXISTS place                   text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS became_known_at         timestamptz NULL,
    ADD COLUMN IF NOT EXISTS reported_name           text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS reported_nip            text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS reported_position       text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS reported_agency         text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS reported_address        text NOT NULL DEFAULT '',
    -- [{"url":..,"sha256":..,"description":..}]
    ADD COLUMN IF NOT EXISTS evidence                jsonb NOT NULL DEFAULT '[]'::jsonb,
    ADD COLUMN IF NOT EXISTS signature_attested      boolean NOT NULL DEFAULT false,
    -- voter, accredited_monitor, participant, supervisor; NULL without a reporter. Not personal data.
    ADD COLUMN IF NOT EXISTS reporter_category       text NULL,
    -- Sealed ReporterIdentity (name, NIK, address, phone, email, consent); never stored in plain text.
    ADD COLUMN IF NOT EXISTS reporter_identity       bytea NULL,
    -- Laporan only: the reporter's tracking code (compact form) and the PBKDF2 hash of the PIN.
    ADD COLUMN IF NOT EXISTS tracking_code           text NULL,
    ADD COLUMN IF NOT EXISTS pin_hash                text NULL,
    ADD COLUMN IF NOT EXISTS outside_election_period boolean NOT NULL DEFAULT false,
    -- [{"field":..,"rule":..,"category":"formal|material"}]: what is missing (needs_completion).
    ADD COLUMN IF NOT EXISTS open_requirements       jsonb NOT NULL DEFAULT '[]'::jsonb,
    -- The registration number and its parts ({office}/{LP|TM}/{year}/{sequence:0000}).
    ADD COLUMN IF NOT EXISTS registration_number     text NULL,
    ADD COLUMN IF NOT EXISTS registration_office     text NULL,
    ADD COLUMN IF NOT EXISTS registration_year       integer NULL,
    ADD COLUMN IF NOT EXISTS registration_sequence   integer NULL,
    ADD COLUMN IF NOT EXISTS registered_at           timestamptz NULL,
    -- Who submitted it (office client id, token sub) and the client's idempotency key, if any.
    ADD COLUMN IF NOT EXISTS created_by              text NOT NULL DEFAULT '',
    ADD COLUMN IF NOT EXISTS idempotency_key         text NULL,
    -- SHA-256 of the request without its key: a reused key with another request is refused (SubmissionFingerprint).
    ADD COLUMN IF NOT EXISTS request_hash            bytea NULL,
    -- Raised by every change (optimistic concurrency for the lifecycle calls).
    ADD COLUMN IF NOT EXISTS version                 integer NOT NULL DEFAULT 1;

-- One number per office, year and sequence, shared by LP and TM.
CREATE UNIQUE INDEX IF NOT EXISTS ux_complaints_registration
    ON complaints (registration_office, registration_year, registration_sequence) WHERE registration_sequence IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_complaints_tracking_code ON complaints (tracking_code) WHERE tracking_code IS NOT NULL;
-- A retried submission (same client, same key) is the same complaint: this decides races and Redis outages.
CREATE UNIQUE INDEX IF NOT EXISTS ux_complaints_idempotency ON complaints (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_complaints_region ON complaints (region_code, received_at);

-- The gap-free registration sequence of each office and year: the submission's transaction increments its row
-- (INSERT .. ON CONFLICT DO UPDATE .. RETURNING), which holds the row lock until commit; a rollback undoes the
-- increment, so no number is burnt, and concurrent registrations of one office queue on the row.
CREATE TABLE IF NOT EXISTS registration_counters (
    office_code   text NOT NULL,
    year          integer NOT NULL,
    last_sequence integer NOT NULL CHECK (last_sequence > 0),
    PRIMARY KEY (office_code, year)
);

-- outbox_messages comes from ServiceDefaults (Outbox/Migrations), applied before this service's migrations.
