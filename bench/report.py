"""Writes bench/results/latest.{json,md} from the per-store results in bench/work/<store>/result.json.

    python3 bench/report.py <root> <store> [<store> ...]
"""
import datetime
import json
import os
import sys


def scenario(result, name):
    return next((s for s in result["scenarios"] if s["name"] == name), None)


def targets(r):
    """The issue's targets, read off one store's result: (target, measured, met)."""
    rows = []
    put, get, health = scenario(r, "put"), scenario(r, "get"), scenario(r, "health")
    rows.append(("PUT ≥ 70 % of the raw-database baseline", f"{r['put_ratio']:.3f}", r["put_ratio"] >= 0.7))
    tail = put["p99_ms"] / put["p50_ms"] if put["p50_ms"] else float("inf")
    rows.append(("PUT p99 ≤ 4 × p50", f"p99 {put['p99_ms']} ms = {tail:.2f} × p50", tail <= 4))
    errors = sum(s["errors"] for s in r["scenarios"])
    rows.append(("0 errors in every scenario", f"{errors} errors", errors == 0))
    share = get["rps"] / health["rps"]
    rows.append(("GET by id ≥ 50 % of /health/live", f"{share:.3f}", share >= 0.5))
    largest = scenario(r, "search_1000k")
    if largest:
        small = scenario(r, "search_10k")
        growth = largest["p50_ms"] / small["p50_ms"]
        rows.append(("search at 1,000,000 users: p95 ≤ 50 ms", f"{largest['p95_ms']} ms", largest["p95_ms"] <= 50))
        rows.append(("search 10,000 → 1,000,000 users grows ≤ 3× (p50)", f"{growth:.2f}×", growth <= 3))
    rows.append(("peak RSS ≤ 250 MB", f"{r['peak_rss_mb']} MB", r["peak_rss_mb"] <= 250))
    return rows


def main(root, stores):
    results = [json.load(open(f"{root}/bench/work/{s}/result.json")) for s in stores]
    json.dump(results, open(f"{root}/bench/results/latest.json", "w"), indent=2)
    lines = [f"# Benchmark results ({datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores)", ""]
    for r in results:
        b = r["baseline"]
        lines += [f"## {r['store']}", "",
                  f"Concurrency {r['concurrency']}; raw-database baseline {b['tx_per_s']} tx/s (p50 {b['p50_ms']} ms, p99 {b['p99_ms']} ms); "
                  f"**PUT ÷ baseline = {r['put_ratio']}**; server peak RSS {r['peak_rss_mb']} MB.", "",
                  "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        lines += [f"| {s['name']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['errors']} |" for s in r["scenarios"]]
        lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
        lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in targets(r)]
        lines.append("")
    open(f"{root}/bench/results/latest.md", "w").write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
