-- Where each name (a username or an API client's id) proved its credential lately: an attempt
-- from such an address is spared the throttle's per-name and per-address limits, so failures
-- made elsewhere cannot lock the owner out there (see README, "Login throttling"). A key is a
-- SHA-256 of "username:<lower-cased name>|<address>" or "client:<id>|<address>" (IPv6
-- addresses by their /64), never the name or the address itself. Rows older than the
-- lifetime are deleted as new successes arrive.

CREATE TABLE login_known_addresses (
    throttle_key    TEXT PRIMARY KEY,
    last_success_at TEXT NOT NULL
);
CREATE INDEX ix_login_known_addresses_time ON login_known_addresses (last_success_at);
