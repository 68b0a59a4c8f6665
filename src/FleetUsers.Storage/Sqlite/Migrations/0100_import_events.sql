-- The change events of a CSV import, written with its hidden batches (one user.created per user)
-- and moved into events by the import's final write with one INSERT ... SELECT, so that they
-- appear in the feed no earlier than the users, in the position of that write, and that write stays
-- short. An import that does not commit leaves none: its staged events are deleted with its users.
-- The rows of a committed import are deleted after its final write, in short transactions.
CREATE TABLE import_events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    import_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    company_id   TEXT NOT NULL,
    type         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX ix_import_events ON import_events (import_id, seq);
