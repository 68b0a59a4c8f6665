#!/usr/bin/env bash
# Puts PgBouncer in transaction pooling in front of the tests' PostgreSQL server (as production often
# runs it) and prints the connection string to export as FLEETUSERS_TEST_PGBOUNCER. Installs Debian's
# pgbouncer when missing (as root). Safe to run again.
#
#   scripts/test-pgbouncer.sh [postgres-port] [pgbouncer-port]     (default: 5432 6543; not 6432, where Debian's own pgbouncer service listens)
#
# Any database name is passed through to the server (the tests make one per run); at most 400 client
# connections and 20 server connections per database and user: more clients than server connections,
# as in production. Debian 12's PgBouncer (1.18) keeps no prepared statements in transaction pooling, so
# the connection string turns Npgsql's automatic preparation off (see README, "PgBouncer").
set -euo pipefail

pg_port=${1:-5432}
port=${2:-6543}
role=fleetusers
password=fleetusers
dir=/var/lib/postgresql/pgbouncer-test

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! command -v pgbouncer >/dev/null && [ ! -x /usr/sbin/pgbouncer ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PgBouncer is not installed: run this script as root, or apt-get install pgbouncer" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi

as_postgres mkdir -p "$dir"
as_postgres tee "$dir/pgbouncer.ini" >/dev/null <<INI
[databases]
* = host=127.0.0.1 port=$pg_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = scram-sha-256
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
max_db_connections = 0
server_reset_query =
ignore_startup_parameters = extra_float_digits,search_path
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
echo "\"$role\" \"$password\"" | as_postgres tee "$dir/userlist.txt" >/dev/null
as_postgres chmod 600 "$dir/userlist.txt"

if [ -f "$dir/pgbouncer.pid" ] && kill -0 "$(cat "$dir/pgbouncer.pid")" 2>/dev/null; then
  kill -HUP "$(cat "$dir/pgbouncer.pid")"   # reload the settings
else
  as_postgres /usr/sbin/pgbouncer -d "$dir/pgbouncer.ini"
fi

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$port" >/dev/null

echo "Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=$role;Max Auto Prepare=0"
