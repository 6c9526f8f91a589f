#!/usr/bin/env python3
"""`just bench`: boxoffice under load, as a ratio to PostgreSQL's own limit on this machine.

Starts a dedicated PostgreSQL (settings in PG_SETTINGS), migrates it, loads a large data set
(bench/load.sql), starts the release server, and for each scenario runs the API under load with
wrk and then `pgbench -M prepared` with the same SQL the endpoint executes, at the same
concurrency. The pgbench scripts are cut from queries/*.sql by query name, so they cannot drift
from what the service runs. `GET /v1/movies/{id}` and the screenings list are also run
against bench/baseline, the fastest server we can write for them on the same crates, in turn
with the service: the ratio to it is boxoffice's own per-request cost. Each measurement is
repeated and the median reported.

Only 127.0.0.1 is targeted; every run is bounded in time.

    python3 bench/run.py            # the full run (release build, 3 x 10 s per measurement)
    python3 bench/run.py --smoke    # a few seconds per scenario, debug build (CI)
"""

import argparse
import base64
import json
import os
import pathlib
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
WORK = ROOT / "target" / "bench"

# The dedicated server's settings (it is started by `boxoffice dev-postgres`, which listens on
# 127.0.0.1 only). fsync stays on; commits do not wait for the WAL flush
# (synchronous_commit=off), so the run measures the CPU path rather than this VM's disk.
# Both the API and pgbench run against this same server.
PG_SETTINGS = {
    "fsync": "on",
    "full_page_writes": "on",
    "max_connections": "300",
    "shared_buffers": "512MB",
    "synchronous_commit": "off",
    "checkpoint_timeout": "30min",
    "max_wal_size": "8GB",
}

PASSWORD = "bench-password"
# The signing secret of the service's Stripe webhook endpoint in the bench.
WEBHOOK_SECRET = "whsec_bench_" + secrets.token_hex(16)
# The ids of the pending bookings the payment scenarios pay (made by the harness before each
# run, far above the ids the service hands out), and how many each bench user has.
PAY_FIRST_BOOKING, PAY_PER_USER = 10_000_000, 150
CARD_FIRST_BOOKING, CARD_PER_USER = 20_000_000, 125
CONNECTIONS = 64
THREADS = 2
# The baseline's shared, pipelined PostgreSQL connections: one per core.
BASELINE_CONNECTIONS = os.cpu_count() or 1


def log(message):
    print(f"bench: {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url, process, what):
    """Polls `url`/readyz until it answers 2xx; exits if `process` ends or 30 s pass."""
    started = time.monotonic()
    while True:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=1):
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() - started > 30:
            sys.exit(f"bench: {what} did not become ready")
        time.sleep(0.002)


def rerun_inside_postgres(binary, script):
    """Runs `script` again, with this run's arguments, inside a dedicated PostgreSQL that
    `boxoffice dev-postgres` starts with PG_SETTINGS (and stops after), and exits with its
    status. The inner run sees BOXOFFICE_BENCH_PG, DATABASE_URL and PG_BINDIR."""
    log("starting PostgreSQL")
    settings = [arg for k, v in PG_SETTINGS.items() for arg in ("-c", f"{k}={v}")]
    inner = subprocess.run([str(binary), "dev-postgres", *settings, "--", sys.executable,
                            script, *sys.argv[1:]],
                           env=dict(os.environ, BOXOFFICE_BENCH_PG="1"))
    sys.exit(inner.returncode)


class Postgres:
    """The dedicated server `boxoffice dev-postgres` started for this run (DATABASE_URL names
    it, PG_BINDIR its binaries); it is stopped when the run ends."""

    def __init__(self):
        self.bindir = pathlib.Path(os.environ["PG_BINDIR"])
        self.server_url = os.environ["DATABASE_URL"]
        # As the superuser: migrations, the data set, pgbench. The service connects as
        # boxoffice_app (app_url), which owns nothing, as in production.
        self.url = f"{self.server_url}/boxoffice"
        self.app_url = re.sub(r"://[^@/]*@", "://boxoffice_app@", self.url)
        self.psql("postgres", "CREATE DATABASE boxoffice")

    def psql(self, database, sql, *extra):
        result = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1",
             f"{self.server_url}/{database}", *extra, "-c", sql],
            check=True, capture_output=True, text=True)
        return result.stdout.strip()


