"""Load benchmarks of ZITnet against a production-like server (`make bench`).

Prepares a database for ``zitnet.settings.bench``, starts one daphne (ASGI) process on a free
loopback port, and drives it with wrk. Every scenario URL is measured right after the trivial
``/health/`` view in the same run, so its figures are reported as ratios to that ceiling as well as
in absolute terms. Results go to ``bench/results/<scenario>.json`` and ``.md``.

Usage (from the repository root)::

    .venv/bin/python bench/run.py [--scenario NAME] [--duration S] [--connections N] [--threads N]
"""

import argparse
import ctypes
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import dj_database_url

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = REPO_ROOT / "bench"
RESULTS_DIR = BENCH_DIR / "results"
LUA_SCRIPT = BENCH_DIR / "report.lua"
SERVER_LOG = RESULTS_DIR / "daphne.log.tmp"

SETTINGS_MODULE = "zitnet.settings.bench"
# Same default as zitnet/settings/bench.py; set here too so the report can name the vendor.
DEFAULT_DATABASE_URL = "sqlite:///bench/bench.sqlite3"
HOST = "127.0.0.1"
BASELINE = ("baseline", "/health/")
STARTUP_TIMEOUT_S = 60.0
STOP_TIMEOUT_S = 10.0
# wrk's default 2 s would count a slow page queued behind 16 connections as a socket error.
WRK_TIMEOUT = "10s"
WARM_UP_REQUESTS = 3
DEFAULT_DURATION_S = 10
DEFAULT_CONNECTIONS = 16
DEFAULT_THREADS = 2
JSON_MARKER = "BENCH_JSON "

# Scenario name -> (label, path) pairs, measured in this order after the baseline.
SCENARIOS: dict[str, list[tuple[str, str]]] = {
    "shell": [("home", "/"), ("login", "/konto/login/")],
    # 20,000 synthetic organisations and 60,000 services (DIRECTORY_SCALE) besides the demo data.
    "directory": [
        ("list, 3 filters", "/katalog/?voivodeship=12&service_category=care&expertise=deinstytucjonalizacja"),
        ("list, page 5", "/katalog/?kind=ngo&voivodeship=14&sort=-updated&page=5"),
        ("organisation", "/katalog/syntetyczna-04242/"),
        ("geojson organisations, voivodeship", "/api/v1/organisations/geojson/?voivodeship=14"),
        ("geojson services, voivodeship", "/api/v1/services/geojson/?voivodeship=14"),
    ],
    # 10,000 synthetic practices (PRACTICE_SCALE) besides the demo library and the demo handbook.
    "knowledge": [
        (
            "practice list, 3 filters",
            "/dobre-praktyki/?voivodeship=02&area=uslugi_spoleczne&status=completed",
        ),
        ("practice list, by title, page 3", "/dobre-praktyki/?programme_kind=regional&sort=title&page=3"),
        ("practice page (synthetic)", "/dobre-praktyki/syntetyczna-praktyka-04242/"),
        ("practice page (demo, full)", "/dobre-praktyki/kooperacja-efektywna-i-skuteczna/"),
        ("handbook chapter", "/podrecznik/monitorowanie-i-ewaluacja/"),
        ("handbook contents", "/podrecznik/"),
        ("practices API, filtered", "/api/v1/practices/?voivodeship=02&status=completed"),
    ],
    # 10,000 synthetic events with 200,000 registrations (EVENT_SCALE) besides the demo events.
    "events": [
        ("event list", "/wydarzenia/"),
        ("event list, kind filter, page 3", "/wydarzenia/?kind=workshop&page=3"),
        ("event list, past events", "/wydarzenia/?past=1"),
        ("event page", "/wydarzenia/syntetyczne-wydarzenie-04242/"),
        ("events API", "/api/v1/events/"),
    ],
}
# 25,000 synthetic organisations with 75,000 services (SEARCH_SCALE) plus the demo content: 100,000 indexed
# documents. The same URLs run against the database engine ("search") and against Elasticsearch served by
# osmem-server ("search-elasticsearch": a real engine process over HTTP, not Elasticsearch itself).
SEARCH_PAGES = [
    (
        "search page, text + 3 facets",
        "/szukaj/?q=fundacja+us%C5%82uga&voivodeship=12&organisation_kind=ngo&tag=Opieka",
    ),
    (
        "search API, text + 3 facets",
        "/api/v1/search/?q=centrum+wsparcia&voivodeship=14&organisation_kind=ngo&type=service",
    ),
    ("search page, text only", "/szukaj/?q=fundacja+krak%C3%B3w"),
    ("search page, one word in 78% of documents", "/szukaj/?q=us%C5%82uga"),
    ("search page, 25 km of Kraków", "/szukaj/?q=us%C5%82uga&near=Krak%C3%B3w&radius=25&sort=distance"),
    ("suggestions", "/szukaj/podpowiedzi/?q=centrum+akt"),
    ("suggestions, one letter more", "/szukaj/podpowiedzi/?q=fundacja+wa"),
    ("suggestions, three letters in 75% of titles", "/szukaj/podpowiedzi/?q=us%C5%82"),
]
SCENARIOS["search"] = SEARCH_PAGES
SCENARIOS["search-elasticsearch"] = SEARCH_PAGES
# The Forum's report for 9 challenges, 60 observers and 300 findings (`seed_demo --forum-report-scale`), as the
# network coordinator sees it: what a re-assembly would do, and the report as HTML, PDF and DOCX.
FORUM_REPORT = "/forum-oceny/forum-oceny-skala/"
SCENARIOS["forum-report"] = [
    ("report assembly preview", FORUM_REPORT + "raport/przeglad-skladania/"),
    ("report HTML", FORUM_REPORT + "raport.html"),
    ("report PDF", FORUM_REPORT + "raport.pdf"),
    ("report DOCX", FORUM_REPORT + "raport.docx"),
]
# The Leaders' Corps over EVENT_SCALE synthetic events (200,000 registrations, 4 in 5 of the past ones attended),
# as the network coordinator sees it: a selection without a proposal counts everyone's forms of support on every
# request (the issue's "computation <= 1 s"); the demo selection shows its stored proposal. The selections' ids
# are known only after the preparation, which fills them in ({every}, {demo}).
SCENARIOS["leaders"] = [
    ("Leaders' Corps computed, every event", "/wydarzenia/korpus-liderow/{every}/"),
    ("Leaders' Corps computed, page 20", "/wydarzenia/korpus-liderow/{every}/?page=20"),
    ("Leaders' Corps, demo proposal", "/wydarzenia/korpus-liderow/{demo}/"),
    ("Leaders' Corps, selections", "/wydarzenia/korpus-liderow/"),
]
# A public thread of 500 posts by 40 people (`seed_demo --forum-scale`), as a member of the network reads it: its
# first and last page (50 posts a page) and the live client's catch-up through the API (the 50 posts after the
# 450th). The thread's and that post's ids are known only after the preparation, which fills them in.
FORUM_THREAD = "/dyskusje/pomiar-dyskusji/{thread}/"
SCENARIOS["forum"] = [
    ("thread of 500 posts, first page", FORUM_THREAD),
    ("thread of 500 posts, last page", FORUM_THREAD + "?page=10"),
    ("posts API, after the 450th post", "/api/v1/forum/threads/{thread}/posts/?after={after}"),
]
# Not wrk: 500 WebSocket clients on that thread while the poster makes 20 posts through the API
# (bench/ws_load.py), once with the in-memory channel layer and once with Redis; see run_live.
SCENARIOS["forum-live"] = []
LIVE_SCENARIOS = {"forum-live"}
LIVE_CLIENTS = 500
LIVE_POSTS = 20
LIVE_WARMUP_POSTS = 1
LIVE_INTERVAL_S = (0.5, 1.0)
LIVE_WORKERS = 2
# Before the first post, no frame for this long: the presence updates that 500 arrivals cause are over.
LIVE_QUIET_S = 2.0
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"
DIRECTORY_SCALE = 20_000
PRACTICE_SCALE = 10_000
EVENT_SCALE = 10_000
SEARCH_SCALE = 25_000
# Scenarios served with Elasticsearch (osmem-server started by this script) instead of the database engine.
ELASTICSEARCH_SCENARIOS = {"search-elasticsearch"}

