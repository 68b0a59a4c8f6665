-- FleetUsers schema, SQLite. Ids are text UUIDs, dates ISO 8601 text in UTC (so text order is time order),
-- booleans 0/1. Case-insensitive uniqueness uses *_key columns that hold the lower-cased value,
-- computed by the service so both stores fold case the same way.

CREATE TABLE companies (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    created_date TEXT NOT NULL
);

CREATE TABLE roles (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL
);

CREATE TABLE groups (
    id           TEXT PRIMARY KEY,
    company_id   TEXT NOT NULL REFERENCES companies (id),
    parent_id    TEXT REFERENCES groups (id),
    name         TEXT NOT NULL,
    description  TEXT,
    created_date TEXT NOT NULL,
    updated_date TEXT NOT NULL,
    revision     INTEGER NOT NULL
);
CREATE INDEX ix_groups_company ON groups (company_id);
CREATE UNIQUE INDEX ux_groups_one_root ON groups (company_id) WHERE parent_id IS NULL;

CREATE TABLE users (
    id                          TEXT PRIMARY KEY,
    company_id                  TEXT NOT NULL REFERENCES companies (id),
    first_name                  TEXT NOT NULL,
    last_name                   TEXT NOT NULL,
    username                    TEXT NOT NULL,
    username_key                TEXT NOT NULL,
    employee_id                 TEXT,
    employee_id_key             TEXT,
    email                       TEXT,
    cell_phone_country          TEXT,
    cell_phone_number           TEXT,
    status                      TEXT NOT NULL,
    login_enabled               INTEGER NOT NULL,
    password_hash               TEXT,
    allow_video_search_download INTEGER NOT NULL,
    allow_safety_event_download INTEGER NOT NULL,
    primary_group_id            TEXT REFERENCES groups (id),
    search_text                 TEXT NOT NULL,
    created_date                TEXT NOT NULL,
    updated_date                TEXT NOT NULL,
    last_login_date             TEXT,
    version                     INTEGER NOT NULL,
    last_name_key               TEXT NOT NULL,
    first_name_key              TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_users_username_key ON users (username_key);
CREATE UNIQUE INDEX ux_users_employee_id_key ON users (company_id, employee_id_key) WHERE employee_id_key IS NOT NULL;
-- Lists are ordered by lower-cased names in code-point order, the same on both stores.
CREATE INDEX ix_users_company_order ON users (company_id, last_name_key, first_name_key, id);

CREATE TABLE user_group_roles (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups (id),
    role_id  INTEGER NOT NULL REFERENCES roles (id),
    PRIMARY KEY (user_id, group_id, role_id)
) WITHOUT ROWID;
CREATE INDEX ix_user_group_roles_group ON user_group_roles (group_id, role_id);
-- The role rows come from the catalogue in code (RoleCatalog), written at every start-up.
