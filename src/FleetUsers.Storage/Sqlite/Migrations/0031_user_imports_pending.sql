-- Readers of a company's users first ask whether one of its imports is pending (rarely): while
-- none is, its lists and counts do not read users.import_id at all. In a migration of its own
-- because 0030 had already run where it was first written there; IF NOT EXISTS for databases that
-- ran that edited 0030.
CREATE INDEX IF NOT EXISTS ix_user_imports_pending ON user_imports (company_id) WHERE committed_at IS NULL;