class Server:
    """The boxoffice binary, serving on a free port."""

    def __init__(self, binary, database_url, pool_size, log="info", wrapper=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.metrics_url = f"http://127.0.0.1:{free_port()}/metrics"
        env = dict(os.environ, DATABASE_URL=database_url, LISTEN_ADDR=f"127.0.0.1:{self.port}",
                   METRICS_ADDR=self.metrics_url.split("/")[2],
                   TOKEN_SECRET=secrets.token_urlsafe(32),
                   TICKET_SIGNING_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
                   DB_POOL_SIZE=str(pool_size), RUST_LOG=log,
                   # 64 connections from one address are the load, not an attack; and 64
                   # users who book thousands of seats each in a run are its customers.
                   AUTH_RATE_LIMIT="0", BOOKING_RATE_LIMIT="0",
                   MAX_HELD_SEATS_PER_SCREENING="10000", MAX_HELD_SEATS="10000",
                   # Card payments on, for the webhook path: the events are the harness's
                   # (signed with this secret), and that path never calls Stripe's API.
                   STRIPE_SECRET_KEY="sk_test_bench", STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
                   STRIPE_API_BASE="http://127.0.0.1:9")
        started = time.monotonic()
        self.process = subprocess.Popen([*wrapper, str(binary), "serve"], env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_ready(self.url, self.process, "the server")
        self.startup_seconds = time.monotonic() - started

    def wait_idle(self):
        """Waits until the requests wrk left in flight are answered: every pooled connection
        is back and nobody waits for one. Resetting the data under them would make the
        oversell check compare a reset screening with bookings committed afterwards."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with urllib.request.urlopen(self.metrics_url, timeout=5) as response:
                text = response.read().decode()
            gauge = lambda name: int(float(re.search(rf"^{name} (\S+)$", text, re.M).group(1)))
            if gauge("db_pool_waiting") == 0 and \
                    gauge("db_pool_available") == gauge("db_pool_connections"):
                return
            time.sleep(0.05)
        sys.exit("bench: the server did not become idle after the load")

    def memory_kib(self, field):
        status = pathlib.Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(rf"^{field}:\s+(\d+) kB", status, re.M).group(1))

    def post(self, path, body, token=None):
        request = urllib.request.Request(f"{self.url}{path}", data=json.dumps(body).encode(),
                                         headers={"content-type": "application/json"})
        if token:
            request.add_header("authorization", f"Bearer {token}")
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


class Baseline:
    """bench/baseline serving `movie_sql` and `screenings_sql` (each with one `$1`, the movie's
    id) on a free port."""

    def __init__(self, binary, database_url, movie_sql, screenings_sql, wrapper=()):
        self.url = f"http://127.0.0.1:{free_port()}"
        self.process = subprocess.Popen(
            [*wrapper, str(binary), self.url.split("/")[2], database_url, str(BASELINE_CONNECTIONS),
             movie_sql, screenings_sql],
            stdout=subprocess.DEVNULL)
        wait_ready(self.url, self.process, "the baseline")

    def stop(self):
        self.process.kill()
        self.process.wait(timeout=60)


class Instructions:
    """Counts the instructions a server process executes per request with callgrind: the
    per-request cost without the noise of a load test (one client, one keep-alive connection,
    the process alone on the CPU). The profile is kept in target/bench/callgrind-NAME.out, its
    summary by function in callgrind-NAME.txt."""

    def __init__(self, name):
        self.name = name
        self.out = WORK / f"callgrind-{name}.out"
        self.out.unlink(missing_ok=True)
        # Uninstrumented until measured: start-up and warm-up run at near native speed.
        self.wrapper = ("valgrind", "--tool=callgrind", "--instr-atstart=no",
                        f"--callgrind-out-file={self.out}")

    def measure(self, server, paths, headers=None):
        """Sends `paths` (warming up on the first 200) over one connection; returns the
        process's instructions per measured request. Every path is sent once uninstrumented
        first: a load test asks for each movie many times, so the steady state it measures
        has every movie's version in memory (platform::version_cache)."""
        import http.client
        pid = str(server.process.pid)
        host, port = server.url.split("/")[2].split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=60)

        def send(batch):
            for path in batch:
                connection.request("GET", path, headers=headers or {})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    sys.exit(f"bench: {path} answered {response.status} under callgrind")

        control = lambda *a: subprocess.run(["callgrind_control", *a, pid], check=True,
                                            stdout=subprocess.DEVNULL)
        warm, counted = paths[:200], paths[200:]
        try:
            send(paths)
            control("--instr=on")
            send(warm)
            control("--zero")
            send(counted)
            control("--dump")
        finally:
            connection.close()
            server.stop()
        # The dump asked for is `<out>.1`; the one written at exit holds only the shutdown.
        dump = WORK / f"{self.out.name}.1"
        total = int(re.search(r"^(?:summary|totals): (\d+)", dump.read_text(), re.M).group(1))
        annotate = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(dump)],
                                  capture_output=True, text=True).stdout
        (WORK / f"callgrind-{self.name}.txt").write_text(annotate)
        # Kept for `callgrind_annotate --tree=caller` and the like.
        dump.replace(self.out)
        return total / len(counted)


def cpu_seconds(process):
    """User and system CPU time `process` has used so far (/proc/PID/stat), in seconds."""
    fields = pathlib.Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(process, run):
    """`run()`'s wrk result with the CPU time `process` spent per request, in µs: the
    server's own cost, which the load generator and PostgreSQL sharing the cores blur in
    req/s."""
    before = cpu_seconds(process)
    result = run()
    result["cpu_us"] = (cpu_seconds(process) - before) * 1e6 / max(result["requests"], 1)
    return result


def query(file, name, values):
    """The SQL of `--! name` in queries/<file>.sql, comments dropped, with the `:param`s named
    in `values` replaced by SQL expressions (pgbench variables, literals, NULL); the others stay
    `:param`, which pgbench fills from its variables."""
    text = (ROOT / "queries" / f"{file}.sql").read_text()
    match = re.search(rf"^--! {name}\b.*?\n(.*?)(?=^--[!:]|\Z)", text, re.S | re.M)
    if not match:
        sys.exit(f"bench: no query {name} in queries/{file}.sql")
    lines = [line for line in match.group(1).splitlines() if not line.lstrip().startswith("--")]
    sql = " ".join(" ".join(lines).split()).rstrip(";")
    for param, expression in values.items():
        sql = re.sub(rf"(?<!:):{param}\b", lambda _: expression, sql)
    return sql + ";"


def pgbench_script(path, lines):
    path.write_text("\n".join(lines) + "\n")
    return path


