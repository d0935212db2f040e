"""The Maileon REST API 1.0 client package: client, XML wire format, field rules."""

from nlconsole.providers.maileon.client import (
    KEYS_PAGE,
    RIGHT_BY_METHOD,
    RIGHT_LABEL_DE,
    XML_TYPE,
    AccountInfo,
    MaileonClient,
    SyncMode,
    basic_auth_header,
)
from nlconsole.providers.maileon.fields import (
    CUSTOM_FIELD_TYPES,
    READ_ONLY_FIELDS,
    RESERVED_FIELD_NAMES,
    STANDARD_FIELDS,
    UNSUBSCRIBE_REASONS,
    validate_custom_field,
)
from nlconsole.providers.maileon.xml import DoiMailing, MaileonContact, Permission

__all__ = [
    "CUSTOM_FIELD_TYPES",
    "KEYS_PAGE",
    "READ_ONLY_FIELDS",
    "RESERVED_FIELD_NAMES",
    "RIGHT_BY_METHOD",
    "RIGHT_LABEL_DE",
    "STANDARD_FIELDS",
    "UNSUBSCRIBE_REASONS",
    "XML_TYPE",
    "AccountInfo",
    "DoiMailing",
    "MaileonClient",
    "MaileonContact",
    "Permission",
    "SyncMode",
    "basic_auth_header",
    "validate_custom_field",
]
