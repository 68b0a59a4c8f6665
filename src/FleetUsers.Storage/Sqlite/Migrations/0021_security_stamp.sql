-- A user's security stamp, written into every token at login and compared on every request:
-- a password change, an operator's reset, or the user's being disabled or deactivated gives a
-- new one, so every token issued before it is refused (see README, "Token revocation"). Empty
-- until the first such change, so tokens issued before this migration (which carry none) stay
-- valid until then.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
