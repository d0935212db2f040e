"""The German catalogue: complete, in step with the code, compiled, placeholders intact."""

from __future__ import annotations

import gettext
import re

from tests.support.catalog import MO_FILE, PO_FILE, extract, read_catalog, untranslated

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[srd]|%[srd]")


def _ids(catalog: object) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}  # type: ignore[attr-defined]


def test_every_msgid_has_german() -> None:
    assert untranslated(read_catalog()) == []


def test_catalogue_is_in_step_with_the_code() -> None:
    in_code, in_catalogue = _ids(extract()), _ids(read_catalog())
    assert sorted(in_code - in_catalogue) == [], "run tests/i18n/update_catalog.py"
    assert sorted(in_catalogue - in_code) == [], "stale msgids: run tests/i18n/update_catalog.py"


def test_compiled_catalogue_matches_the_po_file() -> None:
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in read_catalog():
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            singular, plural = str(message.id[0]), str(message.id[1])
            forms = tuple(message.string or ())
            assert (
                compiled.ngettext(singular, plural, 1),
                compiled.ngettext(singular, plural, 5),
            ) == (
                forms[0],
                forms[1],
            )
        else:
            assert compiled.gettext(str(message.id)) == message.string, PO_FILE


def test_translations_keep_every_placeholder() -> None:
    for message in read_catalog():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(str(ids[-1])))
        for translated in strings:
            found = sorted(PLACEHOLDER.findall(str(translated)))
            # A singular may leave out {count} ("one day" / "ein Tag"), nothing else.
            assert set(found) <= set(wanted), (message.id, translated)
            assert set(wanted) - set(found) <= {"{count}"}, (message.id, translated)
