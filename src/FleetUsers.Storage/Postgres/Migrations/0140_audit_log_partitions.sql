-- The user trail in monthly partitions (issue 15): retention drops a month whose every entry is past
-- the cutoff as one table (DROP TABLE, a catalog change) instead of deleting it row by row.
-- audit_log becomes a table partitioned by RANGE (occurred_at), one partition audit_log_pYYYYMM per
-- month (UTC), plus audit_log_default for an entry no month's partition takes (its month's partition
-- was not created in time): the insert never fails for lack of a partition. The existing entries are
-- copied with their seq (the API's order) and id; seq goes on from the highest.
-- A partitioned table's unique keys must hold the partition key: the primary key is (seq,
-- occurred_at) and id is unique with its time ((id, occurred_at); ids are UUIDv7, made from that time).
-- The group trail stays one table: it grows with changes of groups (a tree per company), not of users.

ALTER TABLE audit_log RENAME TO audit_log_unpartitioned;
ALTER INDEX audit_log_pkey RENAME TO audit_log_unpartitioned_pkey;
ALTER INDEX audit_log_id_key RENAME TO audit_log_unpartitioned_id_key;
ALTER INDEX ix_audit_log_user RENAME TO ix_audit_log_unpartitioned_user;
ALTER SEQUENCE audit_log_seq_seq RENAME TO audit_log_unpartitioned_seq_seq;

CREATE TABLE audit_log (
    seq         bigint GENERATED ALWAYS AS IDENTITY,
    id          uuid NOT NULL,
    company_id  uuid NOT NULL CONSTRAINT audit_log_company_id_fkey REFERENCES companies (id),
    user_id     uuid NOT NULL,
    occurred_at timestamptz NOT NULL,
    actor_type  text NOT NULL,
    actor_id    text NOT NULL,
    actor_name  text NOT NULL,
    action      text NOT NULL,
    changes     text NOT NULL,
    import_id   uuid,
    PRIMARY KEY (seq, occurred_at),
    UNIQUE (id, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX ix_audit_log_user ON audit_log (company_id, user_id, seq);

-- Row triggers on the partitioned table are cloned onto every partition, now and later; a TRUNCATE
-- trigger is not, so each partition gets its own (audit_log_add_month, and the default below).
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_delete_only_purged();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log_default
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Creates the partition of the month that begins on first_day (UTC) unless it exists; true when the month
-- has its partition. False when the default partition holds entries of that month: then the month keeps no
-- partition of its own (its entries go on landing in the default, and retention deletes them row by row),
-- as PostgreSQL refuses a partition whose rows sit in the default. Callers hold a lock so that instances
-- take turns; with the partition in place it takes no lock on audit_log at all.
CREATE FUNCTION audit_log_add_month(first_day date) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    month_start timestamptz := date_trunc('month', first_day)::timestamp AT TIME ZONE 'UTC';
    month_end timestamptz := (date_trunc('month', first_day) + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    partition_name text := 'audit_log_p' || to_char(first_day, 'YYYYMM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN true;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_log_default WHERE occurred_at >= month_start AND occurred_at < month_end) THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)', partition_name, month_start, month_end);
    EXECUTE format('CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()', partition_name);
    RETURN true;
END
$$;

-- The months of the existing entries, then this one and the next two (the service adds months ahead as it runs).
SELECT audit_log_add_month(month::date)
FROM generate_series(
    date_trunc('month', LEAST((SELECT min(occurred_at) FROM audit_log_unpartitioned), now()) AT TIME ZONE 'UTC'),
    date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
    interval '1 month') AS month;

INSERT INTO audit_log (seq, id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes, import_id)
OVERRIDING SYSTEM VALUE
SELECT seq, id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes, import_id
FROM audit_log_unpartitioned;
SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), COALESCE((SELECT max(seq) FROM audit_log_unpartitioned), 0) + 1, false);

-- Dropping a table fires no row trigger: the old one goes whole, its entries now in audit_log.
DROP TABLE audit_log_unpartitioned;
