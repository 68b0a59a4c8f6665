-- SCIM 2.0 Groups (issue 12): the identity provider's externalId of a group, kept beside the
-- group (groups have no column for it; a group deleted takes its row along).
CREATE TABLE scim_groups (
    group_id    uuid PRIMARY KEY REFERENCES groups (id) ON DELETE CASCADE,
    company_id  uuid NOT NULL REFERENCES companies (id),
    external_id text NOT NULL
);
CREATE INDEX ix_scim_groups_company ON scim_groups (company_id);
