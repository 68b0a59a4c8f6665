-- The audit trail: one row per change of a user, written in the change's own transaction.
-- Append-only: triggers refuse UPDATE and DELETE. user_id has no foreign key, so the trail
-- outlives the user it describes. seq orders entries (newest = highest); id is what clients
-- see (a sequence number would tell one company how busy the others are).
-- actor_type is 'user' (actor_id a user id, actor_name its username) or 'client' (an API client).

CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT NOT NULL UNIQUE,
    company_id  TEXT NOT NULL REFERENCES companies (id),
    user_id     TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    actor_type  TEXT NOT NULL,
    actor_id    TEXT NOT NULL,
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    changes     TEXT NOT NULL
);
CREATE INDEX ix_audit_log_user ON audit_log (company_id, user_id, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
