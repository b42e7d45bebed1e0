CREATE TABLE IF NOT EXISTS complaints (
    id              uuid PRIMARY KEY,
    region_code     text NOT NULL,
    violation_type  integer NOT NULL,
    description     text NOT NULL,
    handling_office text NOT NULL,
    status          text NOT NULL,
    received_at     timestamptz NOT NULL
);

-- outbox_messages comes from ServiceDefaults (Outbox/Outbox.sql), applied before this file.
