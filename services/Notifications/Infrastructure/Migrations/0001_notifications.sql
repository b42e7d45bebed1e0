-- One row per (event, recipient, channel): the unique key is what makes a redelivered event send nothing
-- twice. The row is inserted before anything is sent, and the delivery worker drives it from here, so
-- pending sends survive a restart.
CREATE TABLE IF NOT EXISTS deliveries (
    id               bigserial PRIMARY KEY,
    event_id         uuid NOT NULL,
    event_type       text NOT NULL,
    complaint_id     uuid,
    region_code      text NOT NULL,
    -- email or webhook
    channel          text NOT NULL,
    -- The e-mail address, or for a webhook the subscription id (a URL may be subscribed twice).
    recipient        text NOT NULL,
    -- office (a public address, shown as is) or personal (masked wherever it is shown)
    recipient_kind   text NOT NULL,
    office_id        text,
    subscription_id  uuid,
    -- E-mail: the rendered message (subject, text, html). Webhook: the exact body that is signed.
    payload          text NOT NULL,
    -- pending, sent, dead or cancelled
    status           text NOT NULL DEFAULT 'pending',
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- A claimed row is leased to one worker until then; a worker that died mid-send loses the lease.
    locked_until     timestamptz,
    last_error       text,
    -- The W3C traceparent of the event's consumption, so each attempt joins the event's trace.
    traceparent      text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    UNIQUE (event_id, recipient, channel)
);

CREATE INDEX IF NOT EXISTS ix_deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS ix_deliveries_complaint ON deliveries (complaint_id);
CREATE INDEX IF NOT EXISTS ix_deliveries_office ON deliveries (office_id);
CREATE INDEX IF NOT EXISTS ix_deliveries_subscription ON deliveries (subscription_id);
CREATE INDEX IF NOT EXISTS ix_deliveries_dead ON deliveries (created_at) WHERE status = 'dead';

-- The delivery log: every attempt, whatever its outcome.
CREATE TABLE IF NOT EXISTS delivery_attempts (
    id            bigserial PRIMARY KEY,
    delivery_id   bigint NOT NULL REFERENCES deliveries (id),
    attempt       integer NOT NULL,
    -- sent, failed, timeout or dead
    outcome       text NOT NULL,
    latency_ms    bigint NOT NULL,
    trace_id      text,
    detail        text,
    attempted_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS ix_delivery_attempts_delivery ON delivery_attempts (delivery_id);

-- Events already turned into deliveries: a redelivered event skips the directory look-up. Only a
-- shortcut; the unique key of deliveries is the arbiter.
CREATE TABLE IF NOT EXISTS planned_events (
    event_id    uuid PRIMARY KEY,
    event_type  text NOT NULL,
    planned_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS webhook_subscriptions (
    id           uuid PRIMARY KEY,
    url          text NOT NULL,
    -- Empty: every event type.
    event_types  text[] NOT NULL,
    -- The region subtree ("" national).
    region_code  text NOT NULL,
    -- Kept to sign deliveries (HMAC needs the secret itself, a hash would not do).
    secret       text NOT NULL,
    created_by   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz
);

-- The in-app inbox: one item per (office, event), written when the event is planned.
CREATE TABLE IF NOT EXISTS inbox_items (
    id            bigserial PRIMARY KEY,
    office_id     text NOT NULL,
    event_id      uuid NOT NULL,
    event_type    text NOT NULL,
    complaint_id  uuid,
    region_code   text NOT NULL,
    title         text NOT NULL,
    link          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    read_at       timestamptz,
    UNIQUE (office_id, event_id)
);

CREATE INDEX IF NOT EXISTS ix_inbox_items_office ON inbox_items (office_id, id DESC);
