#!/usr/bin/env bash
# The benchmark: how close FleetUsers comes to the database's own limit.
#
#   bench/run.sh [sqlite|postgres|all]        (default: all)
#
# For each store: builds Release, fills a fresh database, measures the database's own floors on a
# copy of it (SQLite through bench/FleetUsers.Bench, PostgreSQL through pgbench), then the
# raw-database baseline (the database work of one PUT through the service's store code, no HTTP),
# starts the service on loopback, runs every scenario with wrk (warm-up, then a fixed duration at
# fixed concurrency), grows the company for the larger searches, plays an identity provider's initial
# SCIM sync (bench/scim-sync.py), stops everything it started, and
# writes bench/results/latest.{md,json}. Installs wrk (and PostgreSQL with pgbench, via
# scripts/test-postgres.sh) when run as root and missing.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
. bench/pg.sh   # pg_keywords, new_database, drop_database

stores=${1:-all}
[ "$stores" = all ] && stores="sqlite postgres"
duration=${BENCH_SECONDS:-20}
warmup=${BENCH_WARMUP:-5}
connections=${BENCH_CONNECTIONS:-32}
scim_users=${BENCH_SCIM_USERS:-10000}
scim_in_flight=${BENCH_SCIM_IN_FLIGHT:-6}
console_connections=${BENCH_CONSOLE_CONNECTIONS:-4}
audit_entries=${BENCH_AUDIT_ENTRIES:-10000000}
threads=2
port=5099
receiver_port=5098
control_port=5097   # put_audit's control instance
export BENCH_WRK_DIR=$root/bench/wrk DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

echo "Building Release..." >&2
dotnet build -c Release -v quiet -nologo src/FleetUsers.Api >/dev/null
dotnet build -c Release -v quiet -nologo bench/FleetUsers.Bench >/dev/null
dotnet build -c Release -v quiet -nologo src/FleetUsers.Cli >/dev/null
api=$root/src/FleetUsers.Api/bin/Release/net10.0/FleetUsers.Api.dll
cli=$root/src/FleetUsers.Cli/bin/Release/net10.0/FleetUsers.Cli.dll
tool=$root/bench/FleetUsers.Bench/bin/Release/net10.0/FleetUsers.Bench.dll

server_pid=
control_pid=      # put_audit's control instance, while it runs
postmaster_pid=   # the PostgreSQL server's, while the PostgreSQL half runs (for cpu_ticks)
# stop <pid>: ends a process this script started, if it still runs, and waits for it.
stop() {
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1"; wait "$1" 2>/dev/null || true
  fi
}
stop_server() { stop "$server_pid"; server_pid=; }
trap 'stop_server; stop "$control_pid"' EXIT

