-- The change events of a CSV import, written with its hidden batches (one user.created per user)
-- and moved into events by the import's final write with one INSERT ... SELECT, so that they
-- appear in the feed no earlier than the users, with that write's xid (the feed's rules for a
-- transaction that commits late hold for it as for any other), and that write stays short. An
-- import that does not commit leaves none: its staged events are deleted with its users. The rows
-- of a committed import are deleted after its final write, in short transactions.
CREATE TABLE import_events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    import_id    uuid NOT NULL,
    id           uuid NOT NULL,
    company_id   uuid NOT NULL,
    type         text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    subject_kind text NOT NULL,
    subject_id   uuid NOT NULL,
    body         text NOT NULL
);
CREATE INDEX ix_import_events ON import_events (import_id, seq);