def parse_duration(value, unit):
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def run_wrk(url, script, args, seconds):
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency",
               "--timeout", "10s", "-s", str(BENCH / "wrk" / script), url, "--", *map(str, args)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {percentile: parse_duration(value, unit) for percentile, value, unit in
               re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)}
    if set(latency) != {"50", "99"}:
        sys.exit(f"bench: no latency distribution in the wrk output:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    # choose.lua counts the 409s that chosen seats expect under load (seats taken).
    conflicts = re.search(r"^conflicts: (\d+)$", out, re.M)
    conflicts = int(conflicts.group(1)) if conflicts else 0
    # random_get.lua counts the 304s a conditional GET expects.
    not_modified = re.search(r"^not modified: (\d+)$", out, re.M)
    not_modified = int(not_modified.group(1)) if not_modified else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                       out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        # wrk counts statuses of 400 and above here, whatever its message says.
        "non_2xx": (int(non_2xx.group(1)) if non_2xx else 0) - conflicts,
        "conflicts": conflicts,
        "requests": int(re.search(r"^\s*(\d+) requests in", out, re.M).group(1)),
        "not_modified": not_modified,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


class Profile:
    """`perf record -a -e cpu-clock` for `seconds` (both cores: the server, PostgreSQL, wrk and
    the kernel), summarised by process and by symbol into target/bench/perf-NAME.txt."""

    def __init__(self, name, seconds):
        self.name = name
        self.data = WORK / f"perf-{name}.data"
        self.process = subprocess.Popen(
            ["perf", "record", "-q", "-a", "-e", "cpu-clock", "-F", "1999", "-o", str(self.data),
             "--", "sleep", str(seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def summarise(self):
        self.process.wait(timeout=120)
        report = lambda *sort: subprocess.run(
            ["perf", "report", "-i", str(self.data), "--stdio", "--no-children", "--percent-limit",
             "0.5", "--sort", ",".join(sort)], capture_output=True, text=True).stdout
        summary = WORK / f"perf-{self.name}.txt"
        summary.write_text(report("comm") + report("comm", "dso", "symbol"))
        log(f"profile of {self.name}: {summary}")


def run_pgbench(pg, script, seconds):
    out = subprocess.run(
        [str(pg.bindir / "pgbench"), "-n", "-M", "prepared", f"-c{CONNECTIONS}", f"-j{THREADS}",
         f"-T{seconds}", "-f", str(script), pg.url],
        capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"bench: pgbench failed:\n{out.stdout}\n{out.stderr}")
    return float(re.search(r"^tps = ([\d.]+)", out.stdout, re.M).group(1))


def pending_bookings_sql(first_booking, per_user, first_user, first_screening, last_screening,
                         card=False):
    """SQL making CONNECTIONS * per_user pending one-seat bookings (1200 EUR cents, adult)
    on free seats of screenings first..last, with ids first_booking + n, n's user the bench
    user n % CONNECTIONS: seats held, items written, as the service's own bookings are. With
    `card`, each also has an open card payment of the same id whose intent is
    `pi_bench_<id>`."""
    count = CONNECTIONS * per_user
    sql = (
        "WITH seats AS ("
        " SELECT (row_number() OVER (ORDER BY screening_id, row_index, number)) - 1 AS n,"
        "  screening_id, row_index, number, category FROM screening_seats"
        f" WHERE screening_id BETWEEN {first_screening} AND {last_screening} AND NOT blocked"
        "  AND booking_id IS NULL AND category = 'standard'"
        f" ORDER BY screening_id, row_index, number LIMIT {count}"
        "), booked AS ("
        " INSERT INTO bookings (id, user_id, screening_id, seats, amount, currency, expires_at)"
        f" OVERRIDING SYSTEM VALUE SELECT {first_booking} + n, {first_user} + n % {CONNECTIONS},"
        "  screening_id, 1, 1200, 'EUR', now() + interval '1 hour' FROM seats RETURNING id"
        "), held AS ("
        f" UPDATE screening_seats x SET booking_id = {first_booking} + s.n,"
        "  held_until = now() + interval '1 hour' FROM seats s"
        " WHERE x.screening_id = s.screening_id AND x.row_index = s.row_index"
        "  AND x.number = s.number RETURNING 1"
        ") INSERT INTO booking_items (booking_id, screening_id, row_index, number, seat_label,"
        " category, ticket_type, amount)"
        f" SELECT {first_booking} + n, screening_id, row_index, number,"
        " row_label(row_index) || number, category, 'adult', 1200 FROM seats;"
    )
    if card:
        sql += (
            " INSERT INTO card_payments (id, booking_id, provider, provider_payment_id,"
            " provider_idempotency_key, amount, currency, hold_expires_at)"
            " OVERRIDING SYSTEM VALUE SELECT id, id, 'stripe', 'pi_bench_' || id,"
            " 'bench-' || id, 1200, 'EUR', now() + interval '1 hour' FROM bookings"
            f" WHERE id BETWEEN {first_booking} AND {first_booking + count - 1};"
        )
    return sql


def write_signed_events(path, first_booking, count, run):
    """Stripe's payment_intent.succeeded for the bench card payments first_booking.., one
    per line as "<Stripe-Signature>\t<body>", signed now with the bench's webhook secret as
    Stripe signs (HMAC-SHA256 of "<t>.<body>"): the events wrk sends."""
    import hashlib
    import hmac
    now = int(time.time())
    with path.open("w") as out:
        for n in range(count):
            booking = first_booking + n
            body = json.dumps({
                "id": f"evt_bench_{run}_{n}", "object": "event",
                "type": "payment_intent.succeeded",
                "data": {"object": {
                    "id": f"pi_bench_{booking}", "object": "payment_intent",
                    "status": "succeeded", "amount": 1200, "currency": "eur",
                    "client_secret": None, "next_action": None, "last_payment_error": None,
                    "metadata": {"booking_id": str(booking), "card_payment_id": str(booking)},
                }},
            }, separators=(",", ":"))
            mac = hmac.new(WEBHOOK_SECRET.encode(), f"{now}.{body}".encode(), hashlib.sha256)
            out.write(f"t={now},v1={mac.hexdigest()}\t{body}\n")


def lone_seats_sql(first, last):
    """SQL counting the lone available seats of screenings `first`..`last`: free seats (no
    booking, not blocked) whose neighbours are both taken, blocked or the row's end. Best
    available leaves none while a hall is not sold out."""
    return (
        "SELECT count(*) FROM ("
        " SELECT free, lag(free) OVER w AS left_free, lead(free) OVER w AS right_free"
        " FROM (SELECT screening_id, row_index, number,"
        "        NOT blocked AND booking_id IS NULL AS free"
        "       FROM screening_seats"
        f"      WHERE screening_id BETWEEN {first} AND {last}) s"
        " WINDOW w AS (PARTITION BY screening_id, row_index ORDER BY number)) x"
        " WHERE free AND NOT coalesce(left_free, false) AND NOT coalesce(right_free, false)")


def sell_out(server, tokens, screening_id):
    """64 clients, client i a party of 1 + i % 4 that never asks for fewer, book the sell-out
    hall best available until each is refused. Returns the seconds until the last client was
    refused, the seats sold, and the refusals by party size."""
    import http.client
    import threading
    host, port = server.url.split("/")[2].split(":")
    sold, refused, problems = [], {}, []
    lock = threading.Lock()

    def client(i):
        party = 1 + i % 4
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        body = json.dumps({"screening_id": screening_id, "seats": party})
        headers = {"content-type": "application/json",
                   "authorization": f"Bearer {tokens[i % len(tokens)]}"}
        try:
            while True:
                connection.request("POST", "/v1/bookings", body, headers)
                response = connection.getresponse()
                answer = json.loads(response.read() or b"{}")
                with lock:
                    if response.status == 201:
                        sold.append(party)
                    elif answer.get("code") in ("no_adjacent_seats", "not_enough_seats"):
                        refused[party] = refused.get(party, 0) + 1
                        return
                    else:
                        problems.append((response.status, answer.get("code")))
                        return
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if problems:
        sys.exit(f"bench: the sell-out answered {problems[:5]}")
    return time.monotonic() - started, sum(sold), refused


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true",
                        help="a few seconds per scenario, one repeat, debug build")
    parser.add_argument("--seconds", type=int, help="length of each measurement")
    parser.add_argument("--repeats", type=int, help="measurements per scenario (median)")
    parser.add_argument("--pool-size", type=int, default=16, help="DB_POOL_SIZE of the server")
    parser.add_argument("--log", default="info",
                        help="RUST_LOG of the server: info logs every request, as in production")
    parser.add_argument("--only", help="comma-separated scenario names")
    parser.add_argument("--callgrind", type=int, metavar="N",
                        help="instead of the load tests, count the instructions per request of "
                             "get_movie (200 and 304), the baseline's and the screenings list's "
                             "over N requests with callgrind")
    parser.add_argument("--perf", action="store_true",
                        help="record a system-wide cpu-clock profile (perf) of the first run of "
                             "each side; summaries in target/bench/perf-*.txt")
    args = parser.parse_args()
    if args.callgrind and not shutil.which("callgrind_control"):
        sys.exit("bench: --callgrind needs valgrind (Debian: apt-get install valgrind)")
    seconds = args.seconds or (2 if args.smoke else 10)
    repeats = args.repeats or (1 if args.smoke else 3)
    warmup = 1 if args.smoke else 3
    WORK.mkdir(parents=True, exist_ok=True)

    profile = "debug" if args.smoke else "release"
    binaries = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / profile
    binary = binaries / "boxoffice"
    if not os.environ.get("BOXOFFICE_BENCH_PG"):
        log(f"building the {profile} binaries")
        subprocess.run(["cargo", "build", "--quiet", "--locked", "-p", "boxoffice", "-p", "baseline",
                        "--bin", "boxoffice", "--bin", "baseline"] + ([] if args.smoke else ["--release"]),
                       check=True, cwd=ROOT)
        rerun_inside_postgres(binary, __file__)

    pg = Postgres()
    server = baseline = None
    try:
        env = dict(os.environ, DATABASE_URL=pg.app_url, MIGRATION_DATABASE_URL=pg.url)
        subprocess.run([str(binary), "migrate", "up"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        # Startup to ready, with the migrations applied, before anything is loaded.
        pg.psql("boxoffice", "ALTER ROLE boxoffice_app LOGIN")
        probe = Server(binary, pg.app_url, args.pool_size)
        startup = probe.startup_seconds
        idle_rss = probe.memory_kib("VmRSS")
        # One real registration gives the argon2id hash every bench user shares.
        probe.post("/v1/users/register", {"username": "bench0000", "email": "b0@example.com",
                                          "password": PASSWORD, "full_name": "Bench"})
        probe.stop()
        password_hash = pg.psql("boxoffice",
                                "SELECT password_hash FROM users WHERE username = 'bench0000'")

        log("loading the data set")
        started = time.monotonic()
        subprocess.run([str(pg.bindir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                        "-v", f"password_hash={password_hash}", "-f", str(BENCH / "load.sql"),
                        pg.url], check=True, stdout=subprocess.DEVNULL)
        log(f"loaded in {time.monotonic() - started:.1f} s")
        # The reviews loaded raised their movies' versions unevenly; put every movie at one
        # version so that one ETag is current for all of them (the 304 scenario).
        pg.psql("boxoffice", "ALTER TABLE movies DISABLE TRIGGER movies_bump_version; "
                             "UPDATE movies SET version = 1; "
                             "ALTER TABLE movies ENABLE TRIGGER movies_bump_version")
        ids = lambda sql: [int(x) for x in pg.psql("boxoffice", sql).split("|")]
        first_movie, last_movie = ids("SELECT min(id), max(id) FROM movies")
        hall = lambda name: f"(SELECT id FROM theaters WHERE name = 'Bench {name} Hall')"
        spread_first, spread_last = ids(
            f"SELECT min(id), max(id) FROM screenings WHERE theater_id = {hall('Spread')}")
        (hot,) = ids(f"SELECT id FROM screenings WHERE theater_id = {hall('Hot')}")
        hall_shape = lambda name: ids(f"SELECT count(*), max(seats) FROM theater_rows "
                                      f"WHERE theater_id = {hall(name)}")
        hot_rows, hot_seats = hall_shape("Hot")
        spread_rows, spread_seats = hall_shape("Spread")
        (sellout,) = ids(f"SELECT id FROM screenings WHERE theater_id = {hall('Sellout')}")
        (seat_map,) = ids(f"SELECT id FROM screenings WHERE theater_id = {hall('Map')}")
        first_user, last_user = ids("SELECT min(id), max(id) FROM users WHERE username ~ '^bench0*[1-9]'")
        first_account, last_account = ids("SELECT min(id), max(id) FROM accounts WHERE kind = 'user' AND "
                                          f"currency = 'EUR' AND owner_id >= {first_user}")
        # pgbench derives a user's wallet from its id; check that the two ranges line up.
        skewed = pg.psql("boxoffice", f"SELECT count(*) FROM accounts WHERE kind = 'user' AND "
                                      f"currency = 'EUR' AND owner_id >= {first_user} "
                                      f"AND id - {first_account} <> owner_id - {first_user}")
        assert skewed == "0", "bench users and their wallets are not in the same order"

        server = Server(binary, pg.app_url, args.pool_size, args.log)
        log(f"logging in {CONNECTIONS} bench users")
        tokens_file = WORK / "tokens.txt"
        with tokens_file.open("w") as out:
            for n in range(1, CONNECTIONS + 1):
                username = f"bench{n:04d}"
                token = server.post("/v1/users/login",
                                    {"username": username, "password": PASSWORD})["access_token"]
                account = first_account + (n - 1)
                out.write(f"{token} {account}\n")

        # The service's transaction for each kind of booking, statement for statement
        # (src/ticketing/holds.rs: HoldSeats), two adult seats. pgbench cannot run best
        # available's rule (src/ticketing/best_available.rs), so its script runs the same
        # statements for a random pair: a reference for their cost, not a target.
        two_adults = {"ticket_types": "ARRAY['adult', 'adult']::ticket_type[]",
                      "amounts": "ARRAY[1200, 1200]::bigint[]", "amount": "2400",
                      "discounts": "ARRAY[0, 0]::bigint[]", "voucher_id": "NULL",
                      "hold_seconds": "600"}
        label = "row_label(:row)"
        a_pair = {**two_adults, "row_indexes": "ARRAY[:row, :row]::smallint[]",
                  "numbers": "ARRAY[:first, :second]::smallint[]",
                  "labels": f"ARRAY[{label} || :first, {label} || :second]"}

        def pair_at_random(first, last, rows, seats):
            return [
                f"\\set screening_id random({first}, {last})",
                f"\\set user_id random({first_user}, {last_user})",
                f"\\set row random(1, {rows})",
                f"\\set first random(1, {seats - 1})",
                "\\set second :first + 1",
            ]

        def best_available_script(name, first, last, rows, seats):
            return pgbench_script(WORK / f"{name}.sql", pair_at_random(first, last, rows, seats) + [
                "BEGIN;",
                query("bookings", "bookable_screening", {}),
                query("bookings", "customer_holds", {}),
                "SAVEPOINT row_lock;",
                query("seats", "seat_rows", {}),
                query("seats", "lock_row_if_idle", {"row_index": ":row"}),
                query("seats", "hold_seats", a_pair),
                "COMMIT;",
            ])

        choose_script = pgbench_script(WORK / "choose_hot.sql", pair_at_random(
            hot, hot, hot_rows, hot_seats) + [
            "BEGIN;",
            query("bookings", "bookable_screening", {}),
            query("bookings", "customer_holds", {}),
            query("seats", "lock_rows_of_labels", {"row_labels": f"ARRAY[{label}]"}),
            query("seats", "lock_seats_around", {
                "row_labels": f"ARRAY[{label}, {label}]",
                "numbers": "ARRAY[:first, :second]::smallint[]"}),
            query("seats", "hold_seats", a_pair),
            "COMMIT;",
        ])

        key = "('pg-' || :client_id || '-' || :r)"
        # The signed events the card webhook scenario sends (card_webhook.lua).
        events_file = WORK / "card_events.txt"
        # A movie's first page of screenings: the wrk path, and the filters the service passes
        # list_screenings_of_movie for it (none, and the page size 20 plus one).
        screenings_page = "/v1/screenings?limit=20&movie_id=%d"
        first_page = {"theater_id": "NULL", "starts_from": "NULL", "starts_before": "NULL",
                      "after": "0", "limit": "21"}
        with urllib.request.urlopen(f"{server.url}/v1/movies/{first_movie}", timeout=5) as r:
            movie_etag = r.headers["ETag"]
        scenarios = [
            ("get_movie", "GET /v1/movies/{id}", "random_get.lua",
             ["/v1/movies/%d", first_movie, last_movie],
             pgbench_script(WORK / "get_movie.sql", [
                 f"\\set id random({first_movie}, {last_movie})",
                 query("movies", "get_movie", {}),
             ])),
            # Every bench movie is at version 1 (see above): one ETag is current for all.
            ("get_movie_304", "GET /v1/movies/{id} If-None-Match (304)", "random_get.lua",
             ["/v1/movies/%d", first_movie, last_movie, movie_etag],
             pgbench_script(WORK / "movie_version.sql", [
                 f"\\set id random({first_movie}, {last_movie})",
                 query("movies", "movie_version", {}),
             ])),
            ("list_screenings", "GET /v1/screenings?movie_id=", "random_get.lua",
             [screenings_page, first_movie, last_movie],
             pgbench_script(WORK / "list_screenings.sql", [
                 f"\\set movie_id random({first_movie}, {last_movie})",
                 query("screenings", "list_screenings_of_movie", first_page),
             ])),
            ("book_spread", "POST /v1/bookings best available (100 screenings)", "book.lua",
             [tokens_file, spread_first, spread_last, 2],
             best_available_script("book_spread", spread_first, spread_last, spread_rows,
                                   spread_seats)),
            ("book_hot", "POST /v1/bookings best available (1 hot screening)", "book.lua",
             [tokens_file, hot, hot, 2],
             best_available_script("book_hot", hot, hot, hot_rows, hot_seats)),
            ("choose_hot", "POST /v1/bookings chosen seats (1 hot screening)", "choose.lua",
             [tokens_file, hot, hot_rows, hot_seats], choose_script),
            ("seat_map", "GET /v1/screenings/{id}/seats (500 seats)", "random_get.lua",
             ["/v1/screenings/%d/seats", seat_map, seat_map],
             pgbench_script(WORK / "seat_map.sql", [
                 f"\\set screening_id {seat_map}",
                 query("seats", "seat_map", {}),
             ])),
            ("transfer", "POST /v1/transfers", "transfer.lua",
             [tokens_file, first_account, last_account],
             pgbench_script(WORK / "transfer.sql", [
                 # The same senders as wrk's: the wallets of the logged-in bench users.
                 f"\\set u random(0, {CONNECTIONS - 1})",
                 f"\\set user_id {first_user} + :u",
                 f"\\set from_account {first_account} + :u",
                 f"\\set to_account {first_account} + (:u + random(1, 999)) % 1000",
                 "\\set r random(1, 1000000000000)",
                 "BEGIN;",
                 query("idempotency", "claim_idempotency_key",
                       {"idempotency_key": key, "request_hash": "'\\x00'::bytea"}),
                 query("ledger", "lock_accounts", {
                     "owner_id": ":user_id", "ids": "ARRAY[:from_account, :to_account]::bigint[]",
                     "system_kind": "NULL", "system_currency": "NULL"}),
                 query("ledger", "post_transfer", {
                     "amount": "1", "currency": "'EUR'", "from_account_id": ":from_account",
                     "to_account_id": ":to_account"}),
                 query("idempotency", "store_response", {
                     "response_status": "201", "response_body": "'{}'::jsonb",
                     "idempotency_key": key}),
                 "COMMIT;",
             ])),
            ("pay_wallet", "POST /v1/payments (wallets into one currency)", "pay.lua",
             [tokens_file, PAY_FIRST_BOOKING, CONNECTIONS, THREADS],
             pgbench_script(WORK / "pay_wallet.sql", [
                 # The same payers as wrk's, one per client (so no two pay one booking); each
                 # pays its lowest pending booking, which wrk knows without asking.
                 "\\set u :client_id",
                 f"\\set user_id {first_user} + :u",
                 f"\\set account_id {first_account} + :u",
                 "\\set r random(1, 1000000000000)",
                 "SELECT min(id) AS booking_id FROM bookings WHERE user_id = :user_id "
                 "AND status = 'pending' \\gset",
                 "BEGIN;",
                 query("idempotency", "claim_idempotency_key",
                       {"idempotency_key": key, "request_hash": "'\\x00'::bytea"}),
                 query("bookings", "lock_booking", {"id": ":booking_id"}),
                 query("seats", "lock_booking_seats", {}),
                 query("ledger", "lock_accounts", {
                     "owner_id": ":user_id", "ids": "ARRAY[:account_id]::bigint[]",
                     "system_kind": "'revenue'", "system_currency": "'EUR'"}),
                 query("ledger", "post_transfer", {
                     "amount": "1200", "currency": "'EUR'", "from_account_id": ":account_id",
                     "to_account_id": f"(SELECT id FROM accounts WHERE kind = 'revenue' "
                                      "AND currency = 'EUR')"}),
                 query("bookings", "confirm_booking", {"id": ":booking_id"}),
                 query("seats", "confirm_seats", {}),
                 query("tickets", "issue_tickets", {}),
                 query("payments", "insert_payment", {
                     "account_id": ":account_id", "transfer_id": "currval('transfers_id_seq')",
                     "amount": "1200", "currency": "'EUR'"}),
                 query("idempotency", "store_response", {
                     "response_status": "201", "response_body": "'{}'::jsonb",
                     "idempotency_key": key}),
                 "COMMIT;",
             ])),
            ("card_webhook", "POST /v1/providers/stripe/webhook (card successes, 1 screening)",
             "card_webhook.lua", [events_file, THREADS],
             pgbench_script(WORK / "card_webhook.sql", [
                 # Each client confirms the lowest open card payment of its own user's
                 # bookings (one user per client, so no two confirm one).
                 "\\set u :client_id",
                 f"\\set user_id {first_user} + :u",
                 "\\set r random(1, 1000000000000)",
                 "SELECT min(id) AS booking_id FROM bookings WHERE user_id = :user_id "
                 f"AND status = 'pending' AND screening_id = {hot} \\gset",
                 "BEGIN;",
                 query("card_payments", "record_provider_event", {
                     "provider": "'stripe'", "event_id": "('evt_pg_' || :client_id || '-' || :r)",
                     "type": "'payment_intent.succeeded'"}),
                 query("card_payments", "card_payment_of_intent", {
                     "provider": "'stripe'",
                     "provider_payment_id": "('pi_bench_' || :booking_id)",
                     "card_payment_id": ":booking_id"}),
                 query("bookings", "lock_booking_by_id", {"id": ":booking_id"}),
                 query("card_payments", "lock_card_payment", {"id": ":booking_id"}),
                 query("seats", "lock_booking_seats", {}),
                 query("ledger", "card_accounts", {"currency": "'EUR'"}),
                 query("ledger", "post_transfer", {
                     "amount": "1200", "currency": "'EUR'",
                     "from_account_id": "(SELECT id FROM accounts WHERE kind = 'clearing' "
                                        "AND currency = 'EUR')",
                     "to_account_id": "(SELECT id FROM accounts WHERE kind = 'revenue' "
                                      "AND currency = 'EUR')"}),
                 query("bookings", "confirm_booking", {"id": ":booking_id"}),
                 query("seats", "confirm_seats", {}),
                 query("tickets", "issue_tickets", {}),
                 query("card_payments", "mark_succeeded", {
                     "id": ":booking_id", "transfer_id": "currval('transfers_id_seq')",
                     "provider_payment_id": "('pi_bench_' || :booking_id)"}),
                 "COMMIT;",
             ])),
            ("login", "POST /v1/users/login (argon2id)", "login.lua", [],
             pgbench_script(WORK / "login.sql", [
                 "\\set r random(1, 1000000000000)",
                 query("users", "find_credentials", {"username": "'bench0001'"}),
                 query("users", "start_session", {
                     "user_id": str(first_user),
                     "refresh_token_hash": "sha256(convert_to('pg' || :client_id || '-' || :r, 'UTF8'))",
                     "ttl_seconds": "604800"}),
             ])),
        ]
        if args.only:
            wanted = set(args.only.split(","))
            scenarios = [s for s in scenarios if s[0] in wanted]
        # The scenarios bench/baseline serves too (the same wrk script and arguments).
        baselined = {"get_movie", "list_screenings"}
        # Scenarios whose target is a ratio to another path of the service: that path is run
        # in turn with them (the same wrk script and arguments as its own scenario), so that
        # the ratio does not depend on how busy the host was minutes apart.
        in_turn = {"get_movie_304": ("random_get.lua", ["/v1/movies/%d", first_movie, last_movie])}
        # What bench/baseline serves: the get_movie statement and the first page (20 and one
        # more) of list_screenings_of_movie, each with the movie's id as `$1`.
        baseline_sql = (
            query("movies", "get_movie", {"id": "$1"}).rstrip(";"),
            query("screenings", "list_screenings_of_movie",
                  {"movie_id": "$1", **first_page}).rstrip(";"),
        )
        start_baseline = lambda wrapper=(): Baseline(binaries / "baseline", pg.app_url,
                                                     *baseline_sql, wrapper)
        if baselined & {s[0] for s in scenarios} or args.callgrind:
            baseline = start_baseline()
            # The baseline must do the same work: the same answers, field for field (a movie
            # with screenings, so that the list is not empty).
            (listed,) = ids("SELECT movie_id FROM screenings ORDER BY id LIMIT 1")
            for path in (f"/v1/movies/{first_movie}", screenings_page % listed):
                answers = []
                for url in (server.url, baseline.url):
                    with urllib.request.urlopen(f"{url}{path}", timeout=5) as r:
                        answers.append(json.load(r))
                if answers[0] != answers[1]:
                    sys.exit(f"bench: to {path} the baseline answers {answers[1]}, the service "
                             f"{answers[0]}")
            if args.callgrind:
                baseline.stop()
                baseline = None

        if args.callgrind:
            import random
            pick = random.Random(1)
            paths = [f"/v1/movies/{pick.randint(first_movie, last_movie)}"
                     for _ in range(200 + args.callgrind)]
            lists = [screenings_page % pick.randint(first_movie, last_movie)
                     for _ in range(200 + args.callgrind)]
            service = lambda w: Server(binary, pg.app_url, args.pool_size, args.log, w)
            counts = {}
            for name, start, these, headers in [
                ("service", service, paths, None),
                ("service-304", service, paths, {"If-None-Match": movie_etag}),
                ("baseline", start_baseline, paths, None),
                ("service-screenings", service, lists, None),
                ("baseline-screenings", start_baseline, lists, None),
            ]:
                counting = Instructions(name)
                counts[name] = counting.measure(start(counting.wrapper), these, headers)
                log(f"{name}: {counts[name]:,.0f} instructions per request")
            print(f"GET /v1/movies/{{id}}, instructions per request over {args.callgrind} "
                  f"requests (RUST_LOG={args.log}):\n"
                  f"  service {counts['service']:,.0f}, 304 {counts['service-304']:,.0f}, "
                  f"baseline {counts['baseline']:,.0f}: service / baseline "
                  f"{counts['service'] / counts['baseline']:.2f}\n"
                  f"GET /v1/screenings?movie_id= (a random movie's; limit=20): service "
                  f"{counts['service-screenings']:,.0f}, baseline "
                  f"{counts['baseline-screenings']:,.0f}: service / baseline "
                  f"{counts['service-screenings'] / counts['baseline-screenings']:.2f}")
            return

        def reset():
            # Every run starts from the same state: no bookings, every seat free, no sessions
            # or idempotency keys left by the previous run (access tokens stay valid).
            pg.psql("boxoffice", "UPDATE screening_seats SET booking_id = NULL, held_until = NULL "
                                 "WHERE booking_id IS NOT NULL; DELETE FROM tickets; DELETE FROM booking_items; "
                                 "DELETE FROM payment_refunds; DELETE FROM payments; "
                                 "DELETE FROM card_refunds; DELETE FROM card_payments; "
                                 "DELETE FROM provider_events; DELETE FROM sales; "
                                 "DELETE FROM bookings; DELETE FROM sessions; "
                                 "DELETE FROM idempotency_keys")
            # A statement of its own: VACUUM cannot run inside the implicit transaction.
            pg.psql("boxoffice", "VACUUM ANALYZE bookings, booking_items, screening_seats, "
                                 "sessions, idempotency_keys, screenings, accounts, sales")

        double_sold = query("seats", "double_sold_seats", {"screening_id": str(hot)})

        def sold_twice():
            """Seats of the hot screening in two active bookings, or not the booking's that
            names them; and whether the seats taken are the active bookings' seats."""
            misplaced, doubled = ids(double_sold)
            (taken,) = ids(f"SELECT count(*) FROM screening_seats WHERE screening_id = {hot} "
                           "AND booking_id IS NOT NULL")
            (held,) = ids(f"SELECT coalesce(sum(seats), 0) FROM bookings WHERE "
                          f"screening_id = {hot} AND status = 'pending'")
            return misplaced + doubled + abs(taken - held)

        # What a payment scenario pays, made anew after every reset: pending bookings of the
        # bench users (spread over the 100 screenings for wallets; on the one hot screening for
        # cards, each with an open card payment), and the events that confirm the cards.
        prepared = {
            "pay_wallet": lambda: pg.psql("boxoffice", pending_bookings_sql(
                PAY_FIRST_BOOKING, PAY_PER_USER, first_user, spread_first, spread_last)),
            "card_webhook": lambda: pg.psql("boxoffice", pending_bookings_sql(
                CARD_FIRST_BOOKING, CARD_PER_USER, first_user, hot, hot, card=True)),
        }
        runs = iter(range(1_000_000))

        def reset_for(name):
            reset()
            if name in prepared:
                prepared[name]()
            if name == "card_webhook":
                write_signed_events(events_file, CARD_FIRST_BOOKING,
                                    CONNECTIONS * CARD_PER_USER, next(runs))

        # The screenings each booking scenario books, whose lone seats are counted after it.
        booked = {"book_spread": (spread_first, spread_last), "book_hot": (hot, hot),
                  "choose_hot": (hot, hot)}
        results = []
        for name, title, script, wrk_args, pgbench_file in scenarios:
            log(f"{name}: warm-up")
            reset_for(name)
            run_wrk(server.url, script, wrk_args, warmup)
            server.wait_idle()
            api, db, base, other = [], [], [], []
            hot_scenario = name in ("book_hot", "choose_hot")
            twice = 0
            lone = []
            if name in baselined:
                run_wrk(baseline.url, script, wrk_args, warmup)
            for attempt in range(repeats):
                reset_for(name)
                recording = Profile(f"{name}-service", seconds) if args.perf and not attempt else None
                api.append(measured(server.process,
                                    lambda: run_wrk(server.url, script, wrk_args, seconds)))
                if recording:
                    recording.summarise()
                server.wait_idle()
                if name in in_turn:
                    other.append(run_wrk(server.url, *in_turn[name], seconds))
                if hot_scenario:
                    twice += sold_twice()
                if name in booked:
                    lone.append(int(pg.psql("boxoffice", lone_seats_sql(*booked[name]))))
                if name in baselined:
                    recording = Profile(f"{name}-baseline", seconds) if args.perf and not attempt else None
                    base.append(measured(baseline.process,
                                         lambda: run_wrk(baseline.url, script, wrk_args, seconds)))
                    if recording:
                        recording.summarise()
                reset_for(name)
                db.append(run_pgbench(pg, pgbench_file, seconds))
                log(f"{name} {attempt + 1}/{repeats}: API {api[-1]['rps']:.0f} req/s, "
                    + (f"baseline {base[-1]['rps']:.0f} req/s, " if base else "")
                    + f"pgbench {db[-1]:.0f} TPS")
            median = lambda key: statistics.median(run[key] for run in api if run[key] is not None)
            rps, tps = median("rps"), statistics.median(db)
            base_rps = statistics.median(run["rps"] for run in base) if base else None
            results.append({
                "scenario": name, "title": title, "api_rps": rps, "p50_ms": median("p50_ms"),
                "p99_ms": median("p99_ms"), "cpu_us": median("cpu_us"),
                "non_2xx": sum(run["non_2xx"] + run["socket_errors"] for run in api + other),
                # A conditional GET must be answered 304 every time.
                "not_304": sum(run["requests"] - run["not_modified"] for run in api)
                if name == "get_movie_304" else 0,
                "conflicts": sum(run["conflicts"] for run in api),
                "pgbench_tps": tps, "ratio": rps / tps if tps else None,
                "peak_rss_mib": server.memory_kib("VmHWM") / 1024,
                "sold_twice": twice if hot_scenario else None,
                "lone_seats": lone if name in booked else None,
                "baseline_rps": base_rps,
                "baseline_p99_ms": statistics.median(run["p99_ms"] for run in base) if base else None,
                "baseline_non_2xx": sum(run["non_2xx"] + run["socket_errors"] for run in base),
                "baseline_ratio": rps / base_rps if base_rps else None,
                "baseline_cpu_us": statistics.median(run["cpu_us"] for run in base) if base else None,
                "in_turn_rps": statistics.median(run["rps"] for run in other) if other else None,
            })
        sellouts = []
        if not args.only or "sell_out" in args.only.split(","):
            tokens = [line.split()[0] for line in tokens_file.read_text().splitlines()]
            for attempt in range(repeats):
                reset()
                took, sold, refused = sell_out(server, tokens, sellout)
                server.wait_idle()
                left = int(pg.psql("boxoffice", "SELECT count(*) FROM screening_seats WHERE "
                                                f"screening_id = {sellout} AND NOT blocked "
                                                "AND booking_id IS NULL"))
                # The longest run of free seats in a row: a refused party of that size or
                # fewer could have been seated.
                longest = int(pg.psql("boxoffice", (
                    "SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM ("
                    " SELECT row_index, number - row_number() OVER (PARTITION BY row_index "
                    "  ORDER BY number) AS run FROM screening_seats"
                    f" WHERE screening_id = {sellout} AND NOT blocked AND booking_id IS NULL) r"
                    " GROUP BY row_index, run) runs")))
                twice_sold = sum(ids(query("seats", "double_sold_seats",
                                           {"screening_id": str(sellout)})))
                sellouts.append({"seconds": took, "sold": sold, "left": left,
                                 "longest_free_run": longest, "refused": refused,
                                 "sold_twice": twice_sold})
                log(f"sell_out {attempt + 1}/{repeats}: {sold} seats sold in {took:.2f} s, "
                    f"{left} left (longest run {longest}), refused {refused}")
        reset()
        report = {
            "machine": {"cores": os.cpu_count(),
                        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") *
                                            os.sysconf("SC_PHYS_PAGES") / 2 ** 30, 1)},
            "postgres": {**PG_SETTINGS, "version": pg.psql("postgres", "SHOW server_version")},
            "profile": profile, "seconds": seconds, "repeats": repeats,
            "connections": CONNECTIONS, "pool_size": args.pool_size, "log": args.log,
            "startup_seconds": startup, "idle_rss_mib": idle_rss / 1024,
            "scenarios": results,
            "sell_out": sellouts,
        }
        (WORK / "results.json").write_text(json.dumps(report, indent=2))
        print_table(report)
        failed = [r["scenario"] for r in results if r["non_2xx"] and r["scenario"] != "login"
                  or r["sold_twice"] or r["baseline_non_2xx"] or r["not_304"]
                  or (r["scenario"] != "choose_hot" and any(r["lone_seats"] or []))]
        failed += ["sell_out" for s in sellouts if s["sold_twice"] or s["refused"] and
                   s["longest_free_run"] >= min(s["refused"])]
        if failed:
            sys.exit(f"bench: errors or oversell in {', '.join(failed)}")
    finally:
        if server:
            server.stop()
        if baseline:
            baseline.stop()


def print_table(report):
    print(f"\nboxoffice ({report['profile']}) vs pgbench -M prepared, {report['connections']} "
          f"connections, median of {report['repeats']} x {report['seconds']} s, "
          f"{report['machine']['cores']} cores, PostgreSQL {report['postgres']['version']}, "
          f"RUST_LOG={report['log']}\n")
    print("| scenario | API req/s | p50 ms | p99 ms | non-2xx | pgbench TPS | API/pgbench "
          "| peak RSS MiB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in report["scenarios"]:
        extra = f" ({r['conflicts']} seats-taken 409s)" if r["conflicts"] else ""
        print(f"| {r['title']}{extra} | {r['api_rps']:.0f} | {r['p50_ms']:.2f} | "
              f"{r['p99_ms']:.2f} | {r['non_2xx']} | {r['pgbench_tps']:.0f} | "
              f"{r['ratio']:.2f} | {r['peak_rss_mib']:.1f} |")
    by_name = {r["scenario"]: r for r in report["scenarios"]}
    for r in report["scenarios"]:
        if r["sold_twice"] is not None:
            print(f"\n{r['scenario']}: seats sold twice after the API runs (double_sold_seats "
                  f"and seats taken vs. booked): {r['sold_twice']}", end="")
    print()
    for r in report["scenarios"]:
        if r["lone_seats"] is not None:
            print(f"{r['scenario']}: lone available seats after each run: {r['lone_seats']}"
                  + (" (target: 0)" if r["scenario"] != "choose_hot" else ""))
    for s in report["sell_out"]:
        print(f"sell-out, 300 seats, 64 parties of 1-4 that never ask for fewer: {s['sold']} "
              f"sold in {s['seconds']:.2f} s, {s['left']} left, the longest free run "
              f"{s['longest_free_run']} (refused parties by size: {s['refused']}); seats sold "
              f"twice: {s['sold_twice']}")
    if "book_hot" in by_name and "book_spread" in by_name:
        ratio = by_name["book_hot"]["api_rps"] / by_name["book_spread"]["api_rps"]
        print(f"best available, hot / spread: {ratio:.2f} (target >= 0.8)")
    for r in report["scenarios"]:
        if r["baseline_rps"]:
            targets = ("target >= 0.9", "target >= 0.7") if r["scenario"] == "get_movie" \
                else ("no target", "target >= 0.8")
            print(f"{r['title']}: API / bench/baseline: {r['baseline_ratio']:.2f} (baseline "
                  f"{r['baseline_rps']:.0f} req/s, p99 {r['baseline_p99_ms']:.2f} ms; "
                  f"{targets[0]}); API / pgbench: {r['ratio']:.2f} ({targets[1]}); "
                  f"baseline / pgbench: {r['baseline_rps'] / r['pgbench_tps']:.2f}")
            print(f"  server CPU per request: {r['cpu_us']:.1f} µs, baseline "
                  f"{r['baseline_cpu_us']:.1f} µs")
    if "get_movie_304" in by_name:
        r = by_name["get_movie_304"]
        print(f"conditional GET answered 304 / the 200 path: "
              f"{r['api_rps'] / r['in_turn_rps']:.2f} (target >= 1.5; in turn, the 200 path "
              f"at {r['in_turn_rps']:.0f} req/s)")
    if "choose_hot" in by_name:
        print(f"chosen seats, hot, API / pgbench: {by_name['choose_hot']['ratio']:.2f} "
              "(target >= 0.7)")
    for name, what in (("pay_wallet", "wallet payments into one currency"),
                       ("card_webhook", "card successes through the webhook, one screening")):
        if name in by_name:
            r = by_name[name]
            print(f"{what}: {r['api_rps']:.0f}/s, API / pgbench {r['ratio']:.2f} "
                  f"(target >= 0.7); server CPU per request {r['cpu_us']:.0f} µs")
    print(f"\nstart-up to ready (migrated): {report['startup_seconds'] * 1000:.0f} ms; "
          f"idle RSS: {report['idle_rss_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
