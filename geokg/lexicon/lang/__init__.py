"""Registry of per-language rule modules, loaded lazily by language code."""

from __future__ import annotations

import re
from importlib import import_module

from ...errors import UnknownLanguage
from .base import LanguageRules

LANGUAGES: dict[str, str] = {"ar": "geokg.lexicon.lang.ar", "en": "geokg.lexicon.lang.en"}

_ARABIC = re.compile("[\u0600-\u06FF]")
_LATIN = re.compile("[A-Za-z]")


def get_rules(code: str) -> LanguageRules:
    """Return the rules of language *code*, raising UnknownLanguage for unknown codes."""
    try:
        path = LANGUAGES[code]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise UnknownLanguage(f"no extraction rules for language {code!r} (known: {known})") from None
    return import_module(path).RULES


def detect_language(text: str) -> str:
    """Return the code of the registered language whose script dominates *text*.

    >>> detect_language("الصين وبيلاروسيا")
    'ar'
    >>> detect_language("China and Belarus")
    'en'
    """
    sample = text[:5000]
    return "ar" if len(_ARABIC.findall(sample)) > len(_LATIN.findall(sample)) else "en"


__all__ = ["LANGUAGES", "LanguageRules", "detect_language", "get_rules"]
