"""A webhook receiver for the benchmark: answers every delivery 204 at once and keeps, per delivery, how long
after the change it arrived (now - the event's occurredAt), so the benchmark can report the delivery lag at load.

    python3 bench/webhook-receiver.py <port>

GET /stats answers {"deliveries", "distinct", "lag_p50_ms", "lag_p95_ms", "lag_max_ms", "last_received"}
(last_received: seconds since the epoch, 0 before the first delivery). Loopback only.
"""
import datetime
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
lags_ms = []
ids = set()
last_received = 0.0


def percentile(sorted_values, share):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


class Receiver(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the service's sender reuses its connection

    def do_POST(self):
        global last_received
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        now = time.time()
        occurred = datetime.datetime.fromisoformat(json.loads(body)["occurredAt"].replace("Z", "+00:00")).timestamp()
        with lock:
            lags_ms.append((now - occurred) * 1000)
            ids.add(self.headers.get("webhook-id"))
            last_received = now
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            ordered = sorted(lags_ms)
            stats = {"deliveries": len(ordered), "distinct": len(ids),
                     "lag_p50_ms": round(percentile(ordered, 0.50), 1), "lag_p95_ms": round(percentile(ordered, 0.95), 1),
                     "lag_max_ms": round(ordered[-1], 1) if ordered else 0.0, "last_received": last_received}
        body = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Receiver).serve_forever()
