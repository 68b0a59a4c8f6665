#!/usr/bin/env python3
"""The administrator's login latency, alone and under a flood of bogus client-credentials requests.

Start a Release build of the service with the client address taken from X-Forwarded-For, e.g.

    dotnet publish src/FleetUsers.Api -c Release -o /tmp/fleetusers
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Bootstrap__AdminPassword='Measure-Admin-1' Bootstrap__DemoData=false \\
      dotnet /tmp/fleetusers/FleetUsers.Api.dll --urls http://127.0.0.1:5611

then run, for each mode:

    python3 bench/login-flood.py 5611 admin Measure-Admin-1 alone
    python3 bench/login-flood.py 5611 admin Measure-Admin-1 one-address
    python3 bench/login-flood.py 5611 admin Measure-Admin-1 many-addresses

It logs the administrator in 30 times in a row (from 198.51.100.10) while 40 threads send
POST /api/auth/token with random client ids, from one address (203.0.113.7) or each from a random
one in 10/8, and prints one JSON line: the logins' statuses and latency, the flood's rate and answers.
An ad-hoc measurement (standard library only), not part of bench/run.sh.
"""
import collections, http.client, json, random, statistics, sys, threading, time, uuid

port, admin, password, mode = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
samples = int(sys.argv[5]) if len(sys.argv) > 5 else 30
FLOOD = 40
stop = threading.Event()
flood_status = collections.Counter()
lock = threading.Lock()


def connect():
    return http.client.HTTPConnection("127.0.0.1", int(port), timeout=60)


def flood(worker):
    conn = connect()
    while not stop.is_set():
        address = "203.0.113.7" if mode == "one-address" else f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(256)}"
        body = f"grant_type=client_credentials&client_id={uuid.uuid4()}&client_secret=bogus-{worker}"
        try:
            conn.request("POST", "/api/auth/token", body, {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address})
            response = conn.getresponse()
            response.read()
            outcome = response.status
        except Exception as e:  # noqa: BLE001 - a refused or dropped connection is an outcome too
            outcome = type(e).__name__
            conn = connect()
        with lock:
            flood_status[outcome] += 1


def login(conn):
    body = json.dumps({"username": admin, "password": password})
    start = time.perf_counter()
    conn.request("POST", "/api/auth/user", body, {"Content-Type": "application/json", "X-Forwarded-For": "198.51.100.10"})
    response = conn.getresponse()
    response.read()
    return (time.perf_counter() - start) * 1000, response.status


threads = [] if mode == "alone" else [threading.Thread(target=flood, args=(i,), daemon=True) for i in range(FLOOD)]
for t in threads:
    t.start()
if threads:
    time.sleep(3)  # let the flood build up
conn = connect()
flood_before = sum(flood_status.values())
started = time.perf_counter()
times, statuses = [], collections.Counter()
for _ in range(samples):
    ms, status = login(conn)
    times.append(ms)
    statuses[status] += 1
    time.sleep(0.1)
elapsed = time.perf_counter() - started
flood_during = sum(flood_status.values()) - flood_before
stop.set()
times.sort()
print(json.dumps({
    "mode": mode, "samples": samples, "login_status": dict(statuses),
    "median_ms": round(statistics.median(times), 1), "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
    "max_ms": round(times[-1], 1),
    "flood_req_per_s": round(flood_during / elapsed, 1) if threads else None,
    "flood_status": {str(k): v for k, v in flood_status.items()},
}))
