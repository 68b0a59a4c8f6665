-- SCIM's `emails.value eq` must stay indexed at 1,000,000 users (issue 12). PostgreSQL takes statistics
-- of an expression only from a non-partial index, so ix_users_email (partial: email IS NOT NULL) gave the
-- planner none: it guessed that 0.5 % of the company matched lower(email) = '...', and for SCIM's id order
-- with a LIMIT it walked the primary key through every user (8.6 s at 1,000,000 users; see
-- bench/results/search-plan-postgres.txt). Statistics on the expression tell it addresses are nearly unique.
CREATE STATISTICS IF NOT EXISTS users_lower_email ON (lower(email)) FROM users;
ANALYZE users;
