"""The sandbox HTTP server: a threaded stdlib server on loopback that routes to the emulators.

Routes: `/maileon/1.0/...`, `/newsletter2go/...`, `/mailbox` (HTML), `/mailbox.json`,
`/mailbox/confirm/<token>`, and the control API under `/_sandbox/` (info, faults). Faults apply
to the provider APIs only, so the mailbox and the control API stay usable while testing them.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from nlconsole.sandbox.faults import FaultDecision, FaultInjector, FaultRule
from nlconsole.sandbox.mailbox import Mailbox
from nlconsole.sandbox.maileon import MaileonSandbox
from nlconsole.sandbox.newsletter2go import N2GSandbox
from nlconsole.sandbox.seeds import (
    MAILEON_DOI_KEY,
    MAILEON_KEYS,
    N2G_ACCOUNTS,
    N2G_DOI_FORM_CODE,
    N2G_WRONG_PASSWORD,
)
from nlconsole.sandbox.web import Request, Response

MAX_BODY = 10 * 1024 * 1024
API_PREFIXES = ("/maileon/", "/newsletter2go/")


@dataclass
class SandboxOptions:
    """How the sandbox behaves: timings and the faults active from the start."""

    unsubscribe_delay: float = 1.0
    token_lifetime: float = 7200.0
    faults: list[FaultRule] = field(default_factory=list)
    seed: int = 0


class SandboxClock:
    """Monotonic time that tests can move forward (token expiry, unsubscribe delays)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.monotonic() + self.offset


class Sandbox:
    """Both emulated APIs plus mailbox and fault injection, independent of the socket."""

    def __init__(self, options: SandboxOptions | None = None) -> None:
        self.options = options or SandboxOptions()
        self.public_url = "http://127.0.0.1"
        self.mailbox = Mailbox()
        self.faults = FaultInjector(self.options.seed)
        for rule in self.options.faults:
            self.faults.add(rule)
        self.clock = SandboxClock()
        self.maileon = MaileonSandbox(
            self.mailbox,
            lambda: self.public_url,
            unsubscribe_delay=self.options.unsubscribe_delay,
            monotonic=self.clock,
        )
        self.n2g = N2GSandbox(
            self.mailbox,
            token_lifetime=self.options.token_lifetime,
            clock=self.clock,
            seed=self.options.seed,
        )

    def base_urls(self) -> dict[str, str]:
        """Where each emulated API and the mailbox are served."""
        return {
            "maileon": f"{self.public_url}/maileon/1.0",
            "newsletter2go": f"{self.public_url}/newsletter2go",
            "mailbox": f"{self.public_url}/mailbox",
            "control": f"{self.public_url}/_sandbox",
        }

    def describe(self) -> dict[str, Any]:
        """Base URLs and seeded credentials (sandbox-only values)."""
        return {
            "base_urls": self.base_urls(),
            "maileon": {
                "keys": [
                    {
                        "scenario": seed.scenario,
                        "api_key": seed.key,
                        "rights": sorted(seed.rights),
                        "expires": seed.expires.isoformat() if seed.expires else None,
                        "active": seed.active,
                        "description": seed.description,
                    }
                    for seed in MAILEON_KEYS
                ],
                "doi_mailing_key": MAILEON_DOI_KEY,
            },
            "newsletter2go": {
                "accounts": [
                    {
                        "scenario": seed.scenario,
                        "auth_key": seed.auth_key,
                        "username": seed.username,
                        "password": seed.password,
                        "description": seed.description,
                    }
                    for seed in N2G_ACCOUNTS
                ],
                "wrong_password": N2G_WRONG_PASSWORD,
                "doi_form_code": N2G_DOI_FORM_CODE,
                "token_lifetime": self.n2g.token_lifetime,
            },
        }

    def dispatch(self, request: Request) -> Response:
        """Route one request to the emulator or page that serves it."""
        segments = request.segments
        if segments[:2] == ("maileon", "1.0"):
            return self.maileon.handle(request, segments[2:])
        if segments[:1] == ("newsletter2go",):
            return self.n2g.handle(request, segments[1:])
        if segments[:1] == ("mailbox.json",) or (
            segments == ("mailbox",) and "json" in request.header("Accept")
        ):
            return Response.json(
                200,
                {
                    "mails": [
                        m.as_json(self.public_url) for m in self.mailbox.mails(request.param("to"))
                    ]
                },
            )
        if segments == ("mailbox",):
            return Response.html(200, self.mailbox.render_html(self.public_url))
        if len(segments) == 3 and segments[:2] == ("mailbox", "confirm"):
            status, outcome = self.mailbox.confirm(segments[2])
            return Response.html(
                status, self.mailbox.render_confirmation(status, outcome, self.public_url)
            )
        if segments[:1] == ("_sandbox",):
            return self._control(request, segments[1:])
        if not segments:
            return Response.json(200, self.describe())
        return Response.text(404, f"nothing at {request.raw_path}; see {self.public_url}/_sandbox")

    def _control(self, request: Request, path: tuple[str, ...]) -> Response:
        if path == () and request.method == "GET":
            return Response.json(200, self.describe())
        if path == ("faults",):
            if request.method == "GET":
                return Response.json(200, {"faults": self.faults.rules()})
            if request.method == "DELETE":
                self.faults.clear()
                return Response.json(200, {"faults": []})
            if request.method == "POST":
                try:
                    data = request.json()
                    items = data if isinstance(data, list) else [data]
                    rules = [FaultRule.from_dict(item) for item in items]
                except (ValueError, TypeError) as exc:
                    return Response.json(400, {"error": str(exc)})
                for rule in rules:
                    self.faults.add(rule)
                return Response.json(201, {"faults": self.faults.rules()})
        if path == ("clock",) and request.method == "POST":
            try:
                advance = float(request.json().get("advance_seconds", 0))
            except (ValueError, TypeError, AttributeError):
                return Response.json(400, {"error": 'expected {"advance_seconds": N}'})
            self.clock.offset += advance
            return Response.json(200, {"offset_seconds": self.clock.offset})
        return Response.json(404, {"error": f"unknown control resource {'/'.join(path)}"})


