-- A login attempt is counted as a failure of its username and its address before its password
-- is checked (so parallel guesses cannot all pass the check); a successful attempt then takes
-- its own address row back by this id.
ALTER TABLE login_failures ADD COLUMN attempt_id uuid NULL;
