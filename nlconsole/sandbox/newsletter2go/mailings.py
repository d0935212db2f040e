"""A test mailing with an unsubscribe link, as a tester sends it from Newsletter2Go's web app
(P7), and what following the links of Newsletter2Go's mails does.

Newsletter2Go's API has no call to send a mailing: the tester sends a test mailing in the web
app. The sandbox serves that as one page, `/newsletter2go-app/testmailing`. Its mail carries an
unsubscribe link; following it unsubscribes the recipient in that address book, which puts the
address on the book's blacklist (N2G help, "Blacklist: Funktionsweise").
"""

from __future__ import annotations

from html import escape

from nlconsole.sandbox.mailbox import Mail
from nlconsole.sandbox.newsletter2go import forms
from nlconsole.sandbox.newsletter2go.state import N2GState
from nlconsole.sandbox.vendors.html import first, form, page, select, text_input
from nlconsole.sandbox.web import Request, Response

UNSUBSCRIBE = "unsubscribe"


def follow(state: N2GState, mail: Mail) -> str:
    """A link in a Newsletter2Go mail: the DOI confirmation, or a mailing's unsubscribe link."""
    if mail.context.get("action") != UNSUBSCRIBE:
        return forms.confirm(state, mail)
    with state.lock:
        company = next(
            (c for c in state.companies.values() if c.id == mail.context["company"]), None
        )
        record = company.recipients.get(mail.to.lower()) if company else None
        membership = record.memberships.get(str(mail.context["list_id"])) if record else None
        if membership is None:
            return "Diese Adresse ist in diesem Adressbuch nicht (mehr) eingetragen."
        membership.is_unsubscribed = membership.is_blacklisted = True
        return f"{mail.to} ist abgemeldet."


def testmailing_page(state: N2GState, request: Request) -> Response:
    """GET: the form (address book, recipient); POST: send the test mailing to one recipient
    of the book, as Newsletter2Go's test dispatch does."""
    with state.lock:
        books = {
            f"{company.name}: {book.name}": (company.id, book.id)
            for company in state.companies.values()
            for book in company.lists.values()
        }
    problem = notice = ""
    if request.method == "POST":
        values = form(request)
        chosen, email = books.get(first(values, "adressbuch")), first(values, "email").strip()
        problem = _send(state, chosen, email) if chosen else "Bitte ein Adressbuch wählen."
        notice = "" if problem else f"Testmailing an {email} verschickt."
    shown = "".join(
        f'<p class="{c}">{escape(t)}</p>'
        for c, t in (("fehler", problem), ("hinweis", notice))
        if t
    )
    return page(
        "Newsletter2Go: Testversand (Sandbox)",
        shown
        + '<form method="post" action="/newsletter2go-app/testmailing">'
        + select("adressbuch", "Adressbuch", tuple(books))
        + text_input("email", "Empfänger (E-Mail-Adresse)", kind="email")
        + '<button type="submit">Testmailing senden</button></form>',
        400 if problem else 200,
    )


def _send(state: N2GState, chosen: tuple[str, str], email: str) -> str:
    company_id, list_id = chosen
    with state.lock:
        company = next(c for c in state.companies.values() if c.id == company_id)
        record = company.recipients.get(email.lower())
        if record is None or list_id not in record.memberships:
            return "Dieser Empfänger ist nicht in diesem Adressbuch."
        book = company.lists[list_id].name
    state.mailbox.send(
        "newsletter2go",
        email,
        f"Testmailing: {book}",
        f"Newsletter '{book}' von {company.name}. Abmelden: Link folgen.",
        action=UNSUBSCRIBE,
        link_label="Abmelden",
        company=company_id,
        list_id=list_id,
    )
    return ""
