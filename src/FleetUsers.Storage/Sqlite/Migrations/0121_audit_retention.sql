-- Audit retention (issue 15): the trails stay append-only, except that the retention purge may
-- delete entries older than a cutoff it writes into audit_purge within its own transaction (and
-- removes before it commits). Any other DELETE is still refused, as is every UPDATE.
CREATE TABLE audit_purge (
    purge_before TEXT NOT NULL
);

DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN NOT coalesce(OLD.occurred_at < (SELECT max(purge_before) FROM audit_purge), 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

DROP TRIGGER group_audit_log_no_delete;
CREATE TRIGGER group_audit_log_no_delete BEFORE DELETE ON group_audit_log
WHEN NOT coalesce(OLD.occurred_at < (SELECT max(purge_before) FROM audit_purge), 0)
BEGIN
    SELECT RAISE(ABORT, 'group_audit_log is append-only');
END;
