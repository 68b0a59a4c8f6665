-- Issue 15: the total of a list of a whole company (metadata.count, SCIM's totalResults, the console's
-- count, `companies list`) without counting its users: a COUNT over 10,000,000 users took 2 s on both
-- cores. Triggers keep, per company, how many of its users readers see (UserStore.Visible: not written by
-- an import that has not committed) and how many of those SCIM removed, in the transaction of each change.
--
-- A company's count is spread over up to eight rows (slots), so that concurrent creates in one company
-- seldom wait on each other's row until commit: a transaction adds to the slot of its id modulo 8
-- (concurrent transactions have neighbouring ids), and to that one only, so two transactions that change
-- users of one company, as every write of the service does, never hold slots the other waits for. The
-- total is the sum of the company's slots; a slot alone may go below zero. (A company that may one day be
-- deleted must take its counts with it: the foreign key below refuses otherwise.)
CREATE TABLE company_user_counts (
    company_id         uuid NOT NULL REFERENCES companies (id),
    slot               smallint NOT NULL,
    visible_users      bigint NOT NULL,
    scim_removed_users bigint NOT NULL,
    PRIMARY KEY (company_id, slot)
);

-- Adds to a company's counts, in this transaction's slot.
CREATE FUNCTION fleetusers_add_user_counts(company uuid, visible bigint, scim_removed bigint) RETURNS void
LANGUAGE sql VOLATILE AS $$
    INSERT INTO company_user_counts AS n (company_id, slot, visible_users, scim_removed_users)
    VALUES ($1, (pg_current_xact_id()::text::bigint % 8)::smallint, $2, $3)
    ON CONFLICT (company_id, slot) DO UPDATE SET
        visible_users = n.visible_users + EXCLUDED.visible_users,
        scim_removed_users = n.scim_removed_users + EXCLUDED.scim_removed_users
$$;

-- Users inserted or deleted by one statement (a COPY too), counted when visible. An import's rows count
-- once it has committed: the import commit's trigger counts the rows it finds then. So that no row is
-- counted twice or never, the statement first takes its imports' rows in share mode, which waits for a
-- commit of one of them under way (and holds one off until this transaction ends), and only then reads
-- whether they committed: each statement of a function sees what committed before it began (writes run
-- in READ COMMITTED, PostgresConnections.BeginWriteAsync).
CREATE FUNCTION fleetusers_count_users_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    direction integer := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
    PERFORM 1 FROM user_imports i WHERE i.id IN (SELECT c.import_id FROM changed c) FOR SHARE;
    PERFORM fleetusers_add_user_counts(t.company_id, t.visible, t.scim_removed) FROM (
        SELECT c.company_id, direction * count(*) AS visible, direction * count(*) FILTER (WHERE c.scim_removed) AS scim_removed
        FROM changed c LEFT JOIN user_imports i ON i.id = c.import_id
        WHERE c.import_id IS NULL OR i.committed_at IS NOT NULL
        GROUP BY c.company_id
        ORDER BY c.company_id) t;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_inserted_counted AFTER INSERT ON users
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fleetusers_count_users_changed();
CREATE TRIGGER users_deleted_counted AFTER DELETE ON users
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fleetusers_count_users_changed();

-- A visible user SCIM removes or restores. Only a change that writes the column fires it (UserRows.Update
-- writes the columns that changed), so a PUT pays nothing. An import's rows are not changed before it
-- commits: nobody can read them.
CREATE FUNCTION fleetusers_count_scim_removal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.import_id IS NULL OR EXISTS (SELECT 1 FROM user_imports i WHERE i.id = NEW.import_id AND i.committed_at IS NOT NULL) THEN
        PERFORM fleetusers_add_user_counts(NEW.company_id, 0, CASE WHEN NEW.scim_removed THEN 1 ELSE -1 END);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_scim_removal_counted AFTER UPDATE OF scim_removed ON users
    FOR EACH ROW WHEN (OLD.scim_removed IS DISTINCT FROM NEW.scim_removed) EXECUTE FUNCTION fleetusers_count_scim_removal();

-- An import that commits shows all its users at once: they count from then on.
CREATE FUNCTION fleetusers_count_import_committed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM fleetusers_add_user_counts(NEW.company_id, count(*), count(*) FILTER (WHERE u.scim_removed))
    FROM users u WHERE u.import_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER user_imports_committed_counted AFTER UPDATE OF committed_at ON user_imports
    FOR EACH ROW WHEN (OLD.committed_at IS NULL AND NEW.committed_at IS NOT NULL) EXECUTE FUNCTION fleetusers_count_import_committed();

-- The users already there. The triggers above took their tables' locks, so no write to users or imports
-- runs until this migration commits: no change falls between the count and the triggers. Writes wait for
-- this one count, once: 0.35-0.4 s at 1,000,000 users here, so several seconds at 10,000,000 (more with
-- a cold cache). It is counted into a temporary table because CREATE TABLE AS may scan in parallel,
-- which INSERT ... SELECT may not: 0.65-1.0 s at 1,000,000 users that way (bench/README, item 28).
CREATE TEMPORARY TABLE counted_users ON COMMIT DROP AS
SELECT u.company_id, count(*) AS visible_users, count(*) FILTER (WHERE u.scim_removed) AS scim_removed_users
FROM users u
WHERE u.import_id IS NULL OR u.import_id IN (SELECT i.id FROM user_imports i WHERE i.committed_at IS NOT NULL)
GROUP BY u.company_id;

INSERT INTO company_user_counts (company_id, slot, visible_users, scim_removed_users)
SELECT company_id, 0, visible_users, scim_removed_users FROM counted_users;
