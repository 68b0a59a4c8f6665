-- FleetUsers schema, PostgreSQL. The same tables as the SQLite schema, in native types.
-- Case-insensitive uniqueness uses *_key columns holding the lower-cased value (computed by
-- the service, so both stores fold case the same way), each under a unique index.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE companies (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    created_date timestamptz NOT NULL
);

CREATE TABLE roles (
    id          integer PRIMARY KEY,
    name        text NOT NULL,
    description text NOT NULL
);

CREATE TABLE groups (
    id           uuid PRIMARY KEY,
    company_id   uuid NOT NULL REFERENCES companies (id),
    parent_id    uuid REFERENCES groups (id),
    name         text NOT NULL,
    description  text,
    created_date timestamptz NOT NULL,
    updated_date timestamptz NOT NULL,
    revision     integer NOT NULL
);
CREATE INDEX ix_groups_company ON groups (company_id);
CREATE UNIQUE INDEX ux_groups_one_root ON groups (company_id) WHERE parent_id IS NULL;

CREATE TABLE users (
    id                          uuid PRIMARY KEY,
    company_id                  uuid NOT NULL REFERENCES companies (id),
    first_name                  text NOT NULL,
    last_name                   text NOT NULL,
    username                    text NOT NULL,
    username_key                text NOT NULL,
    employee_id                 text,
    employee_id_key             text,
    email                       text,
    cell_phone_country          text,
    cell_phone_number           text,
    status                      text NOT NULL,
    login_enabled               boolean NOT NULL,
    password_hash               text,
    allow_video_search_download boolean NOT NULL,
    allow_safety_event_download boolean NOT NULL,
    primary_group_id            uuid REFERENCES groups (id),
    search_text                 text NOT NULL,
    created_date                timestamptz NOT NULL,
    updated_date                timestamptz NOT NULL,
    last_login_date             timestamptz,
    version                     integer NOT NULL,
    last_name_key               text COLLATE "C" NOT NULL,
    first_name_key              text COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX ux_users_username_key ON users (username_key);
CREATE UNIQUE INDEX ux_users_employee_id_key ON users (company_id, employee_id_key) WHERE employee_id_key IS NOT NULL;
-- Lists are ordered by lower-cased names in code-point order, the same on both stores.
CREATE INDEX ix_users_company_order ON users (company_id, last_name_key, first_name_key, id);
-- searchText is a substring match: a trigram index serves LIKE '%text%' without scanning every user.
CREATE INDEX ix_users_search_text ON users USING gin (search_text gin_trgm_ops);

CREATE TABLE user_group_roles (
    user_id  uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id uuid NOT NULL REFERENCES groups (id),
    role_id  integer NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, group_id, role_id)
);
CREATE INDEX ix_user_group_roles_group ON user_group_roles (group_id, role_id);

-- The role rows come from the catalogue in code (RoleCatalog), written at every start-up.
