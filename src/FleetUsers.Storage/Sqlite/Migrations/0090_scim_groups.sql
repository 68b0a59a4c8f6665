-- SCIM 2.0 Groups (issue 12): what SCIM keeps beside a group (a group deleted takes its row along): the
-- identity provider's externalId, and a version with its date, moved by changes of the SCIM resource
-- that are not changes of the group (members, externalId), so they leave the group's revision and the
-- company's tree version alone.
CREATE TABLE scim_groups (
    group_id     TEXT PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    company_id   TEXT NOT NULL REFERENCES companies (id),
    external_id  TEXT,
    version      INTEGER NOT NULL DEFAULT 0,
    updated_date TEXT
);
CREATE INDEX ix_scim_groups_company ON scim_groups (company_id);
