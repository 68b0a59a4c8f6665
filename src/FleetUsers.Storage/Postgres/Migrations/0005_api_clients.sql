-- API clients: integrations that log in without a person (OAuth 2.0 client credentials).
-- The secret is kept only as a slow salted hash. A client holds one role in one group of its
-- company, and reaches the tree the way a user with that role does. Revoked clients stay
-- (revoked_date set) so lists can show what existed. group_id has no foreign key: a revoked
-- client must not keep its group from being deleted (active ones do, checked by the service).

CREATE TABLE api_clients (
    id           uuid PRIMARY KEY,
    company_id   uuid NOT NULL REFERENCES companies (id),
    name         text NOT NULL,
    secret_hash  text NOT NULL,
    group_id     uuid NOT NULL,
    role_id      integer NOT NULL REFERENCES roles (id),
    created_date timestamptz NOT NULL,
    revoked_date timestamptz
);
CREATE INDEX ix_api_clients_company ON api_clients (company_id);
CREATE INDEX ix_api_clients_group ON api_clients (group_id);
