-- Issue 15: a PUT's writes go to the server in one batch with their COMMIT. A write guarded by the
-- user's version must stop that batch when it changed no row, so the COMMIT after it never runs:
-- this raises the error that does (SQL state FU412, sorted by PostgresErrors.GuardFailed).
CREATE FUNCTION fleetusers_expect_rows(changed bigint, expected bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF changed <> expected THEN
        RAISE EXCEPTION 'a guarded write changed % rows, % expected', changed, expected USING ERRCODE = 'FU412';
    END IF;
END
$$;
