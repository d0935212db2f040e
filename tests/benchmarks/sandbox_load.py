"""Benchmark: Maileon ping throughput of the sandbox, fresh and with 10,000 contacts.

Run as a script (not collected by pytest):

    .venv/bin/python tests/benchmarks/sandbox_load.py [--threads 4] [--seconds 3] [--rounds 3]

It measures pings per second over real HTTP (keep-alive connections, a few threads, a bounded
duration, best of a few rounds against machine noise) on a fresh sandbox, then creates the
contacts (a tenth of them unsubscribed with a long delay, so removals are pending), measures
again and prints the ratio. Target: ≥ 0.8×, i.e. a request touches only the removals that are
due, not every contact. Exit status 1 below the target.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import sys
import threading
import time
from urllib.parse import urlsplit

from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.server import SandboxOptions, running_sandbox

TARGET_RATIO = 0.8
MAX_THREADS = 32
MAX_SECONDS = 60.0
MAX_ROUNDS = 10
WARM_UP_SECONDS = 0.5


def _headers() -> dict[str, str]:
    token = base64.b64encode(maileon_key("all_rights").encode()).decode()
    return {"Authorization": f"Basic {token}", "Accept": "application/vnd.maileon.api+xml"}


def _connection(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    return http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)


def pings_per_second(url: str, threads: int, seconds: float) -> float:
    """Requests per second of `GET /maileon/1.0/ping` from `threads` keep-alive clients."""
    deadline = time.monotonic() + seconds
    counts = [0] * threads
    headers = _headers()

    def hammer(slot: int) -> None:
        connection = _connection(url)
        try:
            while time.monotonic() < deadline:
                connection.request("GET", "/maileon/1.0/ping", headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"ping answered {response.status}")
                counts[slot] += 1
        finally:
            connection.close()

    started = time.monotonic()
    workers = [threading.Thread(target=hammer, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=seconds + 30)
    return sum(counts) / (time.monotonic() - started)


def create_contacts(url: str, total: int, threads: int) -> None:
    """Create `total` contacts over HTTP; unsubscribe every tenth (removal stays pending)."""
    headers = _headers()
    share = -(-total // threads)

    def create(first: int) -> None:
        connection = _connection(url)
        try:
            for number in range(first, min(first + share, total)):
                path = f"/maileon/1.0/contacts/email/load{number}%40example.org?permission=2"
                connection.request("POST", path, body=b"", headers=headers)
                connection.getresponse().read()
                if number % 10 == 0:
                    connection.request(
                        "DELETE", path.split("?")[0] + "/unsubscribe", headers=headers
                    )
                    connection.getresponse().read()
        finally:
            connection.close()

    workers = [threading.Thread(target=create, args=(i * share,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=600)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--contacts", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many per phase")
    args = parser.parse_args()
    threads = max(1, min(args.threads, MAX_THREADS))
    seconds = max(0.5, min(args.seconds, MAX_SECONDS))
    rounds = max(1, min(args.rounds, MAX_ROUNDS))
    with running_sandbox(SandboxOptions(unsubscribe_delay=3600.0)) as server:
        pings_per_second(server.url, threads, WARM_UP_SECONDS)
        fresh = max(pings_per_second(server.url, threads, seconds) for _ in range(rounds))
        print(f"fresh sandbox:           {fresh:8.0f} pings/s (best of {rounds})")
        started = time.monotonic()
        create_contacts(server.url, args.contacts, threads)
        print(f"created {args.contacts} contacts in {time.monotonic() - started:.1f} s")
        loaded = max(pings_per_second(server.url, threads, seconds) for _ in range(rounds))
        print(f"with {args.contacts} contacts:  {loaded:8.0f} pings/s (best of {rounds})")
    ratio = loaded / fresh
    verdict = "ok" if ratio >= TARGET_RATIO else "BELOW TARGET"
    print(f"ratio {ratio:.2f} (target ≥ {TARGET_RATIO}): {verdict}")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
