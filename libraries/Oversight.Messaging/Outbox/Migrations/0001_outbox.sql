-- The transactional outbox: events written in the same transaction as the change they report,
-- published to RabbitMQ by the relay, deleted after the retention period.
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
-- The purge deletes by age of publication.
CREATE INDEX IF NOT EXISTS ix_outbox_messages_published_at ON outbox_messages (published_at) WHERE published_at IS NOT NULL;
