CREATE TABLE IF NOT EXISTS regions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    level       smallint NOT NULL,
    parent_code text NULL REFERENCES regions (code),
    decree      text NOT NULL
);

-- Kind of region (provinsi, kabupaten, kota); for rows from before the column existed it is
-- derived from the code: kota codes run 71-99, kabupaten 01-69.
ALTER TABLE regions ADD COLUMN IF NOT EXISTS kind text;
UPDATE regions
SET kind = CASE
    WHEN length(code) = 2 THEN 'provinsi'
    WHEN substr(code, 4, 2)::int >= 71 THEN 'kota'
    ELSE 'kabupaten' END
WHERE kind IS NULL;

CREATE INDEX IF NOT EXISTS regions_parent_code ON regions (parent_code);
