"""`nlconsole sandbox`: run the local API emulator until interrupted."""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType
from typing import Any

from nlconsole.cli.context import EXIT_OK, Context
from nlconsole.core.endpoints import is_loopback_host
from nlconsole.errors import UsageError
from nlconsole.i18n import Translator, _

NAME = "sandbox"
HELP = _("run the local Maileon/Newsletter2Go emulator (DOI mailbox, fault injection)")


def register(commands: Any, t: Translator) -> None:
    """Add the `sandbox` command."""
    parser = commands.add_parser(
        NAME,
        help=t(HELP),
        description=t(
            _(
                "Serves the emulated APIs over HTTP (on loopback unless --allow-remote) and prints "
                "their base URLs, seeded credentials and the control token. Faults can also be "
                "changed at run time via /_sandbox/faults."
            )
        ),
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help=t(_("address to bind (default 127.0.0.1)"))
    )
    parser.add_argument("--port", default="0", help=t(_("port (default: a free one)")))
    parser.add_argument("--json", action="store_true", help=t(_("print one JSON object first")))
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help=t(_("allow a non-loopback --host (the sandbox has no real security)")),
    )
    parser.add_argument(
        "--latency-ms", default="0", help=t(_("added latency per API request (ms)"))
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help=t(
            _(
                "a fault rule, e.g. error:status=503,share=0.2 or rate_limit:count=1 (kinds: "
                "latency, error, rate_limit, drop, lost_response, slow_body, html)"
            )
        ),
    )
    parser.add_argument(
        "--unsubscribe-delay",
        default="1.0",
        metavar="SECONDS",
        help=t(_("how long an unsubscribed Maileon contact stays visible")),
    )
    parser.add_argument(
        "--token-lifetime",
        default="7200",
        metavar="SECONDS",
        help=t(_("lifetime of Newsletter2Go access tokens (default 7200)")),
    )
    parser.add_argument("--verbose", action="store_true", help=t(_("log every request to stderr")))
    parser.set_defaults(handler=_sandbox)


def _number(text: str, option: str, *, low: float, high: float, integer: bool = False) -> float:
    """A number option within bounds, or a UsageError naming the option and the range."""
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        value = None
    if value is None or value != value or not low <= value <= high:
        raise UsageError(
            _(
                "{option} must be a number from {low} to {high}, not {value}",
                option=option,
                low=f"{low:.0f}" if low == int(low) else f"{low:g}",
                high=f"{high:.0f}" if high == int(high) else f"{high:g}",
                value=repr(text),
            )
        )
    return value


def _sandbox(context: Context, args: argparse.Namespace) -> int:
    from nlconsole.sandbox.faults import FaultRule
    from nlconsole.sandbox.server import SandboxOptions, SandboxServer, dump_json

    if not is_loopback_host(args.host) and not args.allow_remote:
        raise UsageError(
            _(
                "refusing to bind the sandbox to {host}: it accepts well-known credentials",
                host=args.host,
            ),
            _("Use a loopback address, or pass --allow-remote if you really mean it."),
        )
    port = int(_number(args.port, "--port", low=0, high=65535, integer=True))
    latency = int(_number(args.latency_ms, "--latency-ms", low=0, high=600_000, integer=True))
    delay = _number(args.unsubscribe_delay, "--unsubscribe-delay", low=0, high=86_400)
    lifetime = _number(args.token_lifetime, "--token-lifetime", low=1, high=30 * 86_400)
    try:
        rules = [FaultRule.parse_spec(spec) for spec in args.fault]
        if latency:
            rules.insert(0, FaultRule(kind="latency", latency_ms=latency))
    except (ValueError, TypeError) as exc:
        raise UsageError(_("bad --fault: {problem}", problem=str(exc))) from None
    try:
        server = SandboxServer(
            args.host,
            port,
            SandboxOptions(unsubscribe_delay=delay, token_lifetime=lifetime, faults=rules),
            verbose=args.verbose,
        )
    except OSError as exc:
        raise UsageError(
            _(
                "cannot listen on {host}:{port}: {reason}",
                host=args.host,
                port=port,
                reason=exc.strerror or str(exc),
            )
        ) from None
    description = {**server.sandbox.describe(), "reachable_urls": server.reachable_urls}
    if server.is_remote:
        _warn_remote(context, server.reachable_urls)
    if args.json:
        print(dump_json(description), flush=True)
    else:
        _print_description(context, description, server.reachable_urls, server.is_remote)
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(context.translate(_("sandbox stopped")), file=sys.stderr)
    finally:
        server.shutdown()
    return EXIT_OK


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _warn_remote(context: Context, reachable: list[str]) -> None:
    """On stderr, so it shows even with --json: who else can now use the sandbox."""
    warning = _(
        "WARNING: the sandbox is reachable from other machines at {urls}. Anyone on the network "
        "can use its well-known credentials, read its mailbox and, with the control token, "
        "change its faults and clock. Stop it with Ctrl+C when you are done.",
        urls=", ".join(reachable),
    )
    print(context.translate(warning), file=sys.stderr, flush=True)


def _print_description(
    context: Context, description: dict[str, Any], reachable: list[str], remote: bool
) -> None:
    from nlconsole.core.scenarios import scenario_text

    out = context.out
    urls = description["base_urls"]
    out.line(
        _(
            "nlconsole sandbox: emulated APIs REACHABLE FROM OTHER MACHINES (sandbox-only "
            "credentials)"
        )
        if remote
        else _("nlconsole sandbox: emulated APIs on loopback (sandbox-only credentials)")
    )
    for name, url in urls.items():
        print(f"  {name:<14} {url}")
    if len(reachable) > 1:
        out.line(_("Also reachable at: {urls}", urls=", ".join(reachable[1:])))
    control = description["control"]
    out.line(
        _(
            "Control API token (header {header}): {token}",
            header=control["token_header"],
            token=control["token"],
        )
    )
    out.line(_("Maileon API keys by scenario:"))
    for key in description["maileon"]["keys"]:
        text = out.translate(scenario_text("maileon", key["scenario"], key["description"]))
        print(f"  {key['scenario']:<16} {key['api_key']}  {text}")
    out.line(
        _(
            "  DOI key of the second DOI mailing: {key}",
            key=description["maileon"]["doi_mailing_key"],
        )
    )
    n2g = description["newsletter2go"]
    out.line(_("Newsletter2Go logins by scenario (auth key / username / password):"))
    for account in n2g["accounts"]:
        shown = out.translate(
            scenario_text("newsletter2go", account["scenario"], account["description"])
        )
        print(
            f"  {account['scenario']:<19} {account['auth_key']} / {account['username']} / "
            f"{account['password']}  {shown}"
        )
    out.line(
        _(
            "  wrong password scenario: the working login with password {password}",
            password=repr(n2g["wrong_password"]),
        )
    )
    out.line(_("  DOI form code: {code}", code=n2g["doi_form_code"]))
    out.line(_("Press Ctrl+C to stop."))
    sys.stdout.flush()
