"""WebSocket load on one discussion thread: how long a new post takes to reach every open socket.

Opens one real WebSocket per session cookie over loopback to ``/ws/dyskusje/watki/<thread>/`` (each with its
``Cookie`` and an ``Origin`` matching the server; a dropped handshake is tried again after 1 s and 2 s, as the
page's client reconnects), waits until every socket has had the server's ``hello`` and then until no frame has
arrived for ``--quiet`` seconds (the presence updates that 500 arrivals cause are over), then makes one warm-up post (not counted: a fresh server's first post loads and compiles what the later ones
reuse, as the other scenarios warm their pages up) and N posts through the API as the poster (``Authorization: Token …``), one every 0.5–1 s. For each
post, t0 is taken just before the POST is sent; each socket records when the frame announcing that post
(``{"type": "post", "kind": "created", "id": …}``) arrived. Reported: p50/p95/p99/max of arrival − t0 over all
sockets × posts, missed deliveries, how long opening all sockets took, and the POSTs' own latency with their
SQL queries (the ``X-Query-Count`` header of ``zitnet.settings.bench``).

The sockets are spread over worker processes (``--workers``), so that reading 500 frames at once is not one
client's queue; arrival times and t0 are read from the same system-wide monotonic clock (Linux).

Used by ``bench/run.py --scenario forum-live``; also runs on its own against a running server::

    .venv/bin/python bench/ws_load.py --port 8000 --thread 15 --token KEY --cookies cookies.txt

``cookies.txt`` has one ``Cookie`` header value (``sessionid=…``) per line, one line per client. Prints one
``BENCH_JSON {…}`` line on stdout and a summary on stderr.
"""

import argparse
import asyncio
import http.client
import json
import math
import multiprocessing
import random
import sys
import time
from collections import Counter
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus, WebSocketException

HOST = "127.0.0.1"
JSON_MARKER = "BENCH_JSON "
HELLO_TIMEOUT_S = 60.0
CONNECT_ATTEMPTS = 3
SETTLE_MAX_S = 60.0
# After the last post, how long to wait for frames still on their way before counting them as missed.
GRACE_S = 10.0
POST_TEXTS = [
    "Od poniedziałku linia 12 jedzie także w soboty – proszę o uwagi do rozkładu.",
    "Dziękuję za dane z biletomatów, **liczba pasażerów** wzrosła o 18%.",
    "Porozumienie międzygminne podpisane:\n\n- wspólny cennik\n- rozliczenie według skasowanych biletów",
    "> Kurs na żądanie sprawdził się w dwóch sołectwach\n\nU nas podobnie, zamówień jest coraz więcej.",
    "Spotkanie z przewoźnikami przesunięte na czwartek, szczegóły w [kalendarzu](/wydarzenia/).",
]


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of `values` (None when empty)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(values: list[float]) -> dict[str, float | None]:
    return {
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": max(values) if values else None,
        "mean": sum(values) / len(values) if values else None,
    }


# --- worker processes: the sockets ----------------------------------------------------------------------


def worker(options: dict[str, Any], cookies: list[str], ready, shared, results) -> None:
    """One process: opens its sockets, says how it went, records arrivals until told to stop."""
    try:
        results.put(asyncio.run(_worker(options, cookies, ready, shared)))
    except BaseException as error:  # the parent must hear of it, or it waits for this worker forever
        ready.put({"opened": 0, "connect_ms": [], "retried": 0, "errors": [f"worker failed: {error!r}"]})
        results.put({"arrivals": [], "closed": [], "frames": {}, "errors": [f"worker failed: {error!r}"]})


async def _open(options: dict[str, Any], cookie: str, gate: asyncio.Semaphore):
    """One socket, open once the server's hello has arrived: (socket, seconds, attempts, error). A refused or
    dropped handshake is tried again after 1 s, then 2 s, as the page's client reconnects; the seconds count
    from the first attempt."""
    started = time.monotonic()
    error = None
    for attempt in range(1, CONNECT_ATTEMPTS + 1):
        if attempt > 1:
            await asyncio.sleep(2 ** (attempt - 2))
        async with gate:
            ws, error = await _handshake(options, cookie)
        if ws is not None:
            return ws, time.monotonic() - started, attempt, None
    return None, None, CONNECT_ATTEMPTS, error


