CREATE TABLE IF NOT EXISTS notifications (
    event_id     uuid NOT NULL,
    complaint_id uuid NOT NULL,
    recipient    text NOT NULL,
    reason       text NOT NULL,
    status       text NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (event_id, recipient)
);

CREATE INDEX IF NOT EXISTS ix_notifications_complaint_id ON notifications (complaint_id);
