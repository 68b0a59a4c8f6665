#!/usr/bin/env bash
# Loads 1,000,000 users of one company into a fresh PostgreSQL database (the service's own
# migration, then rows generated in SQL), and prints the plan and timing of the searches the
# service runs for GET /v1/users?searchText=... and of the SCIM filters identity providers send
# (GET /scim/v2/Users?filter=...). Writes bench/results/search-plan-postgres.txt.
#
#   bench/search-plan.sh [users]      (default 1000000; needs PostgreSQL, see scripts/test-postgres.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

users=${1:-1000000}
server=$(scripts/test-postgres.sh)
database=fleetusers_search_plan
out=bench/results/search-plan-postgres.txt
. bench/pg.sh   # pg_keywords, new_database
keywords=$(pg_keywords "$server")
uri="$keywords dbname=$database"

new_database "$keywords" "$database"
for migration in src/FleetUsers.Storage/Postgres/Migrations/*.sql; do
  psql -q -v ON_ERROR_STOP=1 "$uri" -f "$migration"
done

echo "Loading $users users..." >&2
start=$(date +%s)
psql -q -v ON_ERROR_STOP=1 -v users="$users" "$uri" <<'SQL'
INSERT INTO roles VALUES (4, 'Driver', 'Drives');
INSERT INTO companies (id, name, created_date) VALUES ('00000000-0000-0000-0000-00000000c0de', 'Search Fleet', now());
INSERT INTO groups (id, company_id, parent_id, name, name_key, description, created_date, updated_date, revision)
VALUES ('00000000-0000-0000-0000-0000000000aa', '00000000-0000-0000-0000-00000000c0de', NULL,
    'Search Fleet', 'search fleet', NULL, now(), now(), 1);
-- 200 first names x 1000 last names; usernames and employee ids unique, as the service keeps them.
INSERT INTO users (id, company_id, first_name, last_name, username, username_key, employee_id, employee_id_key, email,
    cell_phone_country, cell_phone_number, status, login_enabled, password_hash, allow_video_search_download,
    allow_safety_event_download, primary_group_id, search_text, created_date, updated_date, last_login_date, version,
    last_name_key, first_name_key, external_id)
SELECT gen_random_uuid(), '00000000-0000-0000-0000-00000000c0de', f, l, u, lower(u), e, lower(e), lower(u) || '@example.com',
       NULL, NULL, 'Active', false, NULL, false, false, NULL,
       lower(f || ' ' || l || E'\n' || u || E'\n' || e), now() - interval '1 day', now() - i * interval '1 second', NULL, 1,
       lower(l), lower(f), 'ext-' || i
FROM (
    SELECT i,
           'First' || (i % 200) AS f,
           'Last' || lpad(((i / 200) % 1000)::text, 3, '0') AS l,
           'user' || i AS u,
           'E' || lpad(i::text, 7, '0') AS e
    FROM generate_series(1, :users) AS i
) AS generated;
INSERT INTO user_group_roles SELECT id, '00000000-0000-0000-0000-0000000000aa', 4 FROM users;
VACUUM ANALYZE;
SQL
echo "Loaded in $(( $(date +%s) - start )) s" >&2

# The two statements of a search, as UserStore.ListAsync issues them (count, then the page).
explain() {
  local text=$1
  local pattern="%${text}%"
  echo "=== searchText=$text ==="
  psql -q "$uri" <<SQL
\\timing on
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT COUNT(*) FROM users u
WHERE u.company_id = '00000000-0000-0000-0000-00000000c0de' AND u.search_text LIKE '$pattern' ESCAPE '\\';
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT u.id, u.first_name, u.last_name FROM users u
WHERE u.company_id = '00000000-0000-0000-0000-00000000c0de' AND u.search_text LIKE '$pattern' ESCAPE '\\'
ORDER BY u.last_name_key ASC, u.first_name_key ASC, u.id ASC LIMIT 10000 OFFSET 0;
SQL
}

# A SCIM filter as UserStore.ListAsync issues it for a SCIM client whose group is the root: the company,
# the import visibility, the client's readable groups, SCIM's removed flag, the filter's indexed term, in id
# order (SCIM pages by id). The page is not full, so no COUNT(*) follows.
scim() {
  local name=$1 condition=$2
  echo "=== SCIM filter: $name ==="
  psql -q "$uri" <<SQL
\\timing on
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
SELECT u.id, u.username FROM users u
WHERE u.company_id = '00000000-0000-0000-0000-00000000c0de'
  AND (NOT EXISTS (SELECT 1 FROM user_imports p WHERE p.company_id = '00000000-0000-0000-0000-00000000c0de' AND p.committed_at IS NULL)
       OR (u.import_id IS NULL OR u.import_id IN (SELECT i.id FROM user_imports i WHERE i.committed_at IS NOT NULL)))
  AND EXISTS (SELECT 1 FROM user_group_roles s WHERE s.user_id = u.id AND s.group_id = ANY('{00000000-0000-0000-0000-0000000000aa}'))
  AND u.scim_removed = false AND $condition
ORDER BY u.id LIMIT 100 OFFSET 0;
SQL
}

{
  echo "# searchText on PostgreSQL with $users users in one company ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  explain e0424242      # one employee id
  explain last042       # one last name: 1 in 1000 users
  explain user99999     # usernames user99999 and user999990..user999999
  scim 'userName eq "User424242"' "u.username_key = 'user424242'"
  scim 'externalId eq "ext-424242"' "u.external_id = 'ext-424242'"
  scim 'emails.value eq "USER424242@example.com"' "lower(u.email) = lower('USER424242@example.com') AND u.email IS NOT NULL"
  # the last minute of changes: the 60 users changed last (one a second, as loaded)
  since=$(psql -tA "$uri" -c "SELECT max(updated_date) - interval '60 seconds' FROM users")
  scim "meta.lastModified gt \"$since\" (60 users)" "u.updated_date > '$since'"
} | tee "$out"