async def _handshake(options: dict[str, Any], cookie: str):
    uri = f"ws://{HOST}:{options['port']}/ws/dyskusje/watki/{options['thread']}/?lang=pl"
    try:
        ws = await connect(
            uri,
            origin=f"http://{HOST}:{options['port']}",
            additional_headers={"Cookie": cookie},
            open_timeout=HELLO_TIMEOUT_S,
            ping_interval=None,  # browsers send no protocol pings; the server's are answered anyway
            max_size=2**22,
            max_queue=None,
            proxy=None,
        )
    except InvalidStatus as error:
        return None, f"handshake refused: HTTP {error.response.status_code}"
    except (WebSocketException, OSError, TimeoutError) as error:
        return None, f"handshake failed: {error!r}"
    try:
        async with asyncio.timeout(HELLO_TIMEOUT_S):
            while True:
                frame = json.loads(await ws.recv())
                if frame.get("type") == "hello":
                    return ws, None
    except (TimeoutError, WebSocketException, ValueError) as error:
        await ws.close()
        return None, f"no hello: {error!r}"


async def _listen(
    ws, thread: int, arrivals: dict[int, float], shared, seen: Counter, closed: list, fanout: list
) -> None:
    try:
        async for message in ws:
            now = time.monotonic()
            wall = time.time()
            shared.last_frame.value = now
            frame = json.loads(message)
            seen[f"{frame.get('type')} {frame.get('kind', '')}".strip()] += 1
            if (
                frame.get("type") == "post"
                and frame.get("kind") == "created"
                and frame.get("thread") == thread
            ):
                if frame["id"] not in arrivals:
                    arrivals[frame["id"]] = now
                    # From the server's broadcast (after the commit; same clock on loopback) to this socket.
                    fanout.append(
                        (frame["id"], (wall - datetime.fromisoformat(frame["at"]).timestamp()) * 1000)
                    )
                    with shared.delivered.get_lock():
                        shared.delivered.value += 1
    except ConnectionClosed as error:
        closed.append({"code": error.rcvd.code if error.rcvd else None, "reason": str(error)})


async def _worker(options: dict[str, Any], cookies: list[str], ready, shared) -> dict[str, Any]:
    gate = asyncio.Semaphore(options["connect_concurrency"])
    opened = await asyncio.gather(*(_open(options, cookie, gate) for cookie in cookies))
    sockets = [ws for ws, _seconds, _attempts, _error in opened if ws is not None]
    ready.put(
        {
            "opened": len(sockets),
            "connect_ms": [
                seconds * 1000 for _ws, seconds, _attempts, _error in opened if seconds is not None
            ],
            "retried": sum(1 for _ws, _seconds, attempts, _error in opened if attempts > 1),
            "errors": [error for _ws, _seconds, _attempts, error in opened if error],
        }
    )
    arrivals: list[dict[int, float]] = [{} for _ in sockets]
    closed: list[dict] = []
    seen: Counter = Counter()
    fanout: list[float] = []
    listeners = [
        asyncio.create_task(_listen(ws, options["thread"], mine, shared, seen, closed, fanout))
        for ws, mine in zip(sockets, arrivals, strict=True)
    ]
    await asyncio.get_running_loop().run_in_executor(None, shared.stop.wait)
    unexpected = [row for row in closed if row["code"] not in (1000, 1001)]
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)
    await asyncio.gather(*listeners, return_exceptions=True)
    return {"arrivals": arrivals, "closed": unexpected, "frames": dict(seen), "errors": [], "fanout": fanout}


# --- the poster -----------------------------------------------------------------------------------------


def make_post(conn: http.client.HTTPConnection, options: dict[str, Any], text: str) -> dict[str, Any]:
    body = json.dumps({"body": text}).encode()
    headers = {
        "Authorization": f"Token {options['token']}",
        "Content-Type": "application/json",
        "Accept": "application/json",
    }
    path = f"/api/v1/forum/threads/{options['thread']}/posts/"
    started = time.monotonic()
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    finished = time.monotonic()
    answer = {
        "t0": started,
        "ms": (finished - started) * 1000,
        "status": response.status,
        "queries": int(response.getheader("X-Query-Count", "-1")),
    }
    if response.status == 201:
        answer["id"] = json.loads(data)["id"]
    else:
        answer["error"] = data[:500].decode(errors="replace")
    return answer