# wrk_scenario <name> <lua> <path> <out-dir> [<connections>]: warm-up, then the measured run; appends to scenarios.jsonl.
wrk_scenario() {
  local name=$1 lua=$2 path=$3 out=$4 at=${5:-$connections}
  echo "  $name" >&2
  BENCH_RESULT=/dev/null wrk -t$threads -c"$at" -d"${warmup}s" --timeout 30s -s "$root/bench/wrk/$lua" "http://127.0.0.1:$port$path" >/dev/null
  # wrk drops its connections at the end of the warm-up, but what the server had already begun goes on (a
  # login's hash, up to one per core): let it finish, so the measured run does not start against the
  # warm-up's leftovers (e.g. a hash queue still holding their places, which turns logins away with 503).
  sleep 2
  local before after
  writer_metrics >"$out/writer-before.txt"
  before=$(cpu_ticks)
  BENCH_RESULT=$out/$name.json wrk -t$threads -c"$at" -d"${duration}s" --timeout 30s -s "$root/bench/wrk/$lua" "http://127.0.0.1:$port$path" >/dev/null
  after=$(cpu_ticks)
  writer_metrics >"$out/writer-after.txt"
  python3 - "$name" "$out/$name.json" "$at" "$before" "$after" "$out/writer-before.txt" "$out/writer-after.txt" >>"$out/scenarios.jsonl" <<'PY'
import json, os, sys
result = json.load(open(sys.argv[2]))
result.pop("requests", None)
# Where the machine's cores went during the measured run, in cores on average: the service, PostgreSQL's
# processes, and the rest (wrk, the kernel's own threads).
before, after = ([float(v) for v in a.split()] for a in sys.argv[4:6])
seconds, machine, service, database = (b - a for a, b in zip(before, after))
ticks = os.sysconf("SC_CLK_TCK") * seconds
cpu = {"service": service / ticks, "database": database / ticks, "rest": (machine - service - database) / ticks}
# The SQLite writer (its /metrics histograms' sums and counts, read before and after): the share of the run it was busy
# (its sessions' turns plus its COMMITs), the mean turn and COMMIT, and the sessions a COMMIT held. Only where it committed
# and both reads answered.
def totals(path):
    return {line.split()[0]: float(line.split()[1]) for line in open(path) if line.strip()}
start, end = totals(sys.argv[6]), totals(sys.argv[7])
grew = {k: end[k] - start.get(k, 0) for k in end}
turns, commits, batches = ("fleetusers_sqlite_" + m for m in ("turn_duration_seconds_", "commit_duration_seconds_", "batch_sessions_"))
writer = {}
if start and end and grew.get(commits + "count", 0) > 0 and grew.get(turns + "count", 0) > 0:
    writer = {"writer": {
        "busy_share": round((grew[turns + "sum"] + grew[commits + "sum"]) / seconds, 3),
        "turn_ms": round(grew[turns + "sum"] / grew[turns + "count"] * 1000, 3),
        "commit_ms": round(grew[commits + "sum"] / grew[commits + "count"] * 1000, 2),
        "sessions_per_commit": round(grew.get(batches + "sum", 0) / (grew.get(batches + "count") or 1), 1)}}
print(json.dumps({"name": sys.argv[1], **result, "connections": int(sys.argv[3]),
                  "cpu_cores": {k: round(max(v, 0), 2) for k, v in cpu.items()}, **writer}))
PY
}

# writer_metrics: the SQLite writer's histogram sums and counts from the service's /metrics, one "name value" a line
# (none on PostgreSQL); $port is the measured instance's.
writer_metrics() {
  curl -sf --max-time 10 "http://127.0.0.1:$port/metrics" |
    awk '/^fleetusers_sqlite_(turn_duration_seconds|commit_duration_seconds|batch_sessions)_(sum|count)/ {sub(/\{.*\}/, "", $1); print $1, $NF}' || true
}

# cpu_ticks: the time now, and the busy CPU ticks so far of the whole machine, of the service ($measured_pid when set,
# else $server_pid: put_audit's control runs measure the second instance without touching the pid the EXIT trap stops), and of
# the benchmark's PostgreSQL server, its postmaster and backends (0 on SQLite, whose work is inside the
# service; backends that exited are in the postmaster's cutime/cstime).
cpu_ticks() {
  local database=0
  if [ -n "$postmaster_pid" ]; then
    database=$(cat /proc/"$postmaster_pid"/stat $(pgrep -P "$postmaster_pid" | sed 's|.*|/proc/&/stat|') 2>/dev/null |
      awk '{sub(/^.*\) /, ""); s += $12 + $13 + $14 + $15} END {print s + 0}')
  fi
  echo "$(date +%s.%N)" \
    "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)" \
    "$(awk '{sub(/^.*\) /, ""); print $12 + $13}' /proc/"${measured_pid:-$server_pid}"/stat)" \
    "$database"
}

