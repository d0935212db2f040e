"""`nlconsole sandbox`: run the local API emulator until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.errors import NLConsoleError
from nlconsole.providers.endpoints import is_loopback_host


def register(commands: Any) -> None:
    """Add the `sandbox` command."""
    parser = commands.add_parser(
        "sandbox",
        help="run the local Maileon/Newsletter2Go emulator (DOI mailbox, fault injection)",
        description="Serves the emulated APIs over HTTP on loopback and prints their base URLs "
        "and seeded credentials. Faults can also be changed at run time via /_sandbox/faults.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object first")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (the sandbox has no real security)",
    )
    parser.add_argument("--latency-ms", type=int, default=0, help="added latency per API request")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="a fault rule, e.g. error:status=503,share=0.2 or rate_limit:count=1 "
        "(kinds: latency, error, rate_limit, drop, slow_body, html)",
    )
    parser.add_argument(
        "--unsubscribe-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="how long an unsubscribed Maileon contact stays visible",
    )
    parser.add_argument(
        "--token-lifetime",
        type=float,
        default=7200.0,
        metavar="SECONDS",
        help="lifetime of Newsletter2Go access tokens (default 7200)",
    )
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    parser.set_defaults(handler=_sandbox)


def _sandbox(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.sandbox.faults import FaultRule
    from nlconsole.sandbox.server import SandboxOptions, SandboxServer, dump_json

    if not is_loopback_host(args.host) and not args.allow_remote:
        raise NLConsoleError(
            f"refusing to bind the sandbox to {args.host}: it accepts well-known credentials",
            "Use a loopback address, or pass --allow-remote if you really mean it.",
        )
    try:
        rules = [FaultRule.parse_spec(spec) for spec in args.fault]
        if args.latency_ms:
            rules.insert(0, FaultRule(kind="latency", latency_ms=args.latency_ms))
    except (ValueError, TypeError) as exc:
        raise NLConsoleError(f"bad --fault: {exc}") from None
    try:
        server = SandboxServer(
            args.host,
            args.port,
            SandboxOptions(
                unsubscribe_delay=args.unsubscribe_delay,
                token_lifetime=args.token_lifetime,
                faults=rules,
            ),
            verbose=args.verbose,
        )
    except OSError as exc:
        raise NLConsoleError(f"cannot listen on {args.host}:{args.port}: {exc.strerror}") from None
    description = server.sandbox.describe()
    if args.json:
        print(dump_json(description), flush=True)
    else:
        _print_description(description)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("sandbox stopped", file=sys.stderr)
    finally:
        server.shutdown()
    return EXIT_OK


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _print_description(description: dict[str, Any]) -> None:
    urls = description["base_urls"]
    print("nlconsole sandbox: emulated APIs on loopback (sandbox-only credentials)")
    for name, url in urls.items():
        print(f"  {name:<14} {url}")
    print("Maileon API keys by scenario:")
    for key in description["maileon"]["keys"]:
        print(f"  {key['scenario']:<16} {key['api_key']}  {key['description']}")
    print(f"  DOI key of the second DOI mailing: {description['maileon']['doi_mailing_key']}")
    n2g = description["newsletter2go"]
    print("Newsletter2Go logins by scenario (auth key / username / password):")
    for account in n2g["accounts"]:
        print(
            f"  {account['scenario']:<19} {account['auth_key']} / {account['username']} / "
            f"{account['password']}  {account['description']}"
        )
    print(f"  wrong password scenario: the working login with password {n2g['wrong_password']!r}")
    print(f"  DOI form code: {n2g['doi_form_code']}")
    print("Press Ctrl+C to stop.", flush=True)
