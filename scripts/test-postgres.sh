#!/usr/bin/env bash
# Makes a PostgreSQL 15 server on loopback ready for the tests: installs it when missing (as
# root, from Debian packages), starts the cluster, creates the role and database, and prints
# the connection string to export as FLEETUSERS_TEST_POSTGRES. Safe to run again.
#
#   scripts/test-postgres.sh [cluster] [port]     (default: main 5432)
#
# The outage tests stop and start a cluster of their own (.ci/run makes "outage" on 5433),
# so the other tests' server stays up.
set -euo pipefail

version=15
cluster=${1:-main}
port=${2:-5432}
role=fleetusers
password=fleetusers

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if [ ! -x /usr/lib/postgresql/$version/bin/postgres ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL $version is not installed: run this script as root, or apt-get install postgresql-$version" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-$version postgresql-client-$version >/dev/null
fi

if ! pg_lsclusters --no-header | awk '{print $1, $2}' | grep -qx "$version $cluster"; then
  pg_createcluster $version "$cluster" --port "$port" >/dev/null
fi
cluster_port=$(pg_lsclusters --no-header | awk -v v=$version -v c="$cluster" '$1 == v && $2 == c {print $3}')
pg_ctlcluster $version "$cluster" start >/dev/null 2>&1 || true   # "already running" is fine

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$cluster_port" && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p "$cluster_port" >/dev/null

# The API tests and the browser tests run at once, each test database with a pool of its own:
# Debian's default of 100 connections is too few for them.
if [ "$(as_postgres psql -p "$cluster_port" -tAc "SHOW max_connections")" -lt 400 ]; then
  as_postgres psql -q -p "$cluster_port" -c "ALTER SYSTEM SET max_connections = 400"
  pg_ctlcluster $version "$cluster" restart >/dev/null
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p "$cluster_port" && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p "$cluster_port" >/dev/null
fi

as_postgres psql -q -p "$cluster_port" -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
if ! as_postgres psql -p "$cluster_port" -tAc "SELECT 1 FROM pg_database WHERE datname = '$role'" | grep -q 1; then
  as_postgres createdb -p "$cluster_port" -O $role $role
fi

echo "Host=127.0.0.1;Port=$cluster_port;Username=$role;Password=$password;Database=$role"