# put_webhook <out-dir>: PUTs that each change the user (so each writes an event), first without a webhook
# (put_changes), then with one webhook subscribed to user.updated (put_webhook), delivered to a receiver on
# loopback (bench/webhook-receiver.py); then waits until deliveries stop and writes the delivery lag the
# receiver saw (now - the event's occurredAt) and how long after the load the last one arrived to webhook.json.
put_webhook() {
  local out=$1 webhook ended receiver_pid
  BENCH_PUT_CHANGES=1 wrk_scenario put_changes put.lua / "$out"
  python3 "$root/bench/webhook-receiver.py" "$receiver_port" & receiver_pid=$!
  for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$receiver_port/stats" >/dev/null && break; sleep 0.1; done
  webhook=$(curl -sf -X POST "http://127.0.0.1:$port/v1/webhooks" -H "Authorization: Bearer $BENCH_TOKEN" \
    -H 'Content-Type: application/json' \
    -d "{\"url\": \"http://127.0.0.1:$receiver_port/hook\", \"types\": [\"user.updated\"], \"enabled\": true}" | jq -r .id)
  BENCH_PUT_CHANGES=1 wrk_scenario put_webhook put.lua / "$out"
  ended=$(date +%s.%N)
  local last=0 now
  for _ in $(seq 1 600); do   # until nothing arrived for 5 s (at most 5 minutes)
    sleep 0.5
    last=$(curl -sf "http://127.0.0.1:$receiver_port/stats" | jq .last_received)
    now=$(date +%s.%N)
    python3 -c "import sys; sys.exit(0 if $now - max($last, $ended) > 5 else 1)" && break
  done
  curl -sf -X DELETE "http://127.0.0.1:$port/v1/webhooks/$webhook" -H "Authorization: Bearer $BENCH_TOKEN" >/dev/null
  curl -sf "http://127.0.0.1:$receiver_port/stats" |
    jq --argjson ended "$ended" '. + {drain_s: ((if .last_received > $ended then .last_received - $ended else 0 end) * 10 | round / 10)} | del(.last_received)' \
    >"$out/webhook.json"
  stop "$receiver_pid"
}

# start_service <port> <log>: the service on loopback, in the background, on the store the environment names; returns
# once it is ready, its pid in $started_pid. The login scenario measures the password hash: 32 logins in flight from one
# address would otherwise be throttled by design (each counts until its password proves right), and more connections
# than the hash queue holds would be answered 503 by design.
start_service() {
  Auth__SigningKey=$(head -c 48 /dev/urandom | base64 -w0) Bootstrap__DemoData=false \
    Login__MaxFailuresPerUsernameAndAddress=1000000 Login__MaxFailuresPerUsername=1000000 Login__MaxFailuresPerAddress=1000000 \
    Auth__MaxQueuedHashes="$connections" Webhooks__AllowPrivateTargets=true Webhooks__StartDelaySeconds=0 \
    Logging__LogLevel__Default=Warning dotnet "$api" --urls "http://127.0.0.1:$1" >"$2" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null && break; sleep 1; done
}

# admin_token <port> <out-dir>: an access token of the administrator the seed wrote to <out-dir>/company.json.
admin_token() {
  curl -sf -X POST "http://127.0.0.1:$1/api/auth/user" -H 'Content-Type: application/json' \
    -d "$(jq -c '{username: .AdminUsername, password: .AdminPassword}' "$2/company.json")" | jq -r .accessToken
}

