-- The outbox of change events: one row per change, written in the change's own transaction
-- (Application's ChangeRecorder), so a rolled-back change leaves none and a committed one always
-- has one. body is the event as consumers read it (JSON text). The feed orders events by
-- (xid, seq); SQLite has one writer at a time, so seq is already commit order and xid stays 0 (the
-- column is there so both engines read the feed with the same statement). id (a UUIDv7) is the
-- cursor clients see. Old events are deleted after the retention period (Events:RetentionDays).
CREATE TABLE events (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    xid          INTEGER NOT NULL DEFAULT 0,
    id           TEXT NOT NULL UNIQUE,
    company_id   TEXT NOT NULL REFERENCES companies (id),
    type         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX ix_events_feed ON events (company_id, xid, seq);
CREATE INDEX ix_events_age ON events (occurred_at);