def run(options: dict[str, Any], cookies: list[str]) -> dict[str, Any]:
    workers = max(1, min(options["workers"], len(cookies)))
    context = multiprocessing.get_context("fork")
    ready, results = context.Queue(), context.Queue()
    # Set by the workers: deliveries so far and when the last frame of any kind arrived; stop ends them.
    shared = SimpleNamespace(
        stop=context.Event(), delivered=context.Value("i", 0), last_frame=context.Value("d", time.monotonic())
    )
    shares = [cookies[i::workers] for i in range(workers)]
    processes = [
        context.Process(target=worker, args=(options, share, ready, shared, results), daemon=True)
        for share in shares
    ]
    started = time.monotonic()
    for process in processes:
        process.start()
    try:
        opened = [ready.get(timeout=HELLO_TIMEOUT_S * 3) for _ in processes]
        connect_all_s = time.monotonic() - started
        open_sockets = sum(row["opened"] for row in opened)
        log(f"{open_sockets} of {len(cookies)} sockets open in {connect_all_s:.2f} s")
        settle_s = settle(options, shared)
        log(f"quiet after {settle_s:.2f} s more")
        posts = post_all(options, open_sockets, shared)
    finally:
        shared.stop.set()
    done = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(timeout=10)
    return {**measure(options, cookies, opened, connect_all_s, posts, done), "settle_s": settle_s}


def settle(options: dict[str, Any], shared) -> float:
    """Wait until no frame has arrived on any socket for `quiet` seconds (the server has told everyone who else
    is reading), at most SETTLE_MAX_S; the seconds waited."""
    started = time.monotonic()
    while time.monotonic() - started < SETTLE_MAX_S:
        if time.monotonic() - shared.last_frame.value >= options["quiet"]:
            break
        time.sleep(0.05)
    return time.monotonic() - started


def post_all(options: dict[str, Any], open_sockets: int, shared) -> list[dict[str, Any]]:
    rng = random.Random(options["seed"])  # noqa: S311 - pacing of the load, not secrets
    conn = http.client.HTTPConnection(HOST, options["port"], timeout=60)
    posts = []
    try:
        # Not counted: the first post through a fresh server loads and compiles what every later one reuses.
        for number in range(options["warmup"]):
            warmup = make_post(conn, options, f"Dzień dobry, sprawdzam połączenie (rozgrzewka {number + 1}).")
            posts.append({**warmup, "warmup": True})
            time.sleep(rng.uniform(*options["interval"]))
        for number in range(options["posts"]):
            text = f"{POST_TEXTS[number % len(POST_TEXTS)]}\n\n(pomiar {number + 1}/{options['posts']})"
            posts.append(make_post(conn, options, text))
            if number + 1 < options["posts"]:
                time.sleep(rng.uniform(*options["interval"]))
    finally:
        conn.close()
    expected = open_sockets * sum(1 for post in posts if "id" in post)
    deadline = time.monotonic() + GRACE_S
    while shared.delivered.value < expected and time.monotonic() < deadline:
        time.sleep(0.05)
    return posts


