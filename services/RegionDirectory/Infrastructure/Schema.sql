CREATE TABLE IF NOT EXISTS regions (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    level       smallint NOT NULL,
    parent_code text NULL REFERENCES regions (code),
    decree      text NOT NULL
);
