#!/usr/bin/env python3
"""`just bench-reports`: how long the reports take on a year of sales.

Starts a dedicated PostgreSQL (bench/run.py's settings), migrates it, loads a year of sales of
20 screens (bench/reports.sql: 36,500 screenings, about 2 million seats sold), starts the
release server and times each report over the last full week and over the year, as an admin
calls them: the median of 5 calls after one warm-up, end to end over HTTP. Targets (issue
38): a week under 100 ms, the year's sales by movie under 2 s.

    python3 bench/reports.py            # a year, release build
    python3 bench/reports.py --short    # 30 days, debug build (CI: the harness works)
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from run import ROOT, Postgres, Server, log, rerun_inside_postgres  # noqa: E402

BENCH = ROOT / "bench"
PASSWORD = "report-admin-password"
TARGETS_MS = {"week": 100, "year sales by movie": 2000}


def timed(server, token, path, accept="application/json", calls=5):
    """The median milliseconds of `calls` GETs of `path` after one warm-up, and the last
    answer's size in bytes."""
    def call():
        request = urllib.request.Request(f"{server.url}{path}",
                                         headers={"authorization": f"Bearer {token}",
                                                  "accept": accept})
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            body = response.read()
        return (time.perf_counter() - started) * 1000, len(body)

    call()
    results = [call() for _ in range(calls)]
    return statistics.median(ms for ms, _ in results), results[-1][1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--short", action="store_true", help="30 days, debug build")
    parser.add_argument("--days", type=int, help="days of sales (default 365, 30 with --short)")
    args = parser.parse_args()
    days = args.days or (30 if args.short else 365)
    profile = "debug" if args.short else "release"
    binary = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / profile / "boxoffice"
    if not os.environ.get("BOXOFFICE_BENCH_PG"):
        log(f"building the {profile} binary")
        subprocess.run(["cargo", "build", "--quiet", "--locked", "--bin", "boxoffice"]
                       + ([] if args.short else ["--release"]), check=True, cwd=ROOT)
        rerun_inside_postgres(binary, __file__)

    pg = Postgres()
    env = dict(os.environ, DATABASE_URL=pg.app_url, MIGRATION_DATABASE_URL=pg.url)
    subprocess.run([str(binary), "migrate", "up"], env=env, check=True, stdout=subprocess.DEVNULL)
    pg.psql("boxoffice", "ALTER ROLE boxoffice_app LOGIN")
    log(f"loading {days} days of sales")
    started = time.monotonic()
    subprocess.run([str(pg.bindir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                    "-v", f"days={days}", "-f", str(BENCH / "reports.sql"), pg.url],
                   check=True, stdout=subprocess.DEVNULL)
    counts = pg.psql("boxoffice", "SELECT (SELECT count(*) FROM screenings) || ' screenings, ' "
                                  "|| (SELECT count(*) FROM sales) || ' sales rows'")
    log(f"loaded {counts} in {time.monotonic() - started:.1f} s")
    subprocess.run([str(binary), "admin", "create", "--username", "reporter",
                    "--email", "reporter@example.com"], env=env, check=True,
                   input=PASSWORD + "\n", text=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)

    server = Server(binary, pg.app_url, 16, "warn")
    try:
        token = server.post("/v1/users/login",
                            {"username": "reporter", "password": PASSWORD})["access_token"]
        yesterday = date.today() - timedelta(days=1)
        week = (yesterday - timedelta(days=6), yesterday)
        year = (yesterday - timedelta(days=days - 1), yesterday)
        screening = pg.psql("boxoffice", "SELECT max(id) FROM screenings")
        sales = lambda period, group: (f"/v1/reports/sales?from={period[0]}&to={period[1]}"
                                       f"&group_by={group}")
        cases = [
            ("week", "sales by day", sales(week, "day"), "application/json"),
            ("week", "sales by movie", sales(week, "movie"), "application/json"),
            ("week", "sales by screening", sales(week, "screening"), "application/json"),
            ("week", "film hire",
             f"/v1/reports/film-hire?from={week[0]}&to={week[1]}", "application/json"),
            ("week", "one screening", f"/v1/reports/screenings/{screening}", "application/json"),
            ("year", "sales by movie", sales(year, "movie"), "application/json"),
            ("year", "sales by day", sales(year, "day"), "application/json"),
            ("year", "sales by payment method", sales(year, "payment_method"), "application/json"),
            ("year", "sales by screening (CSV)", sales(year, "screening"), "text/csv"),
            ("year", "film hire",
             f"/v1/reports/film-hire?from={year[0]}&to={year[1]}", "application/json"),
        ]
        report = []
        print(f"\n{days} days, {counts}, {profile} build\n")
        print("| period | report | median ms | bytes | target |")
        print("|---|---|---:|---:|---|")
        failed = []
        for period, name, path, accept in cases:
            ms, size = timed(server, token, path, accept)
            target = TARGETS_MS.get("week" if period == "week" else f"year {name}")
            shown = "7 days" if period == "week" else f"{days} days"
            verdict = "" if target is None else (
                f"< {target} ms: {'met' if ms < target else 'MISSED'}")
            if target is not None and ms >= target and not args.short:
                failed.append(f"{period} {name}")
            print(f"| {shown} | {name} | {ms:.1f} | {size:,} | {verdict} |")
            report.append({"period": shown, "report": name, "median_ms": round(ms, 1),
                           "bytes": size})
        (ROOT / "target" / "bench").mkdir(parents=True, exist_ok=True)
        (ROOT / "target" / "bench" / "reports.json").write_text(json.dumps(report, indent=2))
        if failed:
            sys.exit(f"bench: targets missed: {', '.join(failed)}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
