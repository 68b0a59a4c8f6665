-- The group trail: one row per change of a group (CREATE, UPDATE, MOVE, DELETE, IMPORT), written
-- in the change's own transaction, holding the group as it was right after the change. Append-only:
-- triggers refuse UPDATE and DELETE. group_id has no foreign key, so deleted groups stay in the
-- trail. seq orders entries; id is what clients could cite (a sequence number would tell one
-- company how busy the others are). actor_* as in audit_log.

CREATE TABLE group_audit_log (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    id            TEXT NOT NULL UNIQUE,
    company_id    TEXT NOT NULL REFERENCES companies (id),
    group_id      TEXT NOT NULL,
    action        TEXT NOT NULL,
    occurred_at   TEXT NOT NULL,
    actor_type    TEXT NOT NULL,
    actor_id      TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    name          TEXT NOT NULL,
    description   TEXT,
    parent_id     TEXT,
    root_group_id TEXT NOT NULL,
    full_path     TEXT NOT NULL,
    full_path_id  TEXT NOT NULL,
    revision      INTEGER NOT NULL,
    created_date  TEXT NOT NULL,
    updated_date  TEXT NOT NULL,
    deleted_date  TEXT
);
-- The trail is read by time window (at most 7 days), and by group.
CREATE INDEX ix_group_audit_log_time ON group_audit_log (company_id, occurred_at, seq);
CREATE INDEX ix_group_audit_log_group ON group_audit_log (company_id, group_id, seq);

CREATE TRIGGER group_audit_log_no_update BEFORE UPDATE ON group_audit_log
BEGIN
    SELECT RAISE(ABORT, 'group_audit_log is append-only');
END;

CREATE TRIGGER group_audit_log_no_delete BEFORE DELETE ON group_audit_log
BEGIN
    SELECT RAISE(ABORT, 'group_audit_log is append-only');
END;
