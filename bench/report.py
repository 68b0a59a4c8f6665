"""Writes bench/results/latest.{json,md} from the per-store results in bench/work/<store>/result.json.

    python3 bench/report.py <root> <store> [<store> ...]
"""
import datetime
import json
import sys

# The floor each scenario is read against (search against the read floor is for information).
FLOOR_OF = {"put": "write_tx_per_s", "get": "read_tx_per_s", "search": "read_tx_per_s", "login": "password_hashes_per_s"}


def scenario(result, name):
    return next((s for s in result["scenarios"] if s["name"] == name), None)


def floor_of(result, name):
    key = FLOOR_OF.get(name.split("_")[0])
    return result["floors"].get(key) if key else None


def ratios(r):
    """Every scenario as a share of /health/live and of its floor; login per core: what latest.json adds for other tools."""
    health = scenario(r, "health")["rps"]
    out = {}
    for s in r["scenarios"]:
        if s["name"] != "health":
            out[f"{s['name']}_of_health"] = round(s["rps"] / health, 4)
        floor = floor_of(r, s["name"])
        if floor:
            out[f"{s['name']}_of_floor"] = round(s["rps"] / floor, 4)
    out["login_per_core"] = round(scenario(r, "login")["rps"] / r["cores"], 2)
    changes, hooked = scenario(r, "put_changes"), scenario(r, "put_webhook")
    if changes and hooked:
        out["put_webhook_of_put_changes"] = round(hooked["rps"] / changes["rps"], 4)
    audit, control = trail_and_control(r)
    if audit and changes:
        out["put_audit_of_put_changes"] = round(audit["rps"] / changes["rps"], 4)
    if audit and control:
        out["put_audit_of_control"] = round(audit["rps"] / control["rps"], 4)
    return out


def trail_and_control(r):
    """put_audit_<n>m (PUT with the trail grown) and put_audit_control (the same on a store without it, run in turn)."""
    audit = next((s for s in r["scenarios"] if s["name"].startswith("put_audit_") and s["name"].endswith("m")), None)
    return audit, scenario(r, "put_audit_control")


def sized(r, prefix):
    """The scenarios named <prefix>_<size>k, smallest company first."""
    found = [s for s in r["scenarios"] if s["name"].startswith(prefix + "_") and s["name"].endswith("k")
             and s["name"][len(prefix) + 1:-1].isdigit()]
    return sorted(found, key=lambda s: int(s["name"][len(prefix) + 1:-1]))


def targets(r):
    """Issue 15's targets and the benchmark's standing ones, read off one store's result: (target, measured, met)."""
    rows = []
    put, get, health, login = (scenario(r, n) for n in ("put", "get", "health", "login"))
    floors = r["floors"]
    if r["store"] == "sqlite":
        rows.append(("PUT ≥ 3,000 req/s", f"{put['rps']} req/s", put["rps"] >= 3000))
        share = get["rps"] / health["rps"]
        rows.append(("GET ≥ 35 % of /health/live", f"{share:.1%}", share >= 0.35))
    else:
        share = put["rps"] / floors["write_tx_per_s"]
        rows.append(("PUT ≥ 40 % of the write floor", f"{share:.1%} ({put['rps']} of {floors['write_tx_per_s']})", share >= 0.4))
        share = get["rps"] / floors["read_tx_per_s"]
        rows.append(("GET ≥ 20 % of the read floor", f"{share:.1%} ({get['rps']} of {floors['read_tx_per_s']})", share >= 0.2))
    per_core = login["rps"] / r["cores"]
    hashes = floors.get("password_hashes_per_s")
    floor_note = f"; the hash floor is {hashes / r['cores']:.1f}/s per core, login reaches {login['rps'] / hashes:.1%} of it" if hashes else ""
    rows.append(("login ≥ 20/s per core", f"{per_core:.1f}/s per core ({login['rps']}/s on {r['cores']}{floor_note})", per_core >= 20))
    largest = scenario(r, "search_1000k")
    if largest:
        small = scenario(r, "search_10k")
        growth = largest["p50_ms"] / small["p50_ms"]
        rows.append(("search at 1,000,000 users: p95 ≤ 50 ms", f"{largest['p95_ms']} ms", largest["p95_ms"] <= 50))
        rows.append(("search 10,000 → 1,000,000 users grows ≤ 3× (p50)", f"{growth:.2f}×", growth <= 3))
    paced = scenario(r, "search_rate_1000k")
    if paced:
        rows.append((f"search at 1,000,000 users, open loop at half the maximum ({paced['offered_rps']} req/s offered): p95 ≤ 50 ms",
                     f"{paced['p95_ms']} ms (p50 {paced['p50_ms']} ms)", paced["p95_ms"] <= 50))
    audit, control = trail_and_control(r)
    if audit and control:
        share = audit["rps"] / control["rps"]
        rows.append((f"PUT with the audit trail at {audit['name'][10:-1]} million entries ≥ 90 % of the same without a trail "
                     "(`put_audit_control`, run in turn with it: unchanged, within noise)",
                     f"{share:.1%} ({audit['rps']} of {control['rps']} req/s)", share >= 0.9))
    filters = sized(r, "scim_filter")
    if len(filters) > 1:
        growth = filters[-1]["p50_ms"] / filters[0]["p50_ms"]
        rows.append((f"SCIM filters stay indexed: {filters[0]['name'][12:]} → {filters[-1]['name'][12:]} users grows ≤ 3× (p50)",
                     f"{growth:.2f}× (p95 {filters[0]['p95_ms']} → {filters[-1]['p95_ms']} ms)", growth <= 3))
    tail = put["p99_ms"] / put["p50_ms"] if put["p50_ms"] else float("inf")
    rows.append(("PUT p99 ≤ 4 × p50", f"p99 {put['p99_ms']} ms = {tail:.2f} × p50", tail <= 4))
    errors = sum(s["errors"] for s in r["scenarios"]) + r.get("scim_initial_sync", {}).get("errors", 0)
    rows.append(("0 errors in every scenario", f"{errors} errors", errors == 0))
    rows.append(("peak RSS ≤ 250 MB", f"{r['peak_rss_mb']} MB", r["peak_rss_mb"] <= 250))
    return rows


