-- SCIM 2.0 (issue 12). A SCIM client is an API client with the role its new users and group
-- members receive (scim_role_id) and the SHA-256 of its long-lived bearer token (the token is
-- 32 random bytes, so a fast hash is enough; the OAuth secret keeps its slow hash).
-- A user keeps the identity provider's externalId, and scim_removed marks a user that SCIM
-- deleted (deactivated; SCIM answers 404 for it until a POST of the same userName brings it back).
ALTER TABLE api_clients ADD COLUMN scim_role_id INTEGER REFERENCES roles (id);
ALTER TABLE api_clients ADD COLUMN scim_token_hash TEXT;
ALTER TABLE users ADD COLUMN external_id TEXT;
ALTER TABLE users ADD COLUMN scim_removed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_users_external_id ON users (company_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_users_email ON users (company_id, lower(email)) WHERE email IS NOT NULL;
CREATE INDEX ix_users_updated ON users (company_id, updated_date);
