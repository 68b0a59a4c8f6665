-- searchText is a substring match. A trigram full-text index finds the candidate rows without
-- reading every user of the company (the PostgreSQL store uses pg_trgm for the same); the
-- service re-checks candidates with LIKE. Triggers keep the index in step with users.search_text.
CREATE VIRTUAL TABLE user_search USING fts5 (search_text, content = 'users', content_rowid = 'rowid', tokenize = 'trigram');

INSERT INTO user_search (user_search) VALUES ('rebuild');

CREATE TRIGGER user_search_after_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;

CREATE TRIGGER user_search_after_delete AFTER DELETE ON users BEGIN
    INSERT INTO user_search (user_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;

CREATE TRIGGER user_search_after_update AFTER UPDATE OF search_text ON users
WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO user_search (user_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO user_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
