"""The sandbox HTTP server: a threaded stdlib server that feeds requests to `Sandbox`.

Routes: `/maileon/1.0/...`, `/newsletter2go/...`, `/mailbox` (HTML), `/mailbox.json`,
`/mailbox/confirm/<token>`, the mock vendor pages `/shop` and `/portal`, and the control API
under `/_sandbox/`. The server applies the socket-level faults (latency, dropped connections,
lost responses, slow bodies); `Sandbox.answer` the rest.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nlconsole.sandbox.emulator import Sandbox, SandboxOptions
from nlconsole.sandbox.faults import SLOW_BODY_CHUNK, FaultDecision
from nlconsole.sandbox.web import MAX_BODY_BYTES, Request, Response

__all__ = ["Sandbox", "SandboxOptions", "SandboxServer", "dump_json", "running_sandbox"]

WILDCARD_ADDRESSES = frozenset({"0.0.0.0", "::"})  # noqa: S104 (recognised, never shown)
MAX_ADDRESSES = 32
SHUTDOWN_POLL_SECONDS = 0.05
"""How often the serving thread looks for shutdown(); the stdlib's 0.5 s slows every test."""


class _Handler(BaseHTTPRequestHandler):
    """Adapts stdlib requests to the sandbox, applying socket-level faults on the way."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 30
    server: _Server

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY_BYTES:
            self.close_connection = True
            self._write(Response.text(413 if length > 0 else 400, "bad Content-Length"))
            return
        body = self.rfile.read(length) if length else b""
        headers = {key: value for key, value in self.headers.items()}
        request = Request.parse(self.command, self.path, headers, body)
        sandbox = self.server.sandbox
        decision = sandbox.decide_faults(request)
        if decision.latency_ms:
            time.sleep(decision.latency_ms / 1000)
        if decision.drop:
            self._drop()
            return
        response = sandbox.answer(request, decision)
        if decision.lost_response:
            self._drop()  # the request took effect; the client never learns it did
            return
        self._write(response, decision)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    def _drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _write(self, response: Response, decision: FaultDecision | None = None) -> None:
        chunk_delay = decision.slow_chunk_delay_ms if decision else None
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command == "HEAD":
                return
            if chunk_delay is None:
                self.wfile.write(response.body)
                return
            for start in range(0, len(response.body), SLOW_BODY_CHUNK):
                self.wfile.write(response.body[start : start + SLOW_BODY_CHUNK])
                self.wfile.flush()
                time.sleep(chunk_delay / 1000)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The stdlib default backlog of 5 makes concurrent clients wait ~1 s for a SYN retry.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], sandbox: Sandbox, verbose: bool) -> None:
        self.sandbox = sandbox
        self.verbose = verbose
        super().__init__(address, _Handler)


class SandboxServer:
    """A running sandbox on a port, in a background thread.

    `url` is the first of `reachable_urls`: the loopback URL for a loopback bind, else an
    address or host name other machines can use. `is_remote` and `control_token` are what a
    banner needs to say how exposed the sandbox is and how to drive its control API.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        options: SandboxOptions | None = None,
        *,
        verbose: bool = False,
    ) -> None:
        self.sandbox = Sandbox(options)
        self._server = _Server((host, port), self.sandbox, verbose)
        bound_host, bound_port = self._server.server_address[:2]
        self.host = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
        self.is_remote = not _is_loopback_address(self.host)
        """Bound beyond loopback: other machines can reach it, the control API wants a token."""
        self.reachable_urls = [
            f"http://{_url_host(name)}:{bound_port}" for name in _reachable_names(self.host)
        ]
        """Where clients can reach this server; never the wildcard address 0.0.0.0 or ::."""
        self.url = self.reachable_urls[0]
        self.sandbox.public_url = self.url
        self.sandbox.remote = self.is_remote
        self._thread: threading.Thread | None = None

    @property
    def control_token(self) -> str:
        """The run's token for the control API (header `X-Sandbox-Token`)."""
        return self.sandbox.control_token

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._server.server_address[1])

    def start(self) -> SandboxServer:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": SHUTDOWN_POLL_SECONDS},
            name="nlconsole-sandbox",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until shutdown() (or KeyboardInterrupt)."""
        self._server.serve_forever()

    def shutdown(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.shutdown()


def _is_loopback_address(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host.lower() == "localhost"


def _reachable_names(host: str) -> list[str]:
    """The bound address, or for a wildcard bind the first non-loopback address and the host
    name (whichever exist), so that nothing ever shows 0.0.0.0."""
    if host not in WILDCARD_ADDRESSES:
        return [host]
    ipv6 = ":" in host
    names = [address for address in [_first_outward_address(ipv6)] if address]
    hostname = socket.gethostname()
    if hostname:
        names.append(hostname)
    return names or ["127.0.0.1"]


def _first_outward_address(ipv6: bool) -> str | None:
    """The first non-loopback address of this host: from its name, else the address the
    kernel would route from (a UDP `connect` sends no packet)."""
    family = socket.AF_INET6 if ipv6 else socket.AF_INET
    candidates: list[str] = []
    with contextlib.suppress(OSError):
        infos = socket.getaddrinfo(socket.gethostname(), None, family)[:MAX_ADDRESSES]
        candidates += [str(info[4][0]) for info in infos]
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as probe:
        probe.connect(("2001:db8::1" if ipv6 else "192.0.2.1", 9))
        candidates.append(str(probe.getsockname()[0]))
    for address in candidates:
        if not ipaddress.ip_address(address.partition("%")[0]).is_loopback:
            return address
    return None


def _url_host(name: str) -> str:
    return f"[{name}]" if ":" in name else name


@contextlib.contextmanager
def running_sandbox(options: SandboxOptions | None = None) -> Iterator[SandboxServer]:
    """A sandbox on a free loopback port for the duration of a `with` block."""
    server = SandboxServer(options=options).start()
    try:
        yield server
    finally:
        server.shutdown()


def dump_json(document: Any) -> str:
    """One-line JSON, as `nlconsole sandbox --json` prints it."""
    return json.dumps(document, ensure_ascii=False, sort_keys=False)
