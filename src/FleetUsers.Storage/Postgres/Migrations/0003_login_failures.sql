-- Failed logins, counted to throttle guessing (see README, "Login throttling"). One row per
-- failure per key: a key is a SHA-256 of "username:<lower-cased name>" or "address:<client IP>",
-- never the typed name itself. Rows older than the window are deleted as new failures come in.
-- Kept in the database, not in memory, so every instance behind a load balancer counts together.

CREATE TABLE login_failures (
    throttle_key text NOT NULL,
    failed_at    timestamptz NOT NULL
);
CREATE INDEX ix_login_failures_key ON login_failures (throttle_key, failed_at);
CREATE INDEX ix_login_failures_time ON login_failures (failed_at);
