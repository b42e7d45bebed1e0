-- The audit trail: every change of a complaint and every read of personal data, with who, when, what and from where.
-- Append-only, enforced here, in the database: the service connects as the table's owner (today the superuser),
-- and REVOKE cannot take privileges from an owner, so triggers refuse UPDATE, DELETE and TRUNCATE for everyone.
-- (A superuser can still drop the triggers or set session_replication_role = replica; that is an administrator's
-- act outside the service, visible in PostgreSQL's own logs.)
-- details never holds the reporter's personal data: only ids, status names, field names.
-- No foreign key to complaints: the trail must outlive any change to that table and be writable in the same
-- transaction, before or after the complaint row.
CREATE TABLE IF NOT EXISTS audit_entries (
    id              bigserial PRIMARY KEY,
    complaint_id    uuid NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    -- The caller: office client id (token sub), its office and region scope ('' = national), its roles.
    -- NULL client id for an anonymous caller; 'system:<component>' for the service's own jobs.
    actor_client_id text NULL,
    actor_office_id text NULL,
    actor_region    text NULL,
    actor_roles     text[] NOT NULL DEFAULT '{}',
    -- Dotted lower-case names: complaint.submitted, identity.read, status.changed, ...
    action          text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    details         jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object'),
    remote_address  text NULL,
    user_agent      text NULL,
    trace_id        text NULL
);

CREATE INDEX IF NOT EXISTS ix_audit_entries_complaint ON audit_entries (complaint_id, id);

CREATE OR REPLACE FUNCTION audit_entries_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit entries are only ever inserted.';
END;
$$;

-- Row triggers catch UPDATE and DELETE; TRUNCATE fires no row trigger, so it needs a statement trigger of its own.
CREATE OR REPLACE TRIGGER audit_entries_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();

CREATE OR REPLACE TRIGGER audit_entries_no_truncate
    BEFORE TRUNCATE ON audit_entries
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
