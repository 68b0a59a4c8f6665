-- The group trail: one row per change of a group (CREATE, UPDATE, MOVE, DELETE, IMPORT), written
-- in the change's own transaction, holding the group as it was right after the change. Append-only:
-- a trigger refuses UPDATE, DELETE and TRUNCATE. group_id has no foreign key, so deleted groups
-- stay in the trail. seq orders entries; id is what clients could cite (a sequence number would
-- tell one company how busy the others are). actor_* as in audit_log.

CREATE TABLE group_audit_log (
    seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            uuid NOT NULL UNIQUE,
    company_id    uuid NOT NULL REFERENCES companies (id),
    group_id      uuid NOT NULL,
    action        text NOT NULL,
    occurred_at   timestamptz NOT NULL,
    actor_type    text NOT NULL,
    actor_id      text NOT NULL,
    actor_name    text NOT NULL,
    name          text NOT NULL,
    description   text,
    parent_id     uuid,
    root_group_id uuid NOT NULL,
    full_path     text NOT NULL,
    full_path_id  text NOT NULL,
    revision      integer NOT NULL,
    created_date  timestamptz NOT NULL,
    updated_date  timestamptz NOT NULL,
    deleted_date  timestamptz
);
-- The trail is read by time window (at most 7 days), and by group.
CREATE INDEX ix_group_audit_log_time ON group_audit_log (company_id, occurred_at, seq);
CREATE INDEX ix_group_audit_log_group ON group_audit_log (company_id, group_id, seq);

CREATE FUNCTION group_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'group_audit_log is append-only';
END
$$;

CREATE TRIGGER group_audit_log_no_change BEFORE UPDATE OR DELETE ON group_audit_log
    FOR EACH ROW EXECUTE FUNCTION group_audit_log_append_only();
CREATE TRIGGER group_audit_log_no_truncate BEFORE TRUNCATE ON group_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION group_audit_log_append_only();
