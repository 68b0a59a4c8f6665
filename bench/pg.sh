# Shell functions the benchmark's PostgreSQL scripts share (sourced by run.sh and search-plan.sh).

# pg_keywords <connection string>: "Host=..;Port=..;Username=..;Password=.." as psql keywords
pg_keywords() { echo "$1" | tr ';' '\n' | sed -n 's/^Host=/host=/p; s/^Port=/port=/p; s/^Username=/user=/p; s/^Password=/password=/p' | tr '\n' ' '; }

# drop_database <keywords> <name>: DROP DATABASE ... WITH (FORCE), tried again for up to 5 s: FORCE cannot end an
# autovacuum worker in the database for a role without superuser rights (42501), and such a worker soon ends.
# new_database <keywords> <name> [<template>]: the database, dropped first if it was there (as a copy of <template>).
new_database() {
  drop_database "$1" "$2"
  psql "$1 dbname=postgres" -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $2${3:+ TEMPLATE $3}"
}

drop_database() {
  local attempt
  for attempt in $(seq 1 50); do
    psql "$1 dbname=postgres" -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" 2>/dev/null && return 0
    sleep 0.1
  done
  psql "$1 dbname=postgres" -q -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)"   # the last try shows why
}
