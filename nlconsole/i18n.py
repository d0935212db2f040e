"""Translatable text: English msgids, rendered in the reader's language at the edge.

Code below the edge (providers, core) never knows the reader's language: it builds `Msg`
values with `_("... {name} ...", name=value)` or `_n(singular, plural, count)`. The edge (CLI
output, screens, protocol) renders them with a `Translator`, which looks the msgid up in the
gettext catalogue `nlconsole/locale/<lang>/LC_MESSAGES/nlconsole.mo`. A `Msg` also survives a
JSON round trip, so a stored report can be shown or exported later in another language.

Babel extracts the msgids (keywords `_` and `_n:1,2`); placeholders use `str.format` syntax.
Values that are not ours to translate (names, server texts, URLs) go in as parameters, never
as msgids.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args

Language = Literal["de", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
LANG_ENV = "NLCONSOLE_LANG"
DOMAIN = "nlconsole"
LOCALE_DIR = Path(__file__).parent / "locale"

Param = Union[str, int, float, date, "Msg", "Joined", None]
Text = Union[str, "Msg"]
"""What can be shown to a person: our own translatable text, or text that is not ours."""


@dataclass(frozen=True, slots=True)
class Msg:
    """A translatable text: an English msgid (and plural form) plus its parameters."""

    msgid: str
    params: tuple[tuple[str, Param], ...] = ()
    plural: str | None = None
    count: int | None = None

    def __str__(self) -> str:
        return ENGLISH(self)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready form that `Msg.from_json` reads back (for runs and reports)."""
        data: dict[str, Any] = {"msgid": self.msgid}
        if self.plural is not None:
            data["plural"] = self.plural
            data["count"] = self.count
        if self.params:
            data["params"] = {name: _param_json(value) for name, value in self.params}
        return data

    @classmethod
    def from_json(cls, data: Any) -> Text:
        """Read what `to_json` wrote; a plain string stays a plain string."""
        if isinstance(data, str | Msg):
            return data
        if not isinstance(data, Mapping) or not isinstance(data.get("msgid"), str):
            raise ValueError("a stored text is a string or an object with a 'msgid'")
        raw_params = data.get("params") or {}
        if not isinstance(raw_params, Mapping):
            raise ValueError("the 'params' of a stored text must be an object")
        params = tuple((str(k), _param_from_json(v)) for k, v in raw_params.items())
        plural = data.get("plural")
        count = data.get("count")
        return cls(
            data["msgid"],
            params,
            plural if isinstance(plural, str) else None,
            count if isinstance(count, int) else None,
        )


@dataclass(frozen=True, slots=True)
class Joined:
    """Several texts shown as one, separated by `sep` (e.g. a list of names)."""

    items: tuple[Param, ...]
    sep: str = ", "


def _(msgid: str, /, **params: Param) -> Msg:
    """A translatable text; `{name}` placeholders are filled from `params` when rendered."""
    return Msg(msgid, tuple(params.items()))


def _n(singular: str, plural: str, count: int, /, **params: Param) -> Msg:
    """A translatable text with plural forms chosen by `count` (also available as `{count}`)."""
    return Msg(singular, tuple({"count": count, **params}.items()), plural, count)


def joined(items: Sequence[Param], sep: str = ", ") -> Joined:
    """Several texts as one parameter."""
    return Joined(tuple(items), sep)


def joined_some(items: Sequence[Param], limit: int = 5) -> Joined:
    """The first `limit` texts as one parameter, and how many more there are ('and 3 more')."""
    shown: list[Param] = list(items[:limit])
    rest = len(items) - len(shown)
    if rest > 0:
        shown.append(_n("and {count} more", "and {count} more", rest))
    return Joined(tuple(shown), ", ")


def _param_json(value: Param) -> Any:
    if isinstance(value, Msg):
        return value.to_json()
    if isinstance(value, Joined):
        return {"joined": [_param_json(v) for v in value.items], "sep": value.sep}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def _param_from_json(value: Any) -> Param:
    if isinstance(value, Mapping):
        if "msgid" in value:
            return Msg.from_json(value)
        if "joined" in value and isinstance(value["joined"], list):
            return Joined(
                tuple(_param_from_json(v) for v in value["joined"]), str(value.get("sep", ", "))
            )
        if "datetime" in value:
            return datetime.fromisoformat(str(value["datetime"]))
        if "date" in value:
            return date.fromisoformat(str(value["date"]))
        raise ValueError("unknown parameter form in a stored text")
    if value is None or isinstance(value, str | int | float):
        return value
    raise ValueError("unknown parameter form in a stored text")


class Translator:
    """Renders texts in one language; callable: `translator(text) -> str`."""

    def __init__(self, language: Language, translations: gettext.NullTranslations) -> None:
        self.language: Language = language
        self._translations = translations

    @classmethod
    def for_language(cls, language: Language) -> Translator:
        """The translator of a language (catalogues are read once per process)."""
        return _translator(language)

    def gettext(self, msgid: str) -> str:
        """The translation of a msgid (the msgid itself when there is none)."""
        return self._translations.gettext(msgid)

    def __call__(self, text: Text | None) -> str:
        """Render a text; plain strings (not ours to translate) pass through unchanged."""
        if text is None:
            return ""
        if isinstance(text, str):
            return text
        if text.plural is not None:
            template = self._translations.ngettext(text.msgid, text.plural, text.count or 0)
        else:
            template = self._translations.gettext(text.msgid)
        if not text.params:
            return template
        values = {name: self._param(value) for name, value in text.params}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to English.
            return text.msgid.format(**values) if template != text.msgid else template

    def _param(self, value: Param) -> Any:
        if isinstance(value, Msg):
            return self(value)
        if isinstance(value, Joined):
            return value.sep.join(str(self._param(v)) for v in value.items)
        if isinstance(value, datetime):
            return self.datetime(value)
        if isinstance(value, date):
            return self.date(value)
        return "" if value is None else value

    def date(self, value: date) -> str:
        """A date as people of the language write it (31.03.2027 / 2027-03-31)."""
        return value.strftime("%d.%m.%Y") if self.language == "de" else value.isoformat()

    def datetime(self, value: datetime) -> str:
        """A local date and time to the minute."""
        local = value.astimezone() if value.tzinfo else value
        return local.strftime("%d.%m.%Y %H:%M" if self.language == "de" else "%Y-%m-%d %H:%M")


@cache
def _translator(language: Language) -> Translator:
    if language == "en":
        return Translator("en", gettext.NullTranslations())
    translations = gettext.translation(
        DOMAIN, localedir=LOCALE_DIR, languages=[language], fallback=True
    )
    return Translator(language, translations)


ENGLISH = Translator("en", gettext.NullTranslations())
"""English needs no catalogue: the msgids are English."""


def detect_language(env: Mapping[str, str] | None = None) -> Language:
    """'de' or 'en' from NLCONSOLE_LANG, else the locale variables (LC_ALL, LC_MESSAGES, LANG)."""
    environ = os.environ if env is None else env
    for name in (LANG_ENV, "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value:
            return "de" if value.startswith("de") else "en"
    return "en"
