-- A CSV import writes its users in short batches (other writers get the lock between them) and
-- makes them visible all at once: its rows carry import_id, and readers show a row with an
-- import_id only once that import's committed_at is set (UserStore.Visible), one short write.
-- Until then the rows are invisible but hold their usernames and employee ids (the unique
-- indexes see them), so nobody takes one meanwhile. An import that fails removes its rows; one
-- whose process died (no heartbeat for a while) is removed by the next import. Its audit entries
-- stay (the table is append-only) with an import_id that never committed: no user of theirs exists.
CREATE TABLE user_imports (
    id           uuid PRIMARY KEY,
    company_id   uuid NOT NULL REFERENCES companies (id),
    started_at   timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    committed_at timestamptz
);

ALTER TABLE users ADD COLUMN import_id uuid;
CREATE INDEX ix_users_import ON users (import_id) WHERE import_id IS NOT NULL;

ALTER TABLE audit_log ADD COLUMN import_id uuid;