def hash_floor(r):
    hashes, settings = r["floors"].get("password_hashes_per_s"), r.get("floor_settings", {})
    return (f" Password hash floor (libsodium alone, {settings.get('hash_threads')} threads): {hashes} Argon2id hashes/s at "
            f"m={settings.get('argon2_memory_kib')} KiB, t={settings.get('argon2_iterations')}, p=1.") if hashes else ""


def floor_line(r):
    f, settings = r["floors"], r.get("floor_settings", {})
    if r["store"] == "sqlite":
        synchronous = {2: "FULL", 3: "EXTRA"}.get(settings.get("synchronous"), settings.get("synchronous"))
        return (f"Floors (SQLite alone, WAL, synchronous={synchronous}): write {f['write_tx_per_s']} tx/s "
                f"(one UPDATE + one audit INSERT per transaction, one connection), batched write {f['write_batched_rows_per_s']} rows/s "
                f"({settings.get('batch_size')} per transaction), read {f['read_tx_per_s']} reads/s ({settings.get('read_connections')} connections).{hash_floor(r)}")
    return (f"Floors (pgbench -c {settings.get('clients')} -j {settings.get('threads')} -M prepared): write {f['write_tx_per_s']} tx/s "
            f"(UPDATE + audit INSERT per transaction), read {f['read_tx_per_s']} tx/s (primary-key SELECT with roles).{hash_floor(r)}")


def growth_lines(r):
    """How latency grows with the company: p50 / p95 ms of each sized scenario, smallest company first."""
    kinds = [("search", "search (32 connections)"), ("search_rate", "search (open loop, half rate)"),
             ("get", "GET by id"), ("scim_filter", "SCIM filters")]
    by_kind = {kind: {int(s["name"][len(kind) + 1:-1]): s for s in sized(r, kind)} for kind, _ in kinds}
    sizes = sorted({size for found in by_kind.values() for size in found})
    if len(sizes) < 2:
        return []
    lines = ["", "Latency as the company grows (p50 / p95 ms; GET over a sample of at most 100,000 ids spread over all users):", "",
             "| users | " + " | ".join(title for _, title in kinds) + " |", "| ---: |" + " ---: |" * len(kinds)]
    for size in sizes:
        cells = [f"{by_kind[k][size]['p50_ms']} / {by_kind[k][size]['p95_ms']}" if size in by_kind[k] else "–" for k, _ in kinds]
        lines.append(f"| {size * 1000:,} | " + " | ".join(cells) + " |")
    first, last = sizes[0], sizes[-1]
    growth = [f"{title} ×{by_kind[k][last]['p50_ms'] / by_kind[k][first]['p50_ms']:.2f} (p50), ×{by_kind[k][last]['p95_ms'] / by_kind[k][first]['p95_ms']:.2f} (p95)"
              for k, title in kinds if first in by_kind[k] and last in by_kind[k] and by_kind[k][first]["p50_ms"] and by_kind[k][first]["p95_ms"]]
    lines += ["", f"From {first * 1000:,} to {last * 1000:,} users: " + "; ".join(growth) + "."]
    return lines


