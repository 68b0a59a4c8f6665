-- The outbox of change events: one row per change, written in the change's own transaction
-- (Application's ChangeRecorder), so a rolled-back change leaves none and a committed one always
-- has one. body is the event as consumers read it (JSON text). The feed orders events by
-- (xid, seq): xid is the writing transaction's id, and it serves only events whose transaction is
-- older than the oldest one still running (pg_snapshot_xmin), so a transaction that commits late
-- can never land behind a cursor already handed out. id (a UUIDv7) is the cursor clients see:
-- a sequence number would tell one company how busy the others are. Old events are deleted after
-- the retention period (Events:RetentionDays).
CREATE TABLE events (
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid          xid8 NOT NULL DEFAULT pg_current_xact_id(),
    id           uuid NOT NULL UNIQUE,
    company_id   uuid NOT NULL REFERENCES companies (id),
    type         text NOT NULL,
    occurred_at  timestamptz NOT NULL,
    subject_kind text NOT NULL,
    subject_id   uuid NOT NULL,
    body         text NOT NULL
);
CREATE INDEX ix_events_feed ON events (company_id, xid, seq);
CREATE INDEX ix_events_age ON events (occurred_at);
