"""The bad-input battery: CLI arguments, stdin values, base URLs and sandbox options.

Each case runs the CLI in process against a home with two profiles and their secrets and
asserts the exit code, a message that names the problem, no traceback, and that profiles.toml,
the keyring and the config directory are exactly as before. (Files: test_battery_files.py;
--json, real processes, deleting secrets: test_battery_more.py.)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.battery_support import MAILEON_KEY, OTHER_KEY, State, prepare_home, run

NOT_A_NAME = "is not a valid profile name"
NO_PROFILE = "no profile named"


@pytest.fixture
def home(
    isolated_home: Path,
    memory_keyring: dict[tuple[str, str], str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Callable[[], State]:
    return prepare_home(isolated_home, memory_keyring, capsys, monkeypatch)


def case(
    argv: list[str], fragment: str, *, stdin: str | None = None, code: int = 2, id: str = ""
) -> object:
    return pytest.param(argv, stdin, code, fragment, id=id or " ".join(argv)[:60])


def add(name: str, *options: str) -> list[str]:
    return ["profiles", "add", name, "--provider", "maileon", *options]


def add_n2g(name: str, *options: str) -> list[str]:
    return ["profiles", "add", name, "--provider", "newsletter2go", *options]


PROFILE_NAMES = ["", "ACME", "a b", "../x", "a/b", "x" * 200, "ä", "a\x00b", "-", "_x", "a.b"]
NAME_CASES = [case(add(n), NOT_A_NAME, id=f"name {n[:20]!r}") for n in PROFILE_NAMES if n != "-"]
NAME_CASES.append(case(add("acme"), "a profile named 'acme' already exists"))
NAME_CASES.append(case(add_n2g("peiq"), "a profile named 'peiq' already exists"))

SETTING_CASES = [
    case(add("new", "--provider", "bogus"), "invalid choice: 'bogus'"),
    case(["profiles", "add", "new"], "the following arguments are required: --provider"),
    case(add("new", "--environment", "prod"), "invalid choice: 'prod'"),
    case(add("new", "--display-name", "x" * 81), "the display name has 81 characters"),
    case(add("new", "--display-name", "a\nb"), "the display name contains a control character"),
    case(add("new", "--display-name", "\x1b[31mred"), "contains a control character"),
    case(add("new", "--key-expires", "yesterday"), "'yesterday' is not a date"),
    case(add("new", "--key-expires", "31.02.2030"), "'31.02.2030' is not a date"),
    case(add("new", "--key-expires", "2020-01-01"), "is not in the future"),
    case(add("new", "--key-expires", "99.99.9999"), "'99.99.9999' is not a date"),
    case(add("new", "--key-expires", "2099-13-01"), "'2099-13-01' is not a date"),
    case(add("new", "--key-expires", "0000-01-01"), "'0000-01-01' is not a date"),
    case(add("new", "--rights", "create,fly"), "unknown right: fly"),
    case(add("new", "--test-key-rights", "admin"), "unknown right: admin"),
    case(add("new", "--single-user-tracking", "maybe"), "invalid choice: 'maybe'"),
    case(add("new", "--doi-mailing-key", "a\nb"), "contains a control character"),
    case(add("new", "--newsletter", "Lokales"), "--newsletter do not apply to a maileon profile"),
    case(add_n2g("new", "--rights", "create"), "--rights do not apply to a newsletter2go"),
    case(add_n2g("new", "--key-expires", "2099-01-01"), "--key-expires do not apply"),
    case(add_n2g("new", "--sender-name", "x\ny"), "contains a control character"),
    case(add_n2g("new", "--developer-mode", "ja"), "invalid choice: 'ja'"),
    case(add_n2g("new", "--newsletter", "A", "--newsletter", "A"), "named twice: A"),
    case(add("-x"), "the following arguments are required: name"),
    case(["profiles", "edit", "nobody", "--display-name", "X"], NO_PROFILE),
    case(["profiles", "edit", "acme", "--newsletter", "X"], "do not apply to a maileon"),
    case(["profiles", "edit", "acme", "--key-expires", "bad"], "'bad' is not a date"),
    case(["profiles", "edit", "acme", "--display-name", "x" * 81], "has 81 characters"),
    case(["profiles", "edit", "acme", "--base-url", "ftp://x"], "is not an http(s) URL"),
    case(["profiles", "edit", "peiq", "--doi-mailing-key", "k"], "do not apply to a newsletter2go"),
    case(["profiles", "show", "nobody"], NO_PROFILE),
    case(["profiles", "show", "../etc"], NO_PROFILE),
    case(["profiles", "remove", "nobody"], NO_PROFILE),
    case(["profiles", "remove", "../acme"], NO_PROFILE),
    case(["profiles", "frobnicate"], "invalid choice: 'frobnicate'"),
    case(["profiles"], "the following arguments are required: ACTION"),
    case(["frobnicate"], "invalid choice: 'frobnicate'"),
    case(["--lang", "xx", "profiles", "list"], "invalid choice: 'xx'"),
    case(["profiles", "list", "--bogus"], "unrecognized arguments: --bogus"),
    case(["--home", "/etc/passwd", "profiles", "list"], "cannot read /etc/passwd/profiles.toml"),
]

DEADLINES = ["0", "abc", "-5", "nan", "inf", "99999", "", "0.5"]
CHECK_CASES = [
    case(["check", "nobody"], NO_PROFILE),
    case(["check"], "name one or more profiles, or check them all with --all"),
    *(
        case(["check", "acme", "--deadline", d], "--deadline must be a number of seconds")
        for d in DEADLINES
    ),
]

SECRET_ARG_CASES = [
    case(["secrets", "set", "nobody", "api_key"], NO_PROFILE),
    case(["secrets", "set", "acme", "pw"], "'pw' is not a secret of a Maileon profile"),
    case(["secrets", "set", "acme", "auth_key"], "'auth_key' is not a secret of a Maileon"),
    case(["secrets", "set", "peiq", "api_key"], "'api_key' is not a secret of a Newsletter2Go"),
    case(["secrets", "set", "acme"], "the following arguments are required: field"),
    case(["secrets", "status", "nobody"], NO_PROFILE),
    case(["secrets", "delete", "acme"], "Name one field, or pass --yes"),
    case(["secrets", "delete", "peiq"], "nothing was deleted"),
    case(["secrets", "delete", "acme", "pw"], "'pw' is not a secret"),
    case(["secrets", "delete", "nobody", "--yes"], NO_PROFILE),
    case(["secrets"], "the following arguments are required: ACTION"),
]

TWO_PASTES = "several parts that do not form one valid value"
STDIN_CASES = (
    [
        case(["secrets", "set", "acme", "api_key"], m, stdin=v, id=f"api_key {v[:24]!r}")
        for v, m in [
            ("", "the API key is empty"),
            ("   \n", "the API key is empty"),
            (f"{MAILEON_KEY}\n{OTHER_KEY}", TWO_PASTES),
            (f"{MAILEON_KEY} {OTHER_KEY}", TWO_PASTES),
            ("key with spaces inside it here", TWO_PASTES),
            ("Basic !!!", "the text after 'Basic' is not the Base64 form"),
            ("Basic YWJj", "the text after 'Basic' is not the Base64 form"),
            ("Basic ", "the API key is empty after 'Basic'"),
            ("Authorization: Basic", "the API key is empty after 'Basic'"),
            ("short", "this does not look like a Maileon API key"),
            ("ä" * 20, "some not printable ASCII"),
            ("\x00" * 20, "some not printable ASCII"),
            ("x" * 300, "got 300 characters"),
        ]
    ]
    + [
        case(["secrets", "set", "acme", "test_api_key"], m, stdin=v, id=f"test_api_key {v!r}")
        for v, m in [("", "is empty"), ("two\nkeys here", TWO_PASTES), ("tiny", "got 4 characters")]
    ]
    + [
        case(["secrets", "set", "peiq", "auth_key"], m, stdin=v, id=f"auth_key {v!r}")
        for v, m in [
            ("", "the auth key is empty"),
            ("   ", "the auth key is empty"),
            ("nocolon", "this text has no ':'"),
            (":secret", "empty client id"),
            ("id:", "empty secret"),
            ("a:b\nc:d", TWO_PASTES),
            ("a:b c:d", TWO_PASTES),
        ]
    ]
    + [
        case(["secrets", "set", "peiq", "username"], m, stdin=v, id=f"username {v!r}")
        for v, m in [
            ("", "the username is empty"),
            ("   ", "the username is empty"),
            ("a b@example.com", "a username contains no spaces"),
            ("one@example.com\ntwo@example.com", "a username contains no spaces"),
        ]
    ]
    + [
        case(["secrets", "set", "peiq", "password"], m, stdin=v, id=f"password {v!r}")
        for v, m in [
            ("", "the password is empty"),
            ("\n", "the password is empty"),
            ("\r\n", "the password is empty"),
            ("a\nb", "the password holds a line break"),
            ("pw1\r\npw2", "the password holds a line break"),
        ]
    ]
)

NOT_HTTP = "is not an http(s) URL with a host name"
CONTROL = "contains a control character or white space"
BAD_PORT = "has an invalid port"
BASE_URLS = [
    ("ftp://x.example.com", NOT_HTTP),
    ("https://", NOT_HTTP),
    ("http://", NOT_HTTP),
    ("javascript:alert(1)", NOT_HTTP),
    ("", NOT_HTTP),
    (" ", NOT_HTTP),
    ("//x.com", NOT_HTTP),
    ("x.com", NOT_HTTP),
    ("https://[::1", NOT_HTTP),
    ("https://[notip]/1.0", NOT_HTTP),
    ("https://]x[", NOT_HTTP),
    ("file:///etc/passwd", NOT_HTTP),
    ("data:text/plain,hi", NOT_HTTP),
    ("https://:443", NOT_HTTP),
    ("http://example.com/1.0", "uses plain HTTP"),
    ("HTTP://example.com", "uses plain HTTP"),
    ("http://10.0.0.1/1.0", "uses plain HTTP"),
    ("https://exa mple.com", CONTROL),
    ("https://x.com/1.0\r\nX-Evil: 1", CONTROL),
    ("https://\x01.com", CONTROL),
    ("https://x.com/\x7f", CONTROL),
    ("https://x.com/1.0\x00", CONTROL),
    ("https://x.com/ 1.0", CONTROL),
    ("https://x.com/\u2028/1.0", CONTROL),
    ("https://x.com:99999", BAD_PORT),
    ("https://x.com:0", BAD_PORT),
    ("https://x.com:-1", BAD_PORT),
    ("https://x.com:65536", BAD_PORT),
    ("https://x.com:abc", BAD_PORT),
    ("https://x.com:", BAD_PORT),
    ("https://user:pw@x.com", "must not contain credentials"),
    ("https://x.com\\@evil.com", "must not contain credentials"),
    ("https://x.com/?a=1", "must not carry a query string"),
    ("https://x.com/#f", "must not carry a query string"),
]
URL_CASES = [
    case(add("new", "--base-url", url), message, id=f"base url {url[:30]!r}")
    for url, message in BASE_URLS
] + [
    case(["profiles", "edit", "acme", "--base-url", url], message, id=f"edit url {url[:30]!r}")
    for url, message in BASE_URLS[::4]
]

SANDBOX_CASES = [
    *(
        case(["sandbox", "--port", v], "--port must be a number from 0 to 65535")
        for v in ["70000", "-1", "99999", "abc", "1.5", "", "65536"]
    ),
    *(
        case(["sandbox", "--latency-ms", v], "--latency-ms must be a number from 0 to 600000")
        for v in ["-5", "abc", "1e9", "600001", "nan"]
    ),
    *(
        case(["sandbox", "--unsubscribe-delay", v], "--unsubscribe-delay must be a number")
        for v in ["-1", "nan", "inf", "abc", "86401"]
    ),
    *(
        case(["sandbox", "--token-lifetime", v], "--token-lifetime must be a number from 1 to")
        for v in ["0", "-1", "nan", "1e12", "abc"]
    ),
    *(
        case(["sandbox", "--fault", spec], f"bad --fault: {message}")
        for spec, message in [
            ("bogus", "fault kind must be one of"),
            ("", "fault kind must be one of"),
            (":", "fault kind must be one of"),
            ("error:status=100", "status must be an error status between 400 and 599"),
            ("error:status=600", "status must be an error status"),
            ("error:status=abc", "status must be an error status"),
            ("latency:latency_ms=-5", "latency_ms must be whole milliseconds"),
            ("latency:latency_ms=abc", "latency_ms must be whole milliseconds"),
            ("latency:latency_ms=1.5", "latency_ms must be whole milliseconds"),
            ("error:share=2", "share must be a number between 0 and 1"),
            ("error:share=nan", "share must be a number between 0 and 1"),
            ("error:share=-0.1", "share must be a number between 0 and 1"),
            ("drop:share=inf", "share must be a number between 0 and 1"),
            ("rate_limit:count=0", "count must be a whole number of at least 1"),
            ("error:count=1.5", "count must be a whole number"),
            ("rate_limit:retry_after=-1", "retry_after must be whole seconds"),
            ("slow_body:chunk_delay_ms=999999", "chunk_delay_ms must be whole milliseconds"),
            ("error:nonsense=1", "unknown fault rule keys: nonsense"),
            ("error:status", "expected key=value in fault spec"),
        ]
    ),
    case(["sandbox", "--host", "0.0.0.0"], "refusing to bind the sandbox to 0.0.0.0"),  # noqa: S104
    case(["sandbox", "--host", "::"], "refusing to bind the sandbox to ::"),
    case(["sandbox", "--host", "192.0.2.1", "--allow-remote"], "cannot listen on 192.0.2.1"),
    case(["sandbox", "--host", "no such host!", "--allow-remote"], "cannot listen on no such"),
]

CASES = (
    NAME_CASES
    + SETTING_CASES
    + CHECK_CASES
    + SECRET_ARG_CASES
    + STDIN_CASES
    + URL_CASES
    + SANDBOX_CASES
)


@pytest.mark.parametrize(("argv", "stdin", "code", "fragment"), CASES)
def test_bad_input_is_refused_and_nothing_changes(
    argv: list[str],
    stdin: str | None,
    code: int,
    fragment: str,
    home: Callable[[], State],
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = home()
    exit_code, printed = run(argv, stdin, capsys)
    assert exit_code == code, printed
    assert fragment in printed
    assert home() == before


def test_the_battery_has_at_least_150_bad_inputs() -> None:
    from tests.integration.test_battery_files import FILE_CASES, KEYMAP_CASES
    from tests.integration.test_battery_more import JSON_CASES, SUBPROCESS_CASES

    assert (
        len(CASES) + len(JSON_CASES) + len(SUBPROCESS_CASES) + len(FILE_CASES) + len(KEYMAP_CASES)
        >= 150
    )
