-- The legal deadlines of complaints, and whether each one's "approaching" and "missed" events were
-- raised. The scheduler marks a row in the same transaction as the event's outbox row, so each event is
-- raised once per deadline across restarts and instances.
CREATE TABLE IF NOT EXISTS complaint_deadlines (
    id                   uuid PRIMARY KEY,
    complaint_id         uuid NOT NULL REFERENCES complaints (id),
    kind                 text NOT NULL,
    owner                text NOT NULL,
    region_code          text NOT NULL,
    due_at               timestamptz NOT NULL,
    approaching_at       timestamptz NOT NULL,
    approaching_event_id uuid NULL,
    missed_event_id      uuid NULL,
    -- Met (the awaited action happened), extended (replaced by a new deadline) or cancelled.
    closed_at            timestamptz NULL,
    closed_reason        text NULL,
    CHECK (approaching_at <= due_at)
);

-- At most one open deadline of a kind per complaint.
CREATE UNIQUE INDEX IF NOT EXISTS ux_complaint_deadlines_open ON complaint_deadlines (complaint_id, kind) WHERE closed_at IS NULL;
-- What the scheduler scans.
CREATE INDEX IF NOT EXISTS ix_complaint_deadlines_approaching ON complaint_deadlines (approaching_at)
    WHERE closed_at IS NULL AND approaching_event_id IS NULL;
CREATE INDEX IF NOT EXISTS ix_complaint_deadlines_missed ON complaint_deadlines (due_at)
    WHERE closed_at IS NULL AND missed_event_id IS NULL;
-- What the scheduler counts for the overdue gauge (open deadlines past due), and ListComplaints' overdueOnly.
CREATE INDEX IF NOT EXISTS ix_complaint_deadlines_open_due ON complaint_deadlines (due_at) WHERE closed_at IS NULL;
