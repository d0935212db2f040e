"""The Newsletter2Go REST client package: client, token, forms, wire format, data models."""

from nlconsole.providers.newsletter2go.auth import REFRESH_AHEAD
from nlconsole.providers.newsletter2go.client import (
    ATTRIBUTE_NAME_RE,
    PAGE_SIZE,
    Newsletter2GoClient,
    filter_equals,
)
from nlconsole.providers.newsletter2go.models import (
    AddressBook,
    Attribute,
    Company,
    FormInfo,
    FormSubmitResult,
    Recipient,
    User,
)
from nlconsole.providers.newsletter2go.wire import API_TAB, PASSWORD_GRANT, REFRESH_GRANT

__all__ = [
    "API_TAB",
    "ATTRIBUTE_NAME_RE",
    "PAGE_SIZE",
    "PASSWORD_GRANT",
    "REFRESH_AHEAD",
    "REFRESH_GRANT",
    "AddressBook",
    "Attribute",
    "Company",
    "FormInfo",
    "FormSubmitResult",
    "Newsletter2GoClient",
    "Recipient",
    "User",
    "filter_equals",
]
