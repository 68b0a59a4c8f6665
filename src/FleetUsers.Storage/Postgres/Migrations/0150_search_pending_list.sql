-- The trigram index's pending list (issue 15, search). GIN's fast update puts new entries in an unsorted
-- list that every search reads through, until the list reaches gin_pending_list_limit (4 MB by default)
-- or a vacuum or analyze merges it into the index. Every update of a user adds its row's trigrams there
-- (an update that is not HOT inserts into every index), so under writes the list grows toward 512 pages:
-- among 1,000,000 users the search statement alone ran at about a third of its speed with 482 pages
-- pending, and the write that merges 4 MB at once waits for all of it. At 128 kB (16 pages) the merges
-- stay small and the list too short to slow a search (bench/README, item 26).
--
-- The change takes PostgreSQL's strongest lock on the index, and every statement on users opens all of
-- its indexes: waiting in line for that lock behind a long reader (an export's snapshot) would hold up
-- every request on users meanwhile. So it asks for the lock 100 ms at a time and steps out of the line
-- between tries; after a minute of tries it waits as long as it takes, as any migration may.
DO $$
DECLARE
    given_lock_timeout text := current_setting('lock_timeout');
BEGIN
    PERFORM set_config('lock_timeout', '100ms', true);
    FOR attempt IN 1..300 LOOP
        BEGIN
            ALTER INDEX ix_users_search_text SET (gin_pending_list_limit = 128);
            PERFORM set_config('lock_timeout', given_lock_timeout, true);
            RETURN;
        EXCEPTION WHEN lock_not_available THEN
            PERFORM pg_sleep(0.1);
        END;
    END LOOP;
    PERFORM set_config('lock_timeout', given_lock_timeout, true);
    ALTER INDEX ix_users_search_text SET (gin_pending_list_limit = 128);
END $$;