# Scenario name -> documents timed one request at a time, first cold (nothing cached) and then warm: their
# targets are durations (e.g. the whole-handbook PDF in <= 10 s), not throughput under load.
ONE_SHOT: dict[str, list[tuple[str, str]]] = {
    "knowledge": [("whole-handbook PDF", "/podrecznik/pdf/"), ("handbook print view", "/podrecznik/druk/")],
    "forum-report": [
        ("report PDF", FORUM_REPORT + "raport.pdf"),
        ("report DOCX", FORUM_REPORT + "raport.docx"),
    ],
}

# Scenario name -> the e-mail of the person its requests are made as (a session created before the server
# starts, second factor passed); the other scenarios are anonymous.
LOGGED_IN_AS: dict[str, str] = {
    "forum-report": "koordynator@zitnet.test",
    "leaders": "koordynator@zitnet.test",
    "forum": "czlonek@zitnet.test",
}

# Scenario name -> data preparation run after seed_demo and before the server starts; it gets the
# subprocess environment, so it can call e.g. manage(env, "seed_something"). Shell needs none.
Preparer = Callable[[dict[str, str]], None]
PREPARERS: dict[str, Preparer] = {
    "directory": lambda env: manage(env, "seed_demo", "--scale", str(DIRECTORY_SCALE)),
    "knowledge": lambda env: manage(env, "seed_demo", "--practices", str(PRACTICE_SCALE)),
    "events": lambda env: manage(env, "seed_demo", "--events", str(EVENT_SCALE)),
    "search": lambda env: manage(env, "seed_demo", "--scale", str(SEARCH_SCALE)),
    "search-elasticsearch": lambda env: manage(env, "seed_demo", "--scale", str(SEARCH_SCALE)),
    "forum-report": lambda env: manage(env, "seed_demo", "--forum-report-scale"),
    "leaders": lambda env: prepare_leaders(env),
    "forum": lambda env: prepare_forum(env),
    "forum-live": lambda env: prepare_forum(env),
}

# Scenario name -> management commands timed once after the preparation (e.g. a full index rebuild).
COMMANDS: dict[str, list[tuple[str, list[str]]]] = {
    "search": [("full rebuild, database engine", ["search_rebuild", "--engine", "database"])],
    "search-elasticsearch": [
        ("full rebuild, Elasticsearch engine (osmem-server)", ["search_rebuild", "--engine", "elasticsearch"])
    ],
}


