"""Maileon's route table (paths below `/maileon/1.0/`)."""

from __future__ import annotations

from collections.abc import Callable

from nlconsole.sandbox.maileon import account, contacts, custom_fields
from nlconsole.sandbox.maileon.state import MaileonCall
from nlconsole.sandbox.web import Response, Route, Router

MaileonHandler = Callable[[MaileonCall], Response]

ROUTES: Router[MaileonHandler] = Router(
    [
        Route("*", "ping", account.ping),
        Route("GET", "account/info", account.account_info),
        Route("GET", "contacts/fields/custom", custom_fields.list_fields),
        Route("POST", "contacts/fields/custom/{name}", custom_fields.create_field),
        Route("DELETE", "contacts/fields/custom/{name}", custom_fields.delete_field),
        Route("POST", "contacts/email/{email}", contacts.create_contact),
        Route("GET", "contacts/email/{email}", contacts.get_contact),
        Route("PUT", "contacts/email/{email}", contacts.update_contact),
        Route("DELETE", "contacts/email/{email}", contacts.delete_contact),
        Route("DELETE", "contacts/email/{email}/unsubscribe", contacts.unsubscribe),
        Route("GET", "contacts/email/{email}/unsubscription", contacts.has_unsubscription_marker),
        Route(
            "DELETE",
            "contacts/email/{email}/unsubscription",
            contacts.delete_unsubscription_marker,
        ),
        Route("GET", "mailings/filter/types", account.list_mailings),
        Route("GET", "mailings/{mailing_id}/settings/doi_key", account.doi_key),
    ]
)
