-- Regional sites (issue 20): a snapshot's version counts within one centre database. The centre's database gets an
-- identity of its own when it is made, and every snapshot carries it; a copy keeps the identity of the snapshots it
-- holds, so that a centre whose database was made again (its versions starting again at 1) is taken at its word
-- instead of being skipped as older.

CREATE TABLE IF NOT EXISTS directory_origin (
    one    boolean PRIMARY KEY DEFAULT true CHECK (one),
    origin uuid NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO directory_origin DEFAULT VALUES ON CONFLICT DO NOTHING;

-- At a copy: the origin of the snapshot it holds (null: held before snapshots carried one).
ALTER TABLE directory_copy_state ADD COLUMN IF NOT EXISTS origin uuid;
