-- The trigram index's pending list (issue 15, search). GIN's fast update puts new entries in an unsorted
-- list that every search reads through, until the list reaches gin_pending_list_limit (4 MB by default)
-- or a vacuum merges it into the index. Every update of a user adds its row's trigrams there (an update
-- that is not HOT inserts into every index), so under writes the list grows toward 512 pages: among
-- 1,000,000 users a search ran at about a third of its speed with 482 pages pending, and the write that
-- merges 4 MB at once waits for all of it. At 128 kB (16 pages) the merges stay small and the list too
-- short to slow a search (bench/README, item 26).
ALTER INDEX ix_users_search_text SET (gin_pending_list_limit = 128);
