-- Group names are unique among siblings, ignoring letter case. name_key holds the lower-cased
-- name (computed by the service, as for usernames); the unique index decides races between
-- two requests creating, renaming or moving groups to the same name under the same parent.
-- The root has no parent (NULL parent ids never collide); ux_groups_one_root keeps it alone.
-- Existing rows are keyed with lower(), which folds ASCII letters only; new writes fold all.

ALTER TABLE groups ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
UPDATE groups SET name_key = lower(name);
CREATE UNIQUE INDEX ux_groups_parent_name_key ON groups (parent_id, name_key);
CREATE INDEX ix_groups_parent ON groups (parent_id);
