-- Regional sites (issue 20): the centre numbers the snapshots of its directory that it sends to the sites' copies;
-- a copy keeps which one it holds and the centre's public signing keys, so it accepts the centre's tokens.

CREATE SEQUENCE IF NOT EXISTS directory_snapshot_version;

-- At a copy: one row, the version of the snapshot it holds.
CREATE TABLE IF NOT EXISTS directory_copy_state (
    one        boolean PRIMARY KEY DEFAULT true CHECK (one),
    version    bigint NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- At a copy: the centre's public keys (SubjectPublicKeyInfo), replaced by each snapshot.
CREATE TABLE IF NOT EXISTS copied_signing_keys (
    kid        text PRIMARY KEY,
    public_key bytea NOT NULL
);
