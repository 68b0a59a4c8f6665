-- Audit retention (issue 15): the trails stay append-only, except that the retention purge may
-- delete entries older than a cutoff it writes into audit_purge within its own transaction (and
-- removes before it commits; no other transaction ever sees it). Any other DELETE is still
-- refused, as are every UPDATE and TRUNCATE.
CREATE TABLE audit_purge (
    purge_before timestamptz NOT NULL
);

CREATE FUNCTION audit_delete_only_purged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.occurred_at < (SELECT max(purge_before) FROM audit_purge) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;

DROP TRIGGER audit_log_no_change ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_delete_only_purged();

DROP TRIGGER group_audit_log_no_change ON group_audit_log;
CREATE TRIGGER group_audit_log_no_update BEFORE UPDATE ON group_audit_log
    FOR EACH ROW EXECUTE FUNCTION group_audit_log_append_only();
CREATE TRIGGER group_audit_log_no_delete BEFORE DELETE ON group_audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_delete_only_purged();
