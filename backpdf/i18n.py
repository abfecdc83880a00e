"""The handout's language: message catalogs (gettext, read with Babel) and dates.

Every word the code prints for a patient — layout labels, dose words, the page-1 summary,
warnings — is an English msgid looked up in `backpdf/locale/<language>/LC_MESSAGES/backpdf.po`.
English is the identity: the msgids are the English text. Babel reads the catalog (its
plural rule comes from the catalog's header, so "1 vez" / "10 veces" need no code) and
writes dates in the language's own words ("21 de noviembre de 2026").

A language is supported when it has a catalog here and a translation of the library
(see `library_translation`); `SUPPORTED_LANGUAGES` lists them.
"""

from __future__ import annotations

import datetime as _dt
import gettext as _gettext
import io
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from backpdf import kept, vocabulary
from backpdf.errors import BackpdfError

SUPPORTED_LANGUAGES = vocabulary.languages()  # ("en", "es"): the schemas' list, one source
DEFAULT_LANGUAGE = "en"
CATALOG_DOMAIN = "backpdf"
# Babel's locale for each language's dates: British English keeps "21 November 2026",
# the day before the month, as the handouts have always printed it.
_DATE_LOCALES = {"en": "en_GB", "es": "es"}


def N_(message: str) -> str:
    """Marks a message for extraction where it is defined; it is translated where it is used."""
    return message


def check_language(language: str) -> str:
    """`language` if backpdf can print it, else an error listing the ones it can."""
    if language not in SUPPORTED_LANGUAGES:
        raise BackpdfError(f"unknown language '{language}'; backpdf prints "
                           + ", ".join(SUPPORTED_LANGUAGES))
    return language


@dataclass(frozen=True, eq=False)
class Translator:
    """gettext and ngettext for one language."""

    language: str
    catalog: _gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)


def catalog_path(language: str):
    from backpdf.resources import package_dir

    return package_dir() / "locale" / language / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po"


def read_catalog(language: str):
    """The language's catalog as Babel reads it (for tests and the completeness check)."""
    from babel.messages.pofile import read_po

    with catalog_path(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=CATALOG_DOMAIN)


@cache
def translator(language: str) -> Translator:
    """The translator for `language`, built once: the .po catalog compiled in memory."""
    check_language(language)
    if language == DEFAULT_LANGUAGE:
        return Translator(language, _gettext.NullTranslations())
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(language))
    compiled.seek(0)
    return Translator(language, _gettext.GNUTranslations(compiled))


@lru_cache(maxsize=64)
def long_date(date: _dt.date, language: str) -> str:
    """The date as a patient reads it: "21 November 2026", "21 de noviembre de 2026".

    Kept in the cache folder by Babel version, locale and date: Babel's import and its
    locale data cost a fresh `generate` about 25 ms to write one date.
    """
    import babel

    locale = _DATE_LOCALES[check_language(language)]
    entry = f"babel {babel.__version__}:{locale}:long:{date.isoformat()}"
    stored = kept.read("dates", entry)
    try:
        words = stored.decode("utf-8") if stored is not None else ""
    except UnicodeDecodeError:
        words = ""
    if str(date.year) in words and str(date.day) in words and "\n" not in words:
        return words
    from babel.dates import format_date

    words = format_date(date, format="long", locale=locale)
    kept.keep("dates", entry, words.encode("utf-8"))
    return words


def extract_layout_labels(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str, Any, list]]:
    """A `pybabel extract` method for layout files: every label is a msgid (a list label,
    such as the weekdays, gives one per item). Named in `babel.cfg`."""
    import yaml

    data = yaml.safe_load(fileobj)
    for value in (data or {}).get("labels", {}).values():
        for item in value if isinstance(value, list) else [value]:
            yield 0, "gettext", str(item), []


def messages_in_use() -> set:
    """Every msgid the code and the base layout use: what `pybabel extract -F babel.cfg`
    finds, computed here so a test can hold each catalog to it. A plural message is a
    (singular, plural) pair."""
    from babel.messages.extract import extract_from_dir

    from backpdf.resources import bundled_layouts_dir, package_dir

    package = package_dir()
    found = {message for _file, _line, message, _comments, _context
             in extract_from_dir(str(package), method_map=[("**.py", "python")]) if message}
    with (bundled_layouts_dir() / "_base.yaml").open("rb") as handle:
        found |= {message for _line, _function, message, _comments in extract_layout_labels(handle, (), (), {})}
    return found
