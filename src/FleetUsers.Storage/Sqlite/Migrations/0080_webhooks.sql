-- Webhooks (issue 13): endpoints a company registers, and the log of what was sent to each.
-- secret is the endpoint's whsec_ signing secret, encrypted by the service (ASP.NET Data
-- Protection, key ring in data_protection_keys) before it is written. types is null for every
-- type, or the subscribed types as ',a,b,' (matched with LIKE on both engines).
-- The delivery worker's state per endpoint: the cursor (xid, seq) of the last event handled, in
-- feed order; next_attempt_at while a failed event waits for its retry (later ones wait behind
-- it: strict order per endpoint); failing_since, the first failed attempt since the last success;
-- a lease (owner, until) that one instance takes to work on the endpoint, so instances share
-- endpoints without holding a transaction open across HTTP calls, and an instance that dies
-- leaves its endpoint to the others when the lease runs out.
CREATE TABLE webhooks (
    id              TEXT PRIMARY KEY,
    company_id      TEXT NOT NULL REFERENCES companies (id),
    url             TEXT NOT NULL,
    types           TEXT,
    enabled         INTEGER NOT NULL,
    secret          TEXT NOT NULL,
    created_date    TEXT NOT NULL,
    updated_date    TEXT NOT NULL,
    disabled_reason TEXT,
    cursor_xid      INTEGER NOT NULL,
    cursor_seq      INTEGER NOT NULL,
    next_attempt_at TEXT,
    failing_since   TEXT,
    lease_owner     TEXT,
    lease_until     TEXT
);
CREATE INDEX ix_webhooks_company ON webhooks (company_id);

-- One row per event and endpoint that was attempted: status pending (a retry is due at
-- next_attempt_at), succeeded or failed (given up).
CREATE TABLE webhook_deliveries (
    id               TEXT PRIMARY KEY,
    webhook_id       TEXT NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
    event_id         TEXT NOT NULL,
    event_seq        INTEGER NOT NULL,
    event_type       TEXT NOT NULL,
    status           TEXT NOT NULL,
    attempts         INTEGER NOT NULL,
    first_attempt_at TEXT NOT NULL,
    last_attempt_at  TEXT NOT NULL,
    next_attempt_at  TEXT,
    status_code      INTEGER,
    last_error       TEXT,
    response_ms      INTEGER,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX ix_webhook_deliveries_log ON webhook_deliveries (webhook_id, id);
