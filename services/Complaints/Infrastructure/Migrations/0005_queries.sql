-- Indexes of the offices' reads (Infrastructure/Queries).

-- ListComplaints pages newest first by (received_at, id): the keyset cursor seeks on this index.
CREATE INDEX IF NOT EXISTS ix_complaints_received_id ON complaints (received_at DESC, id DESC);
-- FindComplaint by registration number (the unique index is on the number's parts, not its text).
CREATE INDEX IF NOT EXISTS ix_complaints_registration_number ON complaints (registration_number) WHERE registration_number IS NOT NULL;
-- The region subtree filter ("52" covers "52.71") is a prefix match: text_pattern_ops lets LIKE '52.%' use an index.
CREATE INDEX IF NOT EXISTS ix_complaints_region_prefix ON complaints (region_code text_pattern_ops);
-- The overdue filter: open deadlines by due date.
CREATE INDEX IF NOT EXISTS ix_complaint_deadlines_open_due ON complaint_deadlines (complaint_id, due_at) WHERE closed_at IS NULL;