class BenchError(Exception):
    """A failure that ends the run with a message instead of a traceback."""


@dataclass
class WrkParams:
    duration_s: int
    connections: int
    threads: int
    timeout: str = WRK_TIMEOUT


@dataclass
class Measurement:
    label: str
    path: str
    requests: int
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    http_errors: int
    socket_errors: int
    queries_mean: float | None
    queries_max: int | None
    # None when the baseline completed nothing to divide by; JSON has no NaN.
    throughput_ratio: float | None = 1.0
    p95_ratio: float | None = 1.0


# --- Command line ------------------------------------------------------------------------------


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), help="run only this scenario (default: all)")
    parser.add_argument(
        "--duration",
        type=positive_int,
        default=DEFAULT_DURATION_S,
        help="seconds per URL (default: %(default)s)",
    )
    parser.add_argument(
        "--connections",
        type=positive_int,
        default=DEFAULT_CONNECTIONS,
        help="open connections (default: %(default)s)",
    )
    parser.add_argument(
        "--threads", type=positive_int, default=DEFAULT_THREADS, help="wrk threads (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    if args.connections < args.threads:
        parser.error("--connections must be at least --threads (wrk gives each thread a connection)")
    return args


# --- Environment and database ------------------------------------------------------------------


def bench_env() -> dict[str, str]:
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # An empty value counts as unset in the settings, so treat it the same way here.
    if not env.get("DATABASE_URL"):
        env["DATABASE_URL"] = DEFAULT_DATABASE_URL
    return env


def database_vendor(url: str) -> str:
    return dj_database_url.parse(url)["ENGINE"].rsplit(".", 1)[-1]


def require_tools() -> tuple[str, str]:
    """Paths of wrk and daphne, checked before the (slow) database preparation."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise BenchError("wrk is not installed (apt-get install wrk, or run `make bench`, which installs it)")
    # The daphne next to this interpreter, so the server runs the same virtualenv.
    daphne = Path(sys.executable).parent / "daphne"
    if not daphne.exists():
        raise BenchError(f"daphne not found at {daphne}; run with the project's .venv/bin/python")
    return wrk, str(daphne)


def manage(env: dict[str, str], *args: str) -> None:
    """One manage.py command; its output is shown only if it fails, to keep the report readable."""
    log(f"manage.py {' '.join(args)}")
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO_ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BenchError(
            f"manage.py {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )


def manage_shell(env: dict[str, str], code: str) -> subprocess.CompletedProcess[str]:
    """`manage.py shell -c code`; the caller reads what it printed."""
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


# Run by `manage.py shell`: a logged-in session for one person, as after a TOTP sign-in; prints its key.
SESSION_CODE = """
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(email={email!r}))
session = client.session
session["zitnet_2fa_ok"] = True
session.save()
print("SESSION", settings.SESSION_COOKIE_NAME, session.session_key)
"""


def session_headers(env: dict[str, str], scenario: str) -> dict[str, str]:
    """The Cookie header of a session for the scenario's person (none for anonymous scenarios)."""
    email = LOGGED_IN_AS.get(scenario)
    if email is None:
        return {}
    log(f"logging in as {email}")
    done = manage_shell(env, SESSION_CODE.format(email=email))
    for line in done.stdout.splitlines():
        if line.startswith("SESSION "):
            _marker, name, key = line.split()
            return {"Cookie": f"{name}={key}"}
    raise BenchError(f"could not log in as {email}:\n{done.stdout}{done.stderr}")


# Run by `manage.py shell`: the selection computed on every request (every event counts, no proposal) and the demo
# one; prints their ids.
LEADERS_CODE = """
from zitnet.events.models import LeaderSelection
every, _ = LeaderSelection.objects.get_or_create(title="Korpus Liderów – pomiar (wszystkie wydarzenia)")
every.candidates.all().delete()
demo = LeaderSelection.objects.get(title="Korpus Liderów Samorządowych 2026")
print("SELECTIONS", every.pk, demo.pk)
"""


def prepare_leaders(env: dict[str, str]) -> None:
    manage(env, "seed_demo", "--events", str(EVENT_SCALE))
    done = manage_shell(env, LEADERS_CODE)
    for line in done.stdout.splitlines():
        if line.startswith("SELECTIONS "):
            _marker, every, demo = line.split()
            SCENARIOS["leaders"] = [
                (label, path.format(every=every, demo=demo)) for label, path in SCENARIOS["leaders"]
            ]
            return
    raise BenchError(f"could not prepare the Leaders' Corps selections:\n{done.stdout}{done.stderr}")


# Run by `manage.py shell`: what the forum scenarios need to know of the thread made by `--forum-scale`.
FORUM_CODE = """
import json
from forum.scale import bench_targets
print("FORUM_TARGETS", json.dumps(bench_targets()))
"""
# Filled in by prepare_forum: thread id, the 450th post's id, the poster's token, the readers' e-mails.
FORUM_TARGETS: dict[str, Any] = {}