# put_audit <out-dir> <store>: PUT that changes the user (as put_changes) with the audit trail grown to $audit_entries
# entries (a trail that big must not slow writers), against a control: a second instance on a store of its own with
# the same 10,000 users and no trail. Growing the trail writes gigabytes, and the machine's disk stays slower for
# minutes after it (probes: PUT on both stores alike at 44-70 % of its later rate), so put_changes, measured before,
# is no control. The two run in turn, control-trail-trail-control, so that a drift of the machine weighs on both
# alike; each is reported as the mean of its two runs. (PUTs without changes right after put_changes would change each
# user's name back once and then nothing: a mix, comparable with neither.)
put_audit() {
  local out=$1 store=$2 control=$1/control control_store control_token name keywords
  name="put_audit_$((audit_entries / 1000000))m"
  mkdir -p "$control"
  if [ "$store" = sqlite ]; then
    control_store="Data Source=$control/fleetusers.db"
  else
    keywords=$(pg_keywords "$ConnectionStrings__Users")
    new_database "$keywords" fleetusers_bench_control
    control_store="${ConnectionStrings__Users%Database=*}Database=fleetusers_bench_control"
  fi
  echo "  control store: 10,000 users, no trail" >&2
  ConnectionStrings__Users=$control_store dotnet "$tool" seed 10000 "$control"
  echo "  growing the audit trail to $audit_entries entries" >&2
  dotnet "$tool" audit "$audit_entries" "$out"
  ConnectionStrings__Users=$control_store start_service "$control_port" "$control/server.log"
  control_pid=$started_pid
  control_token=$(admin_token "$control_port" "$control")
  local run
  for run in control:1 trail:1 trail:2 control:2; do
    if [ "${run%:*}" = trail ]; then
      BENCH_PUT_CHANGES=1 wrk_scenario "$name#${run#*:}" put.lua / "$out"
    else
      port=$control_port measured_pid=$control_pid BENCH_IDS=$control/ids.txt BENCH_TOKEN=$control_token \
        BENCH_GROUP=$(jq -r .GroupId "$control/company.json") BENCH_PUT_CHANGES=1 wrk_scenario "put_audit_control#${run#*:}" put.lua / "$out"
    fi
  done
  stop "$control_pid"
  control_pid=
  [ "$store" = sqlite ] || drop_database "$keywords" fleetusers_bench_control
  # Each pair of runs (name#1, name#2) becomes one scenario: the mean of their figures, their errors summed.
  python3 - "$out/scenarios.jsonl" <<'PY'
import json, sys
lines = [json.loads(line) for line in open(sys.argv[1])]
kept, runs = [], {}
for s in lines:
    name, _, _ = s["name"].partition("#")
    if name != s["name"]:
        runs.setdefault(name, []).append(s)
    else:
        kept.append(s)
for name, pair in runs.items():
    mean = lambda key: round(sum(s[key] for s in pair) / len(pair), 2)
    kept.append({"name": name, **{k: mean(k) for k in ("rps", "p50_ms", "p95_ms", "p99_ms")},
                 "errors": sum(s["errors"] for s in pair), "connections": pair[0]["connections"], "runs": len(pair),
                 "runs_rps": [s["rps"] for s in pair],
                 "cpu_cores": {k: round(sum(s["cpu_cores"][k] for s in pair) / len(pair), 2) for k in pair[0]["cpu_cores"]},
                 # The SQLite writer's figures, where both runs have them (see wrk_scenario).
                 **({"writer": {k: round(sum(s["writer"][k] for s in pair) / len(pair), digits)
                                for k, digits in (("busy_share", 3), ("turn_ms", 3), ("commit_ms", 2), ("sessions_per_commit", 1))}}
                    if all("writer" in s for s in pair) else {})})
with open(sys.argv[1], "w") as f:
    f.writelines(json.dumps(s) + "\n" for s in kept)
PY
}

# console_scenario <out-dir> <users>: the console's users list page, signed in as the company's administrator.
console_scenario() {
  local out=$1 size=$2
  BENCH_COOKIE=$(python3 "$root/bench/console-signin.py" "http://127.0.0.1:$port" "$BENCH_ADMIN" "$BENCH_PASSWORD") \
    wrk_scenario "console_users_$((size / 1000))k" console.lua / "$out" "$console_connections"
}

# search_at_half_rate <out-dir> <users>: the search again, open loop at half the rate search_<n>k reached
# (bench/FleetUsers.Bench FixedRate.cs): its latency without the queueing of a saturated server.
search_at_half_rate() {
  local out=$1 size=$2 name rate
  name="search_rate_$((size / 1000))k"
  rate=$(jq '.rps / 2' "$out/search_$((size / 1000))k.json")
  echo "  $name (open loop, $rate req/s offered)" >&2
  dotnet "$tool" fixed-rate "http://127.0.0.1:$port" "/v1/users?searchText=e{0:D7}" "$size" "$rate" "$connections" \
    "$duration" "$warmup" "$name" "$out/$name.json"
  jq -c . "$out/$name.json" >>"$out/scenarios.jsonl"
}

# get_at_size <out-dir> <users>: GET by id over the whole company as it is now, through a sample of at
# most about 100,000 of its ids spread over all of them (each wrk thread holds the list in memory).
get_at_size() {
  local out=$1 size=$2
  awk -v step=$(((size + 99999) / 100000)) 'NR % step == 0' "$out/ids.txt" >"$out/ids_sample.txt"
  BENCH_IDS=$out/ids_sample.txt wrk_scenario "get_$((size / 1000))k" get.lua / "$out"
}

# scim_sync <out-dir>: an identity provider's initial sync of $scim_users users through the SCIM client
# (filter, then POST; $scim_in_flight in flight).
scim_sync() {
  local out=$1
  echo "  scim_initial_sync ($scim_users users, $scim_in_flight in flight)" >&2
  python3 "$root/bench/scim-sync.py" "http://127.0.0.1:$port/scim/v2" "$BENCH_SCIM_TOKEN" "$scim_users" "$scim_in_flight" >"$out/scim_sync.json"
}

