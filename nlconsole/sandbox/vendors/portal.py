"""A mock PEIQ PORTAL (`/portal`): registration with newsletter choice, login after the e-mail
verification, and the account settings (`/portal/user/settings`) with the tabs "Account"
(name, Geschlecht, e-mail change with verification, Löschantrag) and "Newsletter"."""

from __future__ import annotations

from html import escape

from nlconsole.sandbox.vendors.html import (
    PageHandler,
    checkbox,
    first,
    form,
    page,
    redirect,
    select,
    text_input,
)
from nlconsole.sandbox.vendors.portal_accounts import (
    GENDERS,
    NEWSLETTERS,
    PortalAccounts,
    PortalUser,
)
from nlconsole.sandbox.web import Params, Request, Response, Route, RouteMissing, Router

SESSION_COOKIE = "portal_session"
MAX_NAME_LENGTH = 35
"""Per name field for persons (PEIQ Registrierung)."""
MAX_ORGANISATION_NAME_LENGTH = 80
"""For companies and institutions, which have no Vorname (PEIQ Registrierung)."""
USER_TYPES = ("Person", "Unternehmen", "Institution")


class PortalPages:
    """The portal's pages on top of its accounts."""

    def __init__(self, accounts: PortalAccounts) -> None:
        self.accounts = accounts
        self._router: Router[PageHandler] = Router(
            [
                Route("GET", "", self._start),
                Route("GET", "register", self._register_form),
                Route("POST", "register", self._register),
                Route("GET", "login", self._login_form),
                Route("POST", "login", self._login),
                Route("GET", "user/settings", self._settings),
                Route("POST", "user/settings/account", self._change_account),
                Route("POST", "user/settings/email", self._change_email),
                Route("POST", "user/settings/newsletter", self._change_newsletters),
                Route("POST", "user/settings/delete", self._delete),
                Route("GET", "protokoll.json", self._log_json),
            ]
        )

    def handle(self, request: Request, path: tuple[str, ...]) -> Response | None:
        """Answer a request below `/portal/`, or None when no route fits."""
        route = self._router.resolve(request.method, path)
        if isinstance(route, RouteMissing):
            return None
        return route.handler(request, route.params)

    def _start(self, request: Request, params: Params) -> Response:
        return page(
            "PEIQ PORTAL (Sandbox)",
            '<p><a href="/portal/register">Registrieren</a> · '
            '<a href="/portal/login">Anmelden</a></p>',
        )

    def _register_form(self, request: Request, params: Params, problem: str = "") -> Response:
        fields = "".join(
            [
                select("nutzertyp", "Registrieren als", USER_TYPES),
                select("geschlecht", "Geschlecht", GENDERS),
                text_input("vorname", "Vorname (nur Personen)"),
                text_input("name", "Name"),
                text_input("email", "E-Mail-Adresse", kind="email"),
                text_input("passwort", "Passwort", kind="password"),
                "<fieldset><legend>Newsletter</legend>",
                *(checkbox("newsletter", n, n) for n in NEWSLETTERS),
                "</fieldset>",
            ]
        )
        notice = f'<p class="fehler">{escape(problem)}</p>' if problem else ""
        return page(
            "Registrierung",
            f'{notice}<form method="post" action="/portal/register">{fields}'
            '<button type="submit">Registrieren</button></form>',
            400 if problem else 200,
        )

    def _register(self, request: Request, params: Params) -> Response:
        values = form(request)
        email, password = first(values, "email"), first(values, "passwort")
        first_name, last_name = first(values, "vorname"), first(values, "name")
        person = first(values, "nutzertyp") in ("", USER_TYPES[0])
        if not person:
            first_name = ""  # "Bei Unternehmen und Institutionen fällt das Feld 'Vorname' weg"
        problem = _person_problem(first_name, last_name, person) or _email_problem(email)
        if not password:
            problem = problem or "Bitte ein Passwort wählen."
        if not problem and self.accounts.by_email(email) is not None:
            problem = "Diese E-Mail-Adresse ist bereits registriert."
        if problem:
            return self._register_form(request, params, problem)
        gender = first(values, "geschlecht") if person else ""
        chosen = set(values.get("newsletter", []))
        self.accounts.register(email, first_name, last_name, gender, password, chosen)
        return page(
            "Fast geschafft",
            f"<p>Wir haben eine E-Mail an {escape(email)} geschickt. Bitte bestätigen Sie Ihre "
            "E-Mail-Adresse; danach können Sie sich anmelden.</p>",
        )

    def _login_form(self, request: Request, params: Params, problem: str = "") -> Response:
        notice = f'<p class="fehler">{escape(problem)}</p>' if problem else ""
        return page(
            "Anmelden",
            f'{notice}<form method="post" action="/portal/login">'
            + text_input("email", "E-Mail-Adresse", kind="email")
            + text_input("passwort", "Passwort", kind="password")
            + '<button type="submit">Anmelden</button></form>',
            403 if problem else 200,
        )

    def _login(self, request: Request, params: Params) -> Response:
        values = form(request)
        session = self.accounts.log_in(first(values, "email"), first(values, "passwort"))
        if session is None:
            return self._login_form(
                request,
                params,
                "Anmeldung nicht möglich: falsche Angaben oder E-Mail-Adresse nicht bestätigt.",
            )
        response = redirect("/portal/user/settings")
        response.headers["Set-Cookie"] = (
            f"{SESSION_COOKIE}={session}; Path=/portal; HttpOnly; SameSite=Lax"
        )
        return response

    def _user(self, request: Request) -> PortalUser | None:
        for part in request.header("Cookie").split(";"):
            name, _, value = part.strip().partition("=")
            if name == SESSION_COOKIE:
                with self.accounts.lock:
                    user_id = self.accounts.sessions.get(value)
                    return self.accounts.users.get(user_id or "")
        return None

    def _settings(self, request: Request, params: Params, notice: str = "") -> Response:
        user = self._user(request)
        if user is None:
            return redirect("/portal/login")
        pending = (
            f'<p class="hinweis">Bestätigung ausstehend für {escape(user.pending_email)}.</p>'
            if user.pending_email
            else ""
        )
        account = (
            '<h2>Account</h2><form method="post" action="/portal/user/settings/account">'
            + select("geschlecht", "Geschlecht", GENDERS, user.gender)
            + text_input("vorname", "Vorname", user.first_name)
            + text_input("name", "Name", user.last_name)
            + '<button type="submit">Speichern</button></form>'
            + f"<p>E-Mail-Adresse: {escape(user.email)}</p>{pending}"
            + '<form method="post" action="/portal/user/settings/email">'
            + text_input("email", "Neue E-Mail-Adresse", kind="email")
            + '<button type="submit">E-Mail-Adresse ändern</button></form>'
            + '<form method="post" action="/portal/user/settings/delete">'
            + '<button type="submit">Löschantrag einreichen</button></form>'
        )
        newsletters = (
            '<h2>Newsletter</h2><form method="post" action="/portal/user/settings/newsletter">'
            + "".join(checkbox("newsletter", n, n, n in user.newsletters) for n in NEWSLETTERS)
            + '<button type="submit">Speichern</button></form>'
        )
        shown = f'<p class="hinweis">{escape(notice)}</p>' if notice else ""
        return page("Account-Einstellungen", shown + account + newsletters)

    def _change_account(self, request: Request, params: Params) -> Response:
        user = self._user(request)
        if user is None:
            return redirect("/portal/login")
        values = form(request)
        first_name, last_name = first(values, "vorname"), first(values, "name")
        problem = _person_problem(first_name, last_name, bool(user.first_name))
        if problem:
            return self._settings(request, params, problem)
        with self.accounts.lock:
            user.first_name, user.last_name = first_name, last_name
            user.gender = first(values, "geschlecht") or user.gender
            self.accounts.push_profile(user)
        return self._settings(request, params, "Ihre Angaben wurden gespeichert.")

    def _change_email(self, request: Request, params: Params) -> Response:
        user = self._user(request)
        if user is None:
            return redirect("/portal/login")
        email = first(form(request), "email")
        problem = _email_problem(email)
        if not problem and self.accounts.by_email(email) is not None:
            problem = "Diese E-Mail-Adresse ist bereits registriert."
        if problem:
            return self._settings(request, params, problem)
        self.accounts.request_email_change(user, email)
        return self._settings(
            request, params, f"Wir haben einen Bestätigungslink an {email} geschickt."
        )

    def _change_newsletters(self, request: Request, params: Params) -> Response:
        user = self._user(request)
        if user is None:
            return redirect("/portal/login")
        chosen = set(form(request).get("newsletter", [])) & set(NEWSLETTERS)
        with self.accounts.lock:
            for newsletter in NEWSLETTERS:
                if newsletter in chosen and newsletter not in user.newsletters:
                    self.accounts.subscribe(user, newsletter)
                elif newsletter not in chosen and newsletter in user.newsletters:
                    self.accounts.unsubscribe(user, newsletter)
        return self._settings(request, params, "Ihre Newsletter-Auswahl wurde gespeichert.")

    def _delete(self, request: Request, params: Params) -> Response:
        user = self._user(request)
        if user is None:
            return redirect("/portal/login")
        self.accounts.delete(user)
        return page(
            "Löschantrag", "<p>Ihr Konto und Ihre Newsletter-Abonnements sind gelöscht.</p>"
        )

    def _log_json(self, request: Request, params: Params) -> Response:
        return Response.json(200, {"syncs": self.accounts.log_json()})


def _person_problem(first_name: str, last_name: str, person: bool = True) -> str | None:
    if not person:
        if not last_name:
            return "Bitte den Namen des Unternehmens oder der Institution angeben."
        if len(last_name) > MAX_ORGANISATION_NAME_LENGTH:
            return f"Der Name hat höchstens {MAX_ORGANISATION_NAME_LENGTH} Zeichen."
        return None
    if not first_name or not last_name:
        return "Bitte Vorname und Name angeben."
    if len(first_name) > MAX_NAME_LENGTH or len(last_name) > MAX_NAME_LENGTH:
        return f"Vorname und Name haben höchstens {MAX_NAME_LENGTH} Zeichen."
    return None


def _email_problem(email: str) -> str | None:
    local, at, domain = email.partition("@")
    if not (local and at and "." in domain) or '"' in email or " " in email:
        return "Bitte eine gültige E-Mail-Adresse angeben."
    return None
