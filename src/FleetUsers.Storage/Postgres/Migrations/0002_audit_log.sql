-- The audit trail: one row per change of a user, written in the change's own transaction.
-- Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. user_id has no foreign key, so
-- the trail outlives the user it describes. seq orders entries (newest = highest); id is what
-- clients see (a sequence number would tell one company how busy the others are).
-- actor_type is 'user' (actor_id a user id, actor_name its username) or 'client' (an API client).

CREATE TABLE audit_log (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          uuid NOT NULL UNIQUE,
    company_id  uuid NOT NULL REFERENCES companies (id),
    user_id     uuid NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_type  text NOT NULL,
    actor_id    text NOT NULL,
    actor_name  text NOT NULL,
    action      text NOT NULL,
    changes     text NOT NULL
);
CREATE INDEX ix_audit_log_user ON audit_log (company_id, user_id, seq);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