class _Handler(BaseHTTPRequestHandler):
    """Adapts stdlib requests to Sandbox.dispatch, applying faults on the way."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 30
    server: _Server

    def _serve(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._write(Response.text(400, "bad Content-Length"), FaultDecision())
            return
        body = self.rfile.read(length) if length else b""
        headers = {key: value for key, value in self.headers.items()}
        request = Request.parse(self.command, self.path, headers, body)
        decision = (
            self.server.sandbox.faults.decide(request.method, request.raw_path)
            if request.raw_path.startswith(API_PREFIXES)
            else FaultDecision()
        )
        if decision.latency_ms:
            time.sleep(decision.latency_ms / 1000)
        if decision.drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        if decision.error_status is not None:
            response = _fault_response(decision)
        elif decision.html:
            response = Response.html(
                200,
                "<!doctype html><html><body><h1>Welcome</h1>"
                "<p>Please log in to the network.</p></body></html>",
            )
        else:
            try:
                response = self.server.sandbox.dispatch(request)
            except Exception as exc:  # a sandbox bug must not kill the connection silently
                response = Response.text(500, f"sandbox error: {type(exc).__name__}: {exc}")
        self._write(response, decision)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    def _write(self, response: Response, decision: FaultDecision) -> None:
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            if self.command == "HEAD":
                return
            if decision.slow_chunk_delay_ms is None:
                self.wfile.write(response.body)
                return
            for start in range(0, len(response.body), 16):
                self.wfile.write(response.body[start : start + 16])
                self.wfile.flush()
                time.sleep(decision.slow_chunk_delay_ms / 1000)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


def _fault_response(decision: FaultDecision) -> Response:
    status = decision.error_status or 500
    headers = {"Retry-After": str(decision.retry_after)} if decision.retry_after is not None else {}
    return Response.json(status, {"error": "injected fault", "status": status}, headers)


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
    """A running sandbox on a loopback port, in a background thread."""

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
        host_text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
        shown = f"[{host_text}]" if ":" in host_text else host_text
        self.url = f"http://{shown}:{bound_port}"
        self.sandbox.public_url = self.url
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        """The bound port."""
        return int(self._server.server_address[1])

    def start(self) -> SandboxServer:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="nlconsole-sandbox", daemon=True
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