# step_peak <step>: the service's peak RSS (VmHWM) since the last step, appended to rss.jsonl; then the peak is reset
# (5 written to clear_refs), so that each step has its own and the run's peak (their maximum) names the step that set it.
step_peak() {
  awk -v step="$1" '/VmHWM/ {printf "{\"step\": \"%s\", \"peak_rss_mb\": %.1f}\n", step, $2 / 1024}' \
    /proc/"$server_pid"/status >>"$out/rss.jsonl"
  echo 5 2>/dev/null >/proc/"$server_pid"/clear_refs || true   # if refused, the later peaks include the earlier: the maximum holds
}

# pgbench_tps <script> <seconds> <connection> <variables...>: transactions per second of one pgbench run.
pgbench_tps() {
  local script=$1 seconds=$2 connection=$3
  shift 3
  pgbench -n -M prepared -c "$connections" -j "$threads" -T "$seconds" -f "$root/bench/pgbench/$script" "$@" "$connection" 2>&1 |
    tee -a "$out/pgbench.log" | sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p'
}

# pg_floors <server>: the PostgreSQL floors (bench/pgbench/*.sql) with pgbench on a copy of the seeded
# database, so that their writes do not change what the scenarios meet; writes $out/floors.json.
pg_floors() {
  local server=$1 keywords copy write_tps read_tps
  keywords=$(pg_keywords "$server")
  new_database "$keywords" fleetusers_floors fleetusers_bench
  copy="$keywords dbname=fleetusers_floors"
  awk '{print NR "\t" $0}' "$out/ids.txt" >"$out/floor_ids.tsv"
  psql "$copy" -q -v ON_ERROR_STOP=1 -c "CREATE TABLE floor_ids (n int PRIMARY KEY, id uuid NOT NULL)" \
    -c "\\copy floor_ids FROM '$out/floor_ids.tsv'" -c "VACUUM (ANALYZE) floor_ids, users, user_group_roles"
  local variables=(-D users="$(wc -l <"$out/ids.txt")" -D company="$(jq -r .CompanyId "$out/company.json")" -D actor="$(jq -r .AdminId "$out/company.json")")
  : >"$out/pgbench.log"
  pgbench_tps write.sql "$warmup" "$copy" "${variables[@]}" >/dev/null
  write_tps=$(pgbench_tps write.sql "$duration" "$copy" "${variables[@]}")
  pgbench_tps read.sql "$warmup" "$copy" "${variables[@]}" >/dev/null
  read_tps=$(pgbench_tps read.sql "$duration" "$copy" "${variables[@]}")
  drop_database "$keywords" fleetusers_floors
  [ -n "$write_tps" ] && [ -n "$read_tps" ] || { echo "pgbench gave no figure: see $out/pgbench.log" >&2; exit 1; }
  echo "{\"write_tx_per_s\": $write_tps, \"read_tx_per_s\": $read_tps, \"clients\": $connections, \"threads\": $threads}" >"$out/floors.json"
}

