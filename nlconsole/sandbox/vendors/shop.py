"""A mock cmxOrganize course shop (`/shop`): a German booking form whose "Newsletter" box makes
the interface "Newsletter maileon (Export)" create the Maileon contact with DOI.

The export does what the cmx guide and the reference suggest (domain.md §4, §7.2): the key
with create and update rights; `doi=true`, `doiplus` from the "Einzelnutzertracking" box;
`src` naming the purchase; SALUTATION, GENDER, TITLE, FIRSTNAME and LASTNAME (the Name); and
what Maileon has no standard field for in the custom fields nlconsole's bootstrap creates by
default: the Namenspräfix (`NAMENSPRAEFIX`, left out when empty), the "Autowert des Einkaufs"
(`cmx_einkauf`) and the tracking consent (`EINZELNUTZERTRACKING`). The emulated Maileon refuses
a write to a custom field that does not exist (400), so before the bootstrap the export fails,
visibly in the log.
Without the Newsletter box nothing reaches Maileon. Each export is logged
(`/shop/protokoll.json`), failures included, as the cmx interface log would show them.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass
from html import escape
from urllib.parse import quote
from xml.sax.saxutils import escape as xml_escape

from nlconsole.sandbox.seeds import maileon_key
from nlconsole.sandbox.vendors.html import (
    PageHandler,
    checkbox,
    first,
    form,
    page,
    select,
    text_input,
)
from nlconsole.sandbox.vendors.interfaces import Dispatch, call, maileon_headers
from nlconsole.sandbox.web import Params, Request, Response, Route, RouteMissing, Router

SALUTATIONS = ("keine Angabe", "Herr", "Frau", "divers")
GENDER_OF_SALUTATION = {"Herr": "m", "Frau": "f", "divers": "d"}
SHOP_KEY_SCENARIO = "create_update"
"""The key the cmx guide asks for: create and update rights only."""
FIRST_AUTOWERT = 10001
MAX_LOG_ENTRIES = 1000
COURSE = "Aquarellmalen für Einsteiger (Kurs 26-104)"
PREFIX_FIELD, PURCHASE_FIELD, TRACKING_FIELD = (
    "NAMENSPRAEFIX",
    "cmx_einkauf",
    "EINZELNUTZERTRACKING",
)
"""The custom fields of the cmx template as the sandbox models it (nlconsole's default mapping)."""


@dataclass
class ExportLogEntry:
    """One run of the Maileon export, as the cmx interface log shows it."""

    autowert: int
    email: str
    newsletter: bool
    einzelnutzertracking: bool
    status: int | None
    """Maileon's HTTP status; None when nothing was exported (no newsletter box)."""
    message: str


class CourseShop:
    """The booking form, the purchases and the export log."""

    def __init__(self, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        self._lock = threading.Lock()
        self._next_autowert = FIRST_AUTOWERT
        self._log: list[ExportLogEntry] = []
        self.router: Router[PageHandler] = Router(
            [
                Route("GET", "", self._form_page),
                Route("POST", "buchen", self._book),
                Route("GET", "protokoll.json", self._log_json),
            ]
        )

    def handle(self, request: Request, path: tuple[str, ...]) -> Response | None:
        """Answer a request below `/shop/`, or None when no route fits."""
        route = self.router.resolve(request.method, path)
        if isinstance(route, RouteMissing):
            return None
        return route.handler(request, route.params)

    def _form_page(self, request: Request, params: Params) -> Response:
        fields = "".join(
            [
                select("anrede", "Anrede", SALUTATIONS),
                text_input("amtsbezeichnung", "Berufs-/Amtsbezeichnung"),
                text_input("namenspraefix", "Namenspräfix"),
                text_input("name", "Name"),
                text_input("vorname", "Vorname"),
                text_input("email", "E-Mail", kind="email"),
                checkbox("newsletter", "Newsletter: Ja, ich möchte den Newsletter erhalten."),
                checkbox(
                    "einzelnutzertracking",
                    "Einzelnutzertracking: Ich willige in die Erhebung und Analyse von "
                    "individuellem Nutzerverhalten ein.",
                ),
            ]
        )
        return page(
            "Kursbuchung",
            f"<p>Kurs: {escape(COURSE)}</p>"
            f'<form method="post" action="/shop/buchen"><fieldset>{fields}</fieldset>'
            '<button type="submit">Kostenpflichtig buchen</button></form>',
        )

    def _book(self, request: Request, params: Params) -> Response:
        values = form(request)
        email = first(values, "email")
        if "@" not in email:
            return page(
                "Kursbuchung", '<p class="fehler">Bitte eine E-Mail-Adresse angeben.</p>', 400
            )
        newsletter = first(values, "newsletter") == "ja"
        tracking = first(values, "einzelnutzertracking") == "ja"
        with self._lock:
            autowert = self._next_autowert
            self._next_autowert += 1
        if newsletter:
            status, message = self._export(autowert, values, tracking)
        else:
            status, message = None, "kein Newsletter gewählt: nichts exportiert"
        with self._lock:
            self._log.append(ExportLogEntry(autowert, email, newsletter, tracking, status, message))
            del self._log[:-MAX_LOG_ENTRIES]
        hint = (
            '<p class="hinweis">Bitte bestätigen Sie Ihre Newsletter-Anmeldung über den Link '
            "in der E-Mail, die Sie gleich erhalten.</p>"
            if newsletter and status is not None and status < 300
            else ""
        )
        return page(
            "Vielen Dank für Ihre Buchung",
            f"<p>Einkauf Nr. <strong>{autowert}</strong> für {escape(email)}.</p>{hint}",
        )

    def _export(
        self, autowert: int, values: dict[str, list[str]], tracking: bool
    ) -> tuple[int, str]:
        """`POST contacts/email/{email}` as the cmx export would send it."""
        headers = maileon_headers(maileon_key(SHOP_KEY_SCENARIO))
        salutation = first(values, "anrede")
        prefix, name = first(values, "namenspraefix"), first(values, "name")
        standard = {
            "SALUTATION": salutation if salutation in GENDER_OF_SALUTATION else "",
            "GENDER": GENDER_OF_SALUTATION.get(salutation, ""),
            "TITLE": first(values, "amtsbezeichnung"),
            "FIRSTNAME": first(values, "vorname"),
            "LASTNAME": name,
        }
        custom = {
            PREFIX_FIELD: prefix.strip(),
            PURCHASE_FIELD: str(autowert),
            TRACKING_FIELD: "true" if tracking else "false",
        }
        email = first(values, "email")
        response = call(
            self._dispatch,
            "POST",
            f"/maileon/1.0/contacts/email/{quote(email, safe='')}",
            headers,
            _contact_xml(standard, custom).encode(),
            [
                ("permission", "1"),
                ("sync_mode", "1"),
                ("doi", "true"),
                ("doiplus", "true" if tracking else "false"),
                ("src", f"cmxOrganize Einkauf {autowert}"),
                ("subscription_page", "cmxOrganize Internetauftritt Kursbuchung"),
            ],
        )
        text = response.body.decode("utf-8", "replace")[:300]
        return response.status, f"Maileon {response.status}" + (f": {text}" if text else "")

    def _log_json(self, request: Request, params: Params) -> Response:
        with self._lock:
            return Response.json(200, {"exports": [asdict(entry) for entry in self._log]})


def _contact_xml(standard: dict[str, str], custom: dict[str, str]) -> str:
    """The contact body; empty values are left out (never sent as '' or null)."""

    def items(fields: dict[str, str]) -> str:
        return "".join(
            f"<field><name>{name}</name><value>{xml_escape(value)}</value></field>"
            for name, value in fields.items()
            if value
        )

    return (
        f"<contact><standard_fields>{items(standard)}</standard_fields>"
        f"<custom_fields>{items(custom)}</custom_fields></contact>"
    )
