-- Office credentials: the keys tokens are signed with, and the clients that may ask for tokens.

-- RSA keys, PKCS#8. Kept here so every replica signs with the same key and tokens survive restarts.
-- At most one active key (retired_at IS NULL): the unique index lets concurrent starts race safely,
-- the loser's INSERT ... ON CONFLICT DO NOTHING simply adds nothing.
CREATE TABLE IF NOT EXISTS signing_keys (
    kid               text PRIMARY KEY,
    algorithm         text NOT NULL,
    private_key_pkcs8 bytea NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    retired_at        timestamptz NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;

-- Secrets are stored only as a salted slow hash ("pbkdf2-sha256$iterations$salt$hash").
-- region_code is a Kemendagri code, or '' for national scope.
CREATE TABLE IF NOT EXISTS office_clients (
    client_id         text PRIMARY KEY,
    display_name      text NOT NULL,
    region_code       text NOT NULL,
    office_id         text NULL,
    roles             text[] NOT NULL,
    secret_hash       text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    secret_changed_at timestamptz NOT NULL DEFAULT now(),
    revoked_at        timestamptz NULL
);