run_store() {
  local store=$1 server=
  out=$root/bench/work/$store
  rm -rf "$out" && mkdir -p "$out"
  echo "== $store" >&2
  if [ "$store" = sqlite ]; then
    export Storage__Provider=Sqlite ConnectionStrings__Users="Data Source=$out/fleetusers.db"
    postmaster_pid=
    local sizes="10000 100000"
  else
    server=$(scripts/test-postgres.sh)
    postmaster_pid=$(head -1 /var/run/postgresql/15-main.pid)   # Debian's pid file of the cluster test-postgres.sh started
    new_database "$(pg_keywords "$server")" fleetusers_bench
    export Storage__Provider=Postgres ConnectionStrings__Users="${server%Database=*}Database=fleetusers_bench"
    local sizes=${BENCH_PG_SIZES:-10000 100000 1000000 10000000}
  fi

  echo "  seeding 10,000 users" >&2
  dotnet "$tool" seed 10000 "$out"
  echo "  floors (the database alone, ${duration}s each)" >&2
  if [ "$store" = sqlite ]; then
    dotnet "$tool" sqlite-floors "$duration" "$warmup" "$connections" "$out" >/dev/null
  else
    pg_floors "$server"
  fi
  echo "  password hash floor (Argon2id, one thread per core, ${duration}s)" >&2
  dotnet "$tool" hash-floor "$duration" "$warmup" "$out"
  echo "  baseline (raw database, ${duration}s at $connections)" >&2
  BENCH_SECONDS=$duration dotnet "$tool" baseline "$duration" "$connections" "$out" >/dev/null

  start_service "$port" "$out/server.log"
  server_pid=$started_pid

  export BENCH_IDS=$out/ids.txt BENCH_GROUP BENCH_ADMIN BENCH_PASSWORD BENCH_TOKEN
  BENCH_GROUP=$(jq -r .GroupId "$out/company.json")
  BENCH_ADMIN=$(jq -r .AdminUsername "$out/company.json")
  BENCH_PASSWORD=$(jq -r .AdminPassword "$out/company.json")
  BENCH_TOKEN=$(admin_token "$port" "$out")

  # A SCIM client, made as an operator makes it (the command line), for the SCIM filters and the initial sync.
  BENCH_SCIM_TOKEN=$(dotnet "$cli" clients create --scim --company "Bench Fleet" --name "Bench SCIM" \
    --group 'Bench Fleet\West Coast Group' --role Driver | awk '/scim_token:/ {print $2}')
  export BENCH_SCIM_TOKEN

  step_peak start
  wrk_scenario health health.lua /health/live "$out"; step_peak health
  wrk_scenario put put.lua / "$out"; step_peak put
  put_webhook "$out"; step_peak put_webhook
  wrk_scenario get get.lua / "$out"; step_peak get
  wrk_scenario login login.lua / "$out"; step_peak login
  # After get and login: growing the trail writes gigabytes, and the disk stays slower for minutes after
  # (see put_audit), which a login's committed write and the reads would otherwise meet.
  put_audit "$out" "$store"; step_peak put_audit
  local k
  for size in $sizes; do
    k=$((size / 1000))k
    if [ "$size" -gt 10000 ]; then
      echo "  seeding up to $size users" >&2
      dotnet "$tool" seed "$size" "$out"; step_peak "seed_$k"
    fi
    BENCH_USERS=$size wrk_scenario "search_$k" search.lua / "$out"
    search_at_half_rate "$out" "$size"; step_peak "search_$k"
    BENCH_USERS=$size wrk_scenario "scim_filter_$k" scim.lua / "$out"; step_peak "scim_filter_$k"
    get_at_size "$out" "$size"; step_peak "get_$k"
    if [ "$size" = 100000 ]; then console_scenario "$out" "$size"; step_peak "console_users_$k"; fi
  done
  # Last, so that its users change none of the figures above.
  scim_sync "$out"; step_peak scim_sync

  stop_server
  python3 - "$store" "$out" "$connections" "${sizes##* }" "$(nproc)" >"$out/result.json" <<'PY'
import json, sys
store, out, connections, users, cores = sys.argv[1:]
peaks = {s["step"]: s["peak_rss_mb"] for s in map(json.loads, open(f"{out}/rss.jsonl"))}
baseline = json.load(open(f"{out}/baseline.json"))
measured = json.load(open(f"{out}/floors.json")) | json.load(open(f"{out}/hash_floor.json"))
floor_names = ["write_tx_per_s", "write_batched_rows_per_s", "read_tx_per_s", "password_hashes_per_s"]
scenarios = [json.loads(line) for line in open(f"{out}/scenarios.jsonl")]
put = next(s for s in scenarios if s["name"] == "put")
print(json.dumps({
    "store": store, "users": int(users), "concurrency": int(connections), "cores": int(cores),
    "floors": {k: round(measured[k], 1) for k in floor_names if k in measured},
    "floor_settings": {k: v for k, v in measured.items() if k not in floor_names},
    "baseline_tx_per_s": baseline["tx_per_s"], "baseline": baseline,
    "put_ratio": round(put["rps"] / baseline["tx_per_s"], 3),
    "peak_rss_mb": max(peaks.values()), "peak_rss_mb_by_step": peaks, "scenarios": scenarios,
    "scim_initial_sync": json.load(open(f"{out}/scim_sync.json")),
    "webhook": json.load(open(f"{out}/webhook.json")),
}))
PY
}

for store in $stores; do run_store "$store"; done

mkdir -p bench/results
python3 bench/report.py "$root" $stores