def prepare_forum(env: dict[str, str]) -> None:
    """`seed_demo --forum-scale` (once per run: forum and forum-live share it), then the ids into the URLs."""
    if FORUM_TARGETS:
        return
    manage(env, "seed_demo", "--forum-scale")
    done = manage_shell(env, FORUM_CODE)
    for line in done.stdout.splitlines():
        if line.startswith("FORUM_TARGETS "):
            FORUM_TARGETS.update(json.loads(line.split(" ", 1)[1]))
            SCENARIOS["forum"] = [
                (label, path.format(thread=FORUM_TARGETS["thread"], after=FORUM_TARGETS["after"]))
                for label, path in SCENARIOS["forum"]
            ]
            return
    raise BenchError(f"could not find the forum's benchmark thread:\n{done.stdout}{done.stderr}")


def time_commands(env: dict[str, str], scenario: str) -> list[dict[str, Any]]:
    rows = []
    for label, args in COMMANDS.get(scenario, []):
        started = time.perf_counter()
        manage(env, *args)
        rows.append({"label": label, "command": " ".join(args), "seconds": time.perf_counter() - started})
    return rows


@contextmanager
def elasticsearch_env(env: dict[str, str]) -> Iterator[dict[str, str]]:
    """An osmem-server process for the run, and the settings that point the platform at it."""
    try:
        from osmem_server import OsmemServer
    except ImportError as error:
        raise BenchError("osmem-server is not installed (make bench installs the test extras)") from error
    server = OsmemServer.start(freeze=False, japanese=False)
    log(f"osmem-server {server.version} at {server.url}")
    try:
        yield {
            **env,
            "ELASTICSEARCH_URL": server.url,
            "SEARCH_NODE_CLASS": "tests.search.osmem.OsmemNode",
            "SEARCH_INDEX_PREFIX": "bench",
            # Measure the engine itself: with the production 2 s timeout a slow answer would be replaced by
            # the database's, and the figures would mix both engines.
            "SEARCH_TIMEOUT": "30",
        }
    finally:
        server.close()


def prepare_database(env: dict[str, str], scenarios: list[str]) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    # CompressedManifestStaticFilesStorage answers 500 for any page with static files otherwise.
    manage(env, "collectstatic", "--noinput", "-v0")
    for name in scenarios:
        if name in PREPARERS:
            log(f"preparing data for scenario {name}")
            PREPARERS[name](env)


# --- Server ------------------------------------------------------------------------------------


