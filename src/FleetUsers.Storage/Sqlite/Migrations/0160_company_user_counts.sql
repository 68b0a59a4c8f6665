-- Issue 15: the total of a list of a whole company (metadata.count, SCIM's totalResults, the console's
-- count, `companies list`) without counting its users. Triggers keep, per company, how many of its users
-- readers see (UserStore.Visible: not written by an import that has not committed) and how many of those
-- SCIM removed, in the transaction of each change. Writers take turns on SQLite, so one row per company.
CREATE TABLE company_user_counts (
    company_id         TEXT PRIMARY KEY REFERENCES companies (id),
    visible_users      INTEGER NOT NULL,
    scim_removed_users INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER users_inserted_counted AFTER INSERT ON users
WHEN NEW.import_id IS NULL OR EXISTS (SELECT 1 FROM user_imports i WHERE i.id = NEW.import_id AND i.committed_at IS NOT NULL)
BEGIN
    INSERT INTO company_user_counts (company_id, visible_users, scim_removed_users) VALUES (NEW.company_id, 1, NEW.scim_removed)
    ON CONFLICT (company_id) DO UPDATE SET
        visible_users = visible_users + 1,
        scim_removed_users = scim_removed_users + excluded.scim_removed_users;
END;

CREATE TRIGGER users_deleted_counted AFTER DELETE ON users
WHEN OLD.import_id IS NULL OR EXISTS (SELECT 1 FROM user_imports i WHERE i.id = OLD.import_id AND i.committed_at IS NOT NULL)
BEGIN
    UPDATE company_user_counts SET visible_users = visible_users - 1, scim_removed_users = scim_removed_users - OLD.scim_removed
    WHERE company_id = OLD.company_id;
END;

-- Only a change that writes the column fires it (UserRows.Update writes the columns that changed), so a PUT pays nothing.
CREATE TRIGGER users_scim_removal_counted AFTER UPDATE OF scim_removed ON users
WHEN OLD.scim_removed <> NEW.scim_removed
    AND (NEW.import_id IS NULL OR EXISTS (SELECT 1 FROM user_imports i WHERE i.id = NEW.import_id AND i.committed_at IS NOT NULL))
BEGIN
    UPDATE company_user_counts SET scim_removed_users = scim_removed_users + NEW.scim_removed - OLD.scim_removed
    WHERE company_id = NEW.company_id;
END;

-- An import that commits shows all its users at once: they count from then on.
CREATE TRIGGER user_imports_committed_counted AFTER UPDATE OF committed_at ON user_imports
WHEN OLD.committed_at IS NULL AND NEW.committed_at IS NOT NULL
BEGIN
    INSERT INTO company_user_counts (company_id, visible_users, scim_removed_users)
    SELECT NEW.company_id, COUNT(*), COALESCE(SUM(u.scim_removed), 0) FROM users u WHERE u.import_id = NEW.id
    ON CONFLICT (company_id) DO UPDATE SET
        visible_users = visible_users + excluded.visible_users,
        scim_removed_users = scim_removed_users + excluded.scim_removed_users;
END;

-- The users already there (the migration holds the write lock: nothing changes meanwhile).
INSERT INTO company_user_counts (company_id, visible_users, scim_removed_users)
SELECT u.company_id, COUNT(*), SUM(u.scim_removed)
FROM users u
WHERE u.import_id IS NULL OR u.import_id IN (SELECT i.id FROM user_imports i WHERE i.committed_at IS NOT NULL)
GROUP BY u.company_id;
