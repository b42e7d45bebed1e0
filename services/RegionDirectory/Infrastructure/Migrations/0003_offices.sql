-- Offices (Bawaslu, KPU, BKD/BKPSDM, Pemda, complaint desks, BKN) and the officials of each region.
-- Kinds and roles are checked by the service (Model/Offices), not by CHECK constraints, so a new kind
-- is a code change only. Dates are inclusive Indonesian calendar dates.

-- region_code is NULL for a national office (BKN): the region tree has no national row,
-- its roots are the provinces (parent_code IS NULL).
CREATE TABLE IF NOT EXISTS offices (
    id            uuid PRIMARY KEY,
    kind          text NOT NULL,
    region_code   text NULL REFERENCES regions (code),
    name          text NOT NULL,
    email         text NULL,
    phone         text NULL,
    webhook_url   text NULL,
    address       text NULL,
    opening_hours text NULL,
    open_from     date NULL,
    open_until    date NULL,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS offices_region_code ON offices (region_code);

CREATE TABLE IF NOT EXISTS officials (
    id          uuid PRIMARY KEY,
    region_code text NOT NULL REFERENCES regions (code),
    role        text NOT NULL,
    name        text NOT NULL,
    term_start  date NOT NULL,
    term_end    date NULL,
    note        text NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS officials_region_code ON officials (region_code);

-- Every seed row ever inserted, by its stable id. The seed inserts a row only the first time, so an
-- admin's later edit or deletion of a seeded office or official survives the next start.
CREATE TABLE IF NOT EXISTS directory_seed_applied (
    id         uuid PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
