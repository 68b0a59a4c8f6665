-- The PostgreSQL write floor: one user row updated and one audit row appended, in one transaction,
-- as every PUT does at least. :users, :company and :actor come from bench/run.sh (pgbench -D);
-- floor_ids maps 1..:users to the seeded users' ids (a table of the floors' copy of the database).
\set n random(1, :users)
BEGIN;
UPDATE users SET updated_date = now(), version = version + 1 WHERE id = (SELECT id FROM floor_ids WHERE n = :n);
INSERT INTO audit_log (id, company_id, user_id, occurred_at, actor_type, actor_id, actor_name, action, changes)
    SELECT gen_random_uuid(), CAST(:company AS uuid), id, now(), 'user', CAST(:actor AS text), 'bench-floor', 'update',
        '[{"field":"firstName","oldValue":"John","newValue":"Jon"}]'
    FROM floor_ids WHERE n = :n;
END;