def measure(
    options: dict[str, Any],
    cookies: list[str],
    opened: list[dict],
    connect_all_s: float,
    posts: list[dict],
    done: list[dict],
) -> dict[str, Any]:
    warmups = [post for post in posts if post.get("warmup")]
    posts = [post for post in posts if not post.get("warmup")]
    t0 = {post["id"]: post["t0"] for post in posts if "id" in post}
    by_post: dict[int, list[float]] = {post_id: [] for post_id in t0}
    for result in done:
        for arrivals in result["arrivals"]:
            for post_id, arrived in arrivals.items():
                if post_id in t0:
                    by_post[post_id].append((arrived - t0[post_id]) * 1000)
    latencies = [ms for values in by_post.values() for ms in values]
    delivered = len(latencies)
    connect_ms = [ms for row in opened for ms in row["connect_ms"]]
    expected = len(cookies) * options["posts"]
    return {
        "clients": len(cookies),
        "opened": sum(row["opened"] for row in opened),
        "connect_errors": [error for row in opened for error in row["errors"]][:20],
        "connect_retried": sum(row["retried"] for row in opened),
        "connect_all_s": connect_all_s,
        "connect_ms": summary(connect_ms),
        "posts": options["posts"],
        "posts_created": len(t0),
        "post_errors": [
            {"status": post["status"], "error": post["error"]} for post in posts if "id" not in post
        ][:5],
        "post_ms": summary([post["ms"] for post in posts]),
        "post_queries": summary([post["queries"] for post in posts if post["queries"] >= 0]),
        "expected_deliveries": expected,
        "deliveries": delivered,
        "missed": expected - delivered,
        "delivery_ms": summary(latencies),
        "after_broadcast_ms": summary(
            [ms for result in done for post_id, ms in result.get("fanout", []) if post_id in t0]
        ),
        "warmup_posts": len(warmups),
        "per_post": [
            {
                "id": post.get("id"),
                "post_ms": post["ms"],
                "queries": post["queries"],
                "delivered": len(by_post.get(post.get("id"), [])),
                "delivery_ms": summary(by_post.get(post.get("id"), [])),
            }
            for post in posts
        ],
        "frames_by_type": dict(sum((Counter(result["frames"]) for result in done), Counter())),
        "closed_unexpectedly": [row for result in done for row in result["closed"]][:20],
        "worker_errors": [error for result in done for error in result["errors"]],
        "workers": len(opened),
        "interval_s": list(options["interval"]),
        "connect_concurrency": options["connect_concurrency"],
    }


# --- command line ---------------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"ws_load: {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="the server's port on 127.0.0.1")
    parser.add_argument("--thread", type=int, required=True, help="the thread's id")
    parser.add_argument("--token", required=True, help="the poster's API token")
    parser.add_argument("--cookies", required=True, help="file with one Cookie header value per line")
    parser.add_argument("--clients", type=int, default=0, help="use only the first N cookies (default: all)")
    parser.add_argument("--posts", type=int, default=20, help="posts to make (default: %(default)s)")
    parser.add_argument(
        "--warmup", type=int, default=1, help="posts made first and not counted (default: %(default)s)"
    )
    parser.add_argument(
        "--interval",
        type=float,
        nargs=2,
        default=(0.5, 1.0),
        metavar=("MIN", "MAX"),
        help="seconds between posts, drawn uniformly (default: 0.5 1.0)",
    )
    parser.add_argument("--workers", type=int, default=2, help="client processes (default: %(default)s)")
    parser.add_argument(
        "--connect-concurrency",
        type=int,
        default=50,
        help="handshakes in flight per worker while opening (default: %(default)s)",
    )
    parser.add_argument(
        "--quiet",
        type=float,
        default=2.0,
        help="before posting, wait until no frame arrived for this long (default: %(default)s s; 0: post at once)",
    )
    parser.add_argument("--seed", type=int, default=2026, help="seed of the pauses between posts")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    with open(args.cookies, encoding="utf-8") as handle:
        cookies = [line.strip() for line in handle if line.strip()]
    if args.clients:
        cookies = cookies[: args.clients]
    if not cookies:
        log("no cookies given")
        return 2
    options = {
        "port": args.port,
        "thread": args.thread,
        "token": args.token,
        "posts": args.posts,
        "warmup": args.warmup,
        "interval": tuple(args.interval),
        "workers": args.workers,
        "connect_concurrency": args.connect_concurrency,
        "seed": args.seed,
        "quiet": args.quiet,
    }
    result = run(options, cookies)
    delivery = result["delivery_ms"]
    log(
        f"{result['deliveries']}/{result['expected_deliveries']} deliveries, missed {result['missed']}; "
        + (
            f"p50 {delivery['p50']:.1f} ms, p95 {delivery['p95']:.1f} ms, p99 {delivery['p99']:.1f} ms, "
            f"max {delivery['max']:.1f} ms"
            if delivery["p50"] is not None
            else "nothing delivered"
        )
    )
    print(JSON_MARKER + json.dumps(result), flush=True)
    return 0 if result["missed"] == 0 and not result["post_errors"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
