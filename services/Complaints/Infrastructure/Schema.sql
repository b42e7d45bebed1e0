CREATE TABLE IF NOT EXISTS complaints (
    id              uuid PRIMARY KEY,
    region_code     text NOT NULL,
    violation_type  integer NOT NULL,
    description     text NOT NULL,
    handling_office text NOT NULL,
    status          text NOT NULL,
    received_at     timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS outbox_messages (
    id           bigserial PRIMARY KEY,
    event_id     uuid NOT NULL UNIQUE,
    event_type   text NOT NULL,
    payload      jsonb NOT NULL,
    traceparent  text NULL,
    tracestate   text NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz NULL
);

-- The relay only ever reads the unpublished rows.
CREATE INDEX IF NOT EXISTS ix_outbox_messages_unpublished ON outbox_messages (id) WHERE published_at IS NULL;