def ratio_cell(value):
    return f"{value:.1%}" if value is not None else "–"


def cores_cell(cpu):
    return f"{cpu['service']:.2f} / {cpu['database']:.2f} / {cpu['rest']:.2f}" if cpu else "–"


def peak_steps(r):
    """The three steps with the highest peak RSS, the run's first (older results have none)."""
    steps = sorted(r.get("peak_rss_mb_by_step", {}).items(), key=lambda s: -s[1])[:3]
    return " (highest in " + ", ".join(f"{name} {mb} MB" for name, mb in steps) + ")" if steps else ""


def main(root, stores):
    results = [json.load(open(f"{root}/bench/work/{s}/result.json")) for s in stores]
    for r in results:
        r["ratios"] = ratios(r)
    json.dump(results, open(f"{root}/bench/results/latest.json", "w"), indent=2)
    cores = results[0]["cores"]
    lines = [f"# Benchmark results ({datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC, {cores} cores)", ""]
    for r in results:
        b = r["baseline"]
        health = scenario(r, "health")["rps"]
        lines += [f"## {r['store']}", "",
                  floor_line(r), "",
                  f"Concurrency {r['concurrency']}; server peak RSS {r['peak_rss_mb']} MB{peak_steps(r)}. Diagnostic: the raw-database baseline "
                  f"(one PUT's statements through the service's store code) {b['tx_per_s']} tx/s (p50 {b['p50_ms']} ms, "
                  f"p99 {b['p99_ms']} ms); PUT ÷ baseline = {r['put_ratio']}.", "",
                  "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | ÷ /health/live | ÷ floor | cores: service / database / rest |",
                  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for s in r["scenarios"]:
            floor = floor_of(r, s["name"])
            lines.append(f"| {s['name']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} | {s['p99_ms']} | {s['errors']} "
                         f"| {ratio_cell(s['rps'] / health if s['name'] != 'health' else None)} "
                         f"| {ratio_cell(s['rps'] / floor if floor else None)} | {cores_cell(s.get('cpu_cores'))} |")
        writers = [s for s in r["scenarios"] if s.get("writer")]
        if writers:
            lines += ["", "The SQLite writer in the write scenarios (the share of the run it was busy: its sessions' turns plus its "
                          "COMMITs; then the mean turn, the mean COMMIT and the sessions a COMMIT held): "
                          + "; ".join(f"{s['name']} **{s['writer']['busy_share']:.0%}** ({s['writer']['turn_ms']} ms, "
                                      f"{s['writer']['commit_ms']} ms, {s['writer']['sessions_per_commit']})" for s in writers) + "."]
        sync = r.get("scim_initial_sync")
        if sync:
            lines += ["", f"SCIM initial sync (a provider's filter-then-POST per user, {sync['in_flight']} users in flight, "
                          f"after the searches): **{sync['users_per_s']} users/s** for {sync['users']:,} users in {sync['seconds']} s "
                          f"(per user p50 {sync['p50_ms']} ms, p95 {sync['p95_ms']} ms, p99 {sync['p99_ms']} ms), {sync['errors']} errors."]
        hook, changes, hooked = r.get("webhook"), scenario(r, "put_changes"), scenario(r, "put_webhook")
        if hook and changes and hooked:
            lines += ["", f"Webhooks: PUTs that each change the user (so each writes an event) ran at {changes['rps']} req/s without a "
                          f"webhook and {hooked['rps']} req/s with one webhook subscribed to `user.updated` "
                          f"(**{hooked['rps'] / changes['rps']:.1%}** of without), delivered to a receiver on loopback: "
                          f"{hook['deliveries']:,} deliveries ({hook['distinct']:,} distinct webhook-id), delivery lag (arrival − occurredAt) "
                          f"p50 {hook['lag_p50_ms']} ms, p95 {hook['lag_p95_ms']} ms, max {hook['lag_max_ms']} ms; the last delivery "
                          f"came {hook['drain_s']} s after the load ended."]
        for page in sized(r, "console_users"):
            lines += ["", f"Console: the users list page (`/console/users`, signed in, rendered on the server) at "
                          f"{int(page['name'][14:-1]) * 1000:,} users, {page.get('connections')} connections: {page['rps']} pages/s, "
                          f"p50 {page['p50_ms']} ms, **p95 {page['p95_ms']} ms**."]
        lines += growth_lines(r)
        lines += ["", "PUT is read against the write floor, GET and search against the read floor (search for information).", "",
                  "| target | measured | met |", "| --- | --- | --- |"]
        lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in targets(r)]
        lines.append("")
    open(f"{root}/bench/results/latest.md", "w").write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