def free_port() -> int:
    # The port could in theory be taken between close() and daphne's bind; a clash shows up as a
    # failed start with the address error in the log, which is good enough for a benchmark.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _die_with_parent() -> None:
    """In the child before exec: Linux kills daphne if this script is killed outright (no finally)."""
    pr_set_pdeathsig = 1
    # SIGKILL, not SIGTERM: daphne that gets SIGTERM while connections are open may never exit.
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def start_server(daphne: str, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    log(f"starting daphne on http://{HOST}:{port}/ (log: {SERVER_LOG.relative_to(REPO_ROOT)})")
    with SERVER_LOG.open("wb") as log_file:
        return subprocess.Popen(
            [daphne, "-b", HOST, "-p", str(port), "zitnet.asgi:application"],
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            # Own session: a Ctrl+C reaches only this script, which then stops daphne in order.
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )


def get_status(port: int, path: str, timeout: float = 10.0, headers: dict[str, str] | None = None) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def time_request(
    port: int, path: str, timeout: float = 120.0, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """One GET, timed from connect to the last byte."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        return {
            "seconds": time.perf_counter() - started,
            "status": response.status,
            "bytes": len(body),
            "content_type": response.getheader("Content-Type", ""),
        }
    finally:
        conn.close()


def wait_until_healthy(server: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(
                f"daphne exited with code {server.returncode} while starting:\n{server_log_tail()}"
            )
        try:
            if get_status(port, BASELINE[1], timeout=2.0) == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.25)
    raise BenchError(
        f"daphne did not answer 200 on {BASELINE[1]} within {STARTUP_TIMEOUT_S:.0f} s:\n{server_log_tail()}"
    )


def server_log_tail(lines: int = 30) -> str:
    try:
        return "\n".join(SERVER_LOG.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def signal_group(server: subprocess.Popen[bytes], signum: int) -> None:
    # The server runs in its own session, so its process group holds it and anything it spawned.
    try:
        os.killpg(server.pid, signum)
    except ProcessLookupError:
        pass  # the whole group is already gone


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Terminate, then kill after STOP_TIMEOUT_S; nothing the server started outlives it."""
    signal_group(server, signal.SIGTERM)
    try:
        server.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        pass
    # Also reaps children that ignored SIGTERM after the server itself exited.
    signal_group(server, signal.SIGKILL)
    server.wait()


# The mail worker's niceness: background work yields the CPU to the server, as a service unit's Nice= would.
MAIL_WORKER_NICE = 10


def _mail_worker_preexec() -> None:
    os.nice(MAIL_WORKER_NICE)
    _die_with_parent()


def start_mail_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """The forum's mail worker, a process of its own as in production (settings.bench sets FORUM_MAIL_WORKER):
    the e-mails that posts cause are sent beside the server, not inside it, at a lower CPU priority."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "forum_mail", "--loop", "--interval", "2"],
        cwd=REPO_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_mail_worker_preexec if sys.platform == "linux" else None,
    )


@contextmanager
def running_server(daphne: str, env: dict[str, str]) -> Iterator[int]:
    port = free_port()
    server = start_server(daphne, env, port)
    mailer = start_mail_worker(env)
    try:
        wait_until_healthy(server, port)
        yield port
    finally:
        stop_server(mailer)
        stop_server(server)
        log("daphne stopped")


# --- Measurement -------------------------------------------------------------------------------


def warm_up(port: int, pages: list[tuple[str, str]], headers: dict[str, str] | None = None) -> None:
    """First requests fill template and URL caches; they should not count against any page."""
    for label, path in pages:
        try:
            statuses = {get_status(port, path, headers=headers) for _ in range(WARM_UP_REQUESTS)}
        except OSError as error:
            log(f"warning: {label} ({path}) did not answer the warm-up: {error}")
            continue
        bad = sorted(s for s in statuses if not 200 <= s < 400)
        if bad:
            log(f"warning: {label} ({path}) answers {bad}; its requests will count as errors")


def run_wrk(
    wrk: str, port: int, path: str, params: WrkParams, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    command = [
        wrk,
        f"--threads={params.threads}",
        f"--connections={params.connections}",
        f"--duration={params.duration_s}s",
        f"--timeout={params.timeout}",
        f"--script={LUA_SCRIPT}",
        *[f"--header={name}: {value}" for name, value in (headers or {}).items()],
        f"http://{HOST}:{port}{path}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=params.duration_s + 60)
    if done.returncode != 0:
        raise BenchError(f"wrk failed ({done.returncode}) on {path}:\n{done.stdout}{done.stderr}")
    for line in done.stdout.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise BenchError(f"wrk printed no {JSON_MARKER.strip()} line for {path}:\n{done.stdout}{done.stderr}")


def to_measurement(label: str, path: str, raw: dict[str, Any]) -> Measurement:
    latency = raw["latency_us"]
    queries = raw["queries"]
    seen = queries["seen"]
    return Measurement(
        label=label,
        path=path,
        requests=raw["requests"],
        rps=raw["requests"] / (raw["duration_us"] / 1e6),
        p50_ms=latency["p50"] / 1000,
        p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000,
        errors=raw["http_errors"] + raw["socket_errors"],
        http_errors=raw["http_errors"],
        socket_errors=raw["socket_errors"],
        queries_mean=queries["sum"] / seen if seen else None,
        queries_max=queries["max"] if seen else None,
    )


def measure(
    wrk: str, port: int, label: str, path: str, params: WrkParams, headers: dict[str, str] | None = None
) -> Measurement:
    log(f"measuring {label} ({path}) for {params.duration_s} s")
    return to_measurement(label, path, run_wrk(wrk, port, path, params, headers))


def add_ratios(page: Measurement, baseline: Measurement) -> Measurement:
    page.throughput_ratio = page.rps / baseline.rps if baseline.rps else None
    page.p95_ratio = page.p95_ms / baseline.p95_ms if baseline.p95_ms else None
    return page


def time_documents(
    port: int, documents: list[tuple[str, str]], headers: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Each document cold (its first request since the server started), then warm."""
    rows = []
    for label, path in documents:
        log(f"timing {label} ({path}) cold and warm")
        cold = time_request(port, path, headers=headers)
        warm = time_request(port, path, headers=headers)
        rows.append({"label": label, "path": path, "cold": cold, "warm": warm})
    return rows


def measure_scenario(
    wrk: str,
    port: int,
    pages: list[tuple[str, str]],
    params: WrkParams,
    headers: dict[str, str] | None = None,
) -> list[Measurement]:
    """The baseline first, then each page, all against the same server: the ratios stay fair. A logged-in
    scenario's baseline carries the same session, so both sides pay for loading it."""
    warm_up(port, [BASELINE, *pages], headers)
    baseline = measure(wrk, port, *BASELINE, params, headers)
    rows = [baseline]
    for label, path in pages:
        rows.append(add_ratios(measure(wrk, port, label, path, params, headers), baseline))
    return rows


# --- Report ------------------------------------------------------------------------------------


def git_commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else "unknown"


def build_report(
    scenario: str,
    rows: list[Measurement],
    params: WrkParams,
    env: dict[str, str],
    documents: list[dict[str, Any]] | None = None,
    commands: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "scenario": scenario,
        **run_header(params, env),
        "baseline": asdict(rows[0]),
        "pages": [asdict(row) for row in rows[1:]],
        "documents": documents or [],
        "commands": commands or [],
        "search_engine": "elasticsearch (osmem-server)" if env.get("ELASTICSEARCH_URL") else "database",
        "logged_in_as": LOGGED_IN_AS.get(scenario),
    }


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "–"
    # Slow pages sit far below the ceiling; two decimals would round them all to 0.0x.
    return f"{value:.2f}" if value >= 0.1 else f"{value:.3f}"


def fmt_optional(value: float | None, spec: str) -> str:
    return "–" if value is None else format(value, spec)


def markdown_table(rows: list[Measurement]) -> str:
    header = (
        "| page | URL | req/s | p50 ms | p95 ms | p99 ms | errors | queries mean | queries max "
        "| req/s ÷ baseline | p95 ÷ baseline |"
    )
    lines = [header, "|" + "---|" * 11]
    for row in rows:
        lines.append(
            f"| {row.label} | `{row.path}` | {row.rps:.0f} | {row.p50_ms:.2f} | {row.p95_ms:.2f} "
            f"| {row.p99_ms:.2f} | {row.errors} | {fmt_optional(row.queries_mean, '.1f')} "
            f"| {fmt_optional(row.queries_max, 'd')} | {fmt_ratio(row.throughput_ratio)} "
            f"| {fmt_ratio(row.p95_ratio)} |"
        )
    return "\n".join(lines)


def repeat_args(scenario: str, wrk: dict[str, Any]) -> str:
    """BENCH_ARGS that repeat this run; connections and threads only when not the defaults."""
    args = f"--scenario {scenario} --duration {wrk['duration_s']}"
    if wrk["connections"] != DEFAULT_CONNECTIONS:
        args += f" --connections {wrk['connections']}"
    if wrk["threads"] != DEFAULT_THREADS:
        args += f" --threads {wrk['threads']}"
    return args


def markdown_report(report: dict[str, Any], table: str) -> str:
    wrk = report["wrk"]
    return (
        f"# Benchmark: {report['scenario']}\n\n"
        f"- date: {report['date']}, commit `{report['git_commit']}`, {report['cpu_count']} CPUs\n"
        f"- server: {report['server']}, settings `{report['settings']}`, database {report['database']}, "
        f"search engine {report.get('search_engine', 'database')}\n"
        f"- wrk: {wrk['threads']} threads, {wrk['connections']} connections, {wrk['duration_s']} s per URL, "
        f"timeout {wrk['timeout']}, over loopback\n"
        f"{logged_in_line(report)}\n"
        f"{table}\n\n"
        f"{documents_table(report['documents'])}"
        f"{commands_table(report.get('commands', []))}"
        "Ratios are to the trivial view `/health/` measured in the same run; compare figures only "
        "within one run on one machine.\n\n"
        f'Repeat with `make bench` or `make bench BENCH_ARGS="{repeat_args(report["scenario"], wrk)}"`.\n'
    )


def logged_in_line(report: dict[str, Any]) -> str:
    person = report.get("logged_in_as")
    return f"- requests made as {person} (a logged-in session, second factor passed)\n" if person else ""


def documents_table(documents: list[dict[str, Any]]) -> str:
    if not documents:
        return ""
    lines = ["| document | URL | status | cold s | warm s | bytes |", "|---|---|---|---|---|---|"]
    for doc in documents:
        cold, warm = doc["cold"], doc["warm"]
        lines.append(
            f"| {doc['label']} | `{doc['path']}` | {cold['status']} | {cold['seconds']:.2f} "
            f"| {warm['seconds']:.3f} | {cold['bytes']} |"
        )
    return "\n".join(lines) + "\n\n"


def commands_table(commands: list[dict[str, Any]]) -> str:
    if not commands:
        return ""
    lines = ["| command | manage.py | seconds |", "|---|---|---|"]
    for row in commands:
        lines.append(f"| {row['label']} | `{row['command']}` | {row['seconds']:.1f} |")
    return "\n".join(lines) + "\n\n"


def write_atomically(path: Path, text: str) -> None:
    # A run stopped halfway leaves a .tmp (ignored by git), never a truncated committed result.
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def write_results(report: dict[str, Any], table: str) -> None:
    name = report["scenario"]
    # The embedded default keeps the plain name; another database adds its vendor.
    if report["database"] != "sqlite3":
        name = f"{name}.{report['database']}"
    write_atomically(RESULTS_DIR / f"{name}.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    write_atomically(RESULTS_DIR / f"{name}.md", markdown_report(report, table))
    log(f"wrote bench/results/{name}.json and bench/results/{name}.md")


# --- Main --------------------------------------------------------------------------------------


def log(message: str) -> None:
    # Progress goes to stderr so stdout carries only the tables.
    print(f"bench: {message}", file=sys.stderr, flush=True)


def raise_system_exit(signum: int, _frame: object) -> None:
    # Turns SIGTERM/SIGHUP into an exception so the finally that stops daphne still runs.
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace) -> None:
    wrk, daphne = require_tools()
    scenarios = [args.scenario] if args.scenario else list(SCENARIOS)
    params = WrkParams(duration_s=args.duration, connections=args.connections, threads=args.threads)
    env = bench_env()
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    prepare_database(env, scenarios)
    on_database = [
        name for name in scenarios if name not in ELASTICSEARCH_SCENARIOS and name not in LIVE_SCENARIOS
    ]
    if on_database:
        run_scenarios(wrk, daphne, env, on_database, params)
    if "forum-live" in scenarios:
        run_live(wrk, daphne, env, params)
    for name in scenarios:
        if name in ELASTICSEARCH_SCENARIOS:
            with elasticsearch_env(env) as es_env:
                run_scenarios(wrk, daphne, es_env, [name], params)


def run_scenarios(
    wrk: str, daphne: str, env: dict[str, str], scenarios: list[str], params: WrkParams
) -> None:
    commands = {name: time_commands(env, name) for name in scenarios}
    sessions = {name: session_headers(env, name) for name in scenarios}
    with running_server(daphne, env) as port:
        for name in scenarios:
            documents = time_documents(port, ONE_SHOT.get(name, []), sessions[name])
            rows = measure_scenario(wrk, port, SCENARIOS[name], params, sessions[name])
            table = markdown_table(rows)
            report = build_report(name, rows, params, env, documents, commands[name])
            write_results(report, table)
            print(
                f"\n## {name}\n\n{table}\n{documents_table(documents)}{commands_table(commands[name])}",
                flush=True,
            )


# --- Live updates (forum-live) ----------------------------------------------------------------------------

# Run by `manage.py shell`: a session for every reader of the benchmark thread at once (as session_headers
# makes one); prints the cookie name once and a key per reader.
READER_SESSIONS_CODE = """
from django.conf import settings
from django.test import Client
from forum.scale import bench_targets
from zitnet.accounts.models import User
print("COOKIE", settings.SESSION_COOKIE_NAME)
for user in User.objects.filter(email__in=bench_targets()["readers"]).order_by("email")[:{count}]:
    client = Client()
    client.force_login(user)
    print("SESSION", client.session.session_key)
"""


def reader_cookies(env: dict[str, str], count: int) -> list[str]:
    """`Cookie` header values of `count` readers' sessions, made in one shell call before the server
    starts."""
    log(f"logging {count} readers in")
    done = manage_shell(env, READER_SESSIONS_CODE.format(count=count))
    name, keys = None, []
    for line in done.stdout.splitlines():
        if line.startswith("COOKIE "):
            name = line.split()[1]
        elif line.startswith("SESSION "):
            keys.append(line.split()[1])
    if name is None or len(keys) < count:
        raise BenchError(f"could not log {count} readers in (got {len(keys)}):\n{done.stdout}{done.stderr}")
    return [f"{name}={key}" for key in keys]


def redis_problem(url: str) -> str | None:
    """Why the Redis at `url` cannot serve as the channel layer, or None when it answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2).ping()
    except (redis.RedisError, OSError) as error:
        return f"Redis at {url} cannot be reached ({error})"
    return None


def live_layers(env: dict[str, str]) -> list[tuple[str, dict[str, str], str | None]]:
    """(name, environment of the server, why not measured) for the in-memory layer and the Redis one."""
    url = env.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL
    in_memory = {key: value for key, value in env.items() if key != "REDIS_URL"}
    return [
        ("in-memory", in_memory, None),
        (f"Redis ({url})", {**in_memory, "REDIS_URL": url}, redis_problem(url)),
    ]


def run_ws_load(port: int, cookies_file: Path, targets: dict[str, Any]) -> dict[str, Any]:
    command = [
        sys.executable,
        str(BENCH_DIR / "ws_load.py"),
        f"--port={port}",
        f"--thread={targets['thread']}",
        f"--token={targets['token']}",
        f"--cookies={cookies_file}",
        f"--posts={LIVE_POSTS}",
        f"--warmup={LIVE_WARMUP_POSTS}",
        "--interval",
        *[str(s) for s in LIVE_INTERVAL_S],
        f"--workers={LIVE_WORKERS}",
        f"--quiet={LIVE_QUIET_S}",
    ]
    log(f"{LIVE_CLIENTS} WebSocket clients, {LIVE_POSTS} posts (bench/ws_load.py)")
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
    sys.stderr.write(done.stderr)
    for line in done.stdout.splitlines():
        if line.startswith(JSON_MARKER):
            return json.loads(line[len(JSON_MARKER) :])
    raise BenchError(f"ws_load.py printed no result ({done.returncode}):\n{done.stdout}{done.stderr}")


def run_live(wrk: str, daphne: str, env: dict[str, str], params: WrkParams) -> None:
    """forum-live: per channel layer, one daphne, the /health/ baseline by wrk, then the WebSocket load."""
    cookies = reader_cookies(env, LIVE_CLIENTS)
    cookies_file = RESULTS_DIR / "forum-live-cookies.tmp"
    cookies_file.write_text("\n".join(cookies) + "\n", encoding="utf-8")
    layers = []
    try:
        for name, layer_env, problem in live_layers(env):
            if problem is not None:
                log(f"{name}: not measured: {problem}")
                layers.append({"layer": name, "not_measured": problem})
                continue
            log(f"channel layer: {name}")
            with running_server(daphne, layer_env) as port:
                warm_up(port, [BASELINE])
                baseline = measure(wrk, port, *BASELINE, params)
                load = run_ws_load(port, cookies_file, FORUM_TARGETS)
            layers.append({"layer": name, "baseline": asdict(baseline), **load})
    finally:
        cookies_file.unlink(missing_ok=True)
    report = build_live_report(layers, params, env)
    write_live_results(report)
    print("\n## forum-live\n\n" + "\n\n".join(live_tables(report)) + "\n", flush=True)


def run_header(params: WrkParams, env: dict[str, str]) -> dict[str, Any]:
    """What every report says about the run: when, which code, settings, database, server, wrk and CPUs."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git_commit(),
        "settings": SETTINGS_MODULE,
        "database": database_vendor(env["DATABASE_URL"]),
        "server": "daphne, 1 ASGI process, DEBUG off",
        "wrk": asdict(params),
        "cpu_count": os.cpu_count(),
    }


def build_live_report(layers: list[dict[str, Any]], params: WrkParams, env: dict[str, str]) -> dict[str, Any]:
    return {
        "scenario": "forum-live",
        **run_header(params, env),
        "thread": FORUM_TARGETS.get("thread"),
        "load": {
            "clients": LIVE_CLIENTS,
            "posts": LIVE_POSTS,
            "warmup_posts": LIVE_WARMUP_POSTS,
            "interval_s": list(LIVE_INTERVAL_S),
            "client_processes": LIVE_WORKERS,
            "quiet_before_posting_s": LIVE_QUIET_S,
        },
        "layers": layers,
    }


def fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def live_tables(report: dict[str, Any]) -> tuple[str, str]:
    """The deliveries table and the POSTs table."""
    deliveries = [
        "| channel layer | sockets open | deliveries | missed | p50 ms | p95 ms | p99 ms | max ms "
        "| after broadcast p50 / p99 ms | all sockets open s | handshake p95 ms | retried | quiet after s "
        "| p99 ÷ baseline p99 |",
        "|" + "---|" * 14,
    ]
    posts = [
        "| channel layer | POSTs | p50 ms | p95 ms | p99 ms | max ms | queries mean | queries max "
        "| baseline p50 ms | baseline p95 ms | baseline p99 ms |",
        "|" + "---|" * 11,
    ]
    for row in report["layers"]:
        if "not_measured" in row:
            deliveries.append(f"| {row['layer']} | not measured: {row['not_measured']} |" + " |" * 12)
            posts.append(f"| {row['layer']} | not measured |" + " |" * 9)
            continue
        delivery, post, base = row["delivery_ms"], row["post_ms"], row["baseline"]
        fanout = row.get("after_broadcast_ms", {})
        ratio = delivery["p99"] / base["p99_ms"] if delivery["p99"] is not None and base["p99_ms"] else None
        deliveries.append(
            f"| {row['layer']} | {row['opened']}/{row['clients']} "
            f"| {row['deliveries']}/{row['expected_deliveries']} | {row['missed']} "
            f"| {fmt_ms(delivery['p50'])} | {fmt_ms(delivery['p95'])} | {fmt_ms(delivery['p99'])} "
            f"| {fmt_ms(delivery['max'])} "
            f"| {fmt_ms(fanout.get('p50'))} / {fmt_ms(fanout.get('p99'))} "
            f"| {row['connect_all_s']:.2f} | {fmt_ms(row['connect_ms']['p95'])} "
            f"| {row['connect_retried']} | {row['settle_s']:.1f} | {fmt_ratio(ratio)} |"
        )
        queries = row["post_queries"]
        posts.append(
            f"| {row['layer']} | {row['posts_created']}/{row['posts']} | {fmt_ms(post['p50'])} "
            f"| {fmt_ms(post['p95'])} | {fmt_ms(post['p99'])} | {fmt_ms(post['max'])} "
            f"| {fmt_optional(queries['mean'], '.1f')} | {fmt_optional(queries['max'], '.0f')} "
            f"| {base['p50_ms']:.2f} | {base['p95_ms']:.2f} | {base['p99_ms']:.2f} |"
        )
    return "\n".join(deliveries), "\n".join(posts)


def live_markdown(report: dict[str, Any]) -> str:
    load, wrk = report["load"], report["wrk"]
    low, high = load["interval_s"]
    deliveries, posts = live_tables(report)
    return (
        f"# Benchmark: {report['scenario']}\n\n"
        f"- date: {report['date']}, commit `{report['git_commit']}`, {report['cpu_count']} CPUs\n"
        f"- server: {report['server']}, settings `{report['settings']}`, database {report['database']}\n"
        f"- load: {load['clients']} WebSocket clients (one reader account each, "
        f"{load['client_processes']} client processes) on thread {report['thread']} over loopback; "
        f"{load['warmup_posts']} warm-up post (not counted), then "
        f"{load['posts']} posts through the API, one every {low:g}–{high:g} s; a delivery is the frame "
        "announcing a post on one socket, timed from just before its POST was sent (`after broadcast`: from the "
        "server's broadcast after the commit, the frame's `at`, same clock on loopback); the posts start once all "
        "sockets are open and no frame has arrived for "
        f"{load['quiet_before_posting_s']:g} s (`quiet after`: the presence updates of 500 arrivals)\n"
        "- baseline: `/health/` by wrk against the same server before the sockets open "
        f"({wrk['threads']} threads, {wrk['connections']} connections, {wrk['duration_s']} s)\n\n"
        f"Deliveries of new posts to every socket:\n\n{deliveries}\n\n"
        f"The POSTs themselves (with their SQL queries) and the baseline:\n\n{posts}\n\n"
        "Compare figures only within one run on one machine.\n\n"
        f'Repeat with `make bench BENCH_ARGS="{repeat_args(report["scenario"], wrk)}"` '
        "(`BENCH_REDIS_URL` chooses the Redis of the second row).\n"
    )


def write_live_results(report: dict[str, Any]) -> None:
    name = report["scenario"]
    if report["database"] != "sqlite3":
        name = f"{name}.{report['database']}"
    write_atomically(RESULTS_DIR / f"{name}.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    write_atomically(RESULTS_DIR / f"{name}.md", live_markdown(report))
    log(f"wrote bench/results/{name}.json and bench/results/{name}.md")


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, raise_system_exit)
    signal.signal(signal.SIGHUP, raise_system_exit)
    try:
        run(args)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
