"""A provider's initial sync over SCIM, as Entra ID does it: for each user, GET /Users?filter=userName eq "..."
(it is not there), then POST /Users, with a few users in flight. Prints one JSON object: users/s, the latency of
one user (both requests), and the errors (any answer but 200 with no match, then 201).

    python3 bench/scim-sync.py <base-url> <scim-token> <users> <in-flight> [<userName prefix>]
"""
import http.client
import json
import sys
import threading
import time
import urllib.parse


def percentile(sorted_values, share):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def main(base, token, users, in_flight, prefix):
    url = urllib.parse.urlsplit(base)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/scim+json"}
    next_user = iter(range(users))
    lock = threading.Lock()
    latencies, errors = [], []

    def worker():
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        while True:
            with lock:
                i = next(next_user, None)
            if i is None:
                break
            user_name = f"{prefix}{i}"
            started = time.perf_counter()
            try:
                query = urllib.parse.quote(f'userName eq "{user_name}"')
                connection.request("GET", f"{url.path}/Users?filter={query}", headers=headers)
                response = connection.getresponse()
                found = json.loads(response.read())
                if response.status != 200 or found.get("totalResults") != 0:
                    errors.append(f"GET {user_name}: {response.status}")
                    continue
                body = json.dumps({
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                    "externalId": f"ext-{user_name}", "userName": user_name, "active": True,
                    "name": {"givenName": "Sync", "familyName": f"User {i}"},
                    "emails": [{"primary": True, "type": "work", "value": f"{user_name}@example.com"}],
                })
                connection.request("POST", f"{url.path}/Users", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 201:
                    errors.append(f"POST {user_name}: {response.status}")
                    continue
            except (OSError, http.client.HTTPException, ValueError) as error:
                errors.append(f"{user_name}: {error}")
                connection.close()
                connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(in_flight)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    print(json.dumps({
        "users": users, "in_flight": in_flight, "seconds": round(seconds, 2),
        "users_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50), 2), "p95_ms": round(percentile(latencies, 0.95), 2),
        "p99_ms": round(percentile(latencies, 0.99), 2), "errors": len(errors), "first_errors": errors[:5],
    }))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] if len(sys.argv) > 5 else "scim.sync.")
