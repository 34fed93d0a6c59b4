"""Qualifiers of a statement's sentence: dates (absolute and relative), money, percentages, counts."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import ahocorasick_rs

from ..lexicon.lang import get_rules
from ..model import Article

_HAS_DIGIT = re.compile(r"\d")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_LOCAL_DIGITS = re.compile(f"[{''.join(map(chr, _DIGITS))}]")
# Patterns open with a digit, not with the lookbehind that keeps them off a longer number: the
# regex engine then skips ahead to the next digit instead of trying every position.
# A year: 1950-2049, not part of a longer number (the lookbehind reads past its first three digits).
_YEAR = re.compile(r"((?:19[5-9]|20[0-4])(?<![\d.,]\d\d\d)\d)(?![\d.,%٪])")
# Currency symbols stand before the number in every language; the words are the language's.
_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
# A count is a number before a word: "194 شخصية", "more than 100 targets".
_COUNT = re.compile(r"(\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+|\d*))(?![\d.,%٪])\s+(?=[^\W\d_])")


def qualifiers_in(sentence: str, article: Article) -> tuple[tuple[str, str], ...]:
    """Return (name, value) qualifiers of *sentence*: date, amount+currency, percentage, count."""
    # Most sentences have no Arabic-Indic digit: searching is far cheaper than translating.
    text = sentence.translate(_DIGITS) if _LOCAL_DIGITS.search(sentence) else sentence
    if not _HAS_DIGIT.search(text):
        return tuple(("date", d) for d in dates_in(text, article))  # only relative dates possible
    percent, money, scales, currencies = _amount_words(article.lang)
    out: list[tuple[str, str]] = []
    for m in percent.finditer(text):
        out.append(("percentage", m.group(1).replace(",", ".")))
    rest = percent.sub(" ", text)
    for m in _near_digits(money, rest):
        if not (m.group("pre") or m.group("cur")):
            continue
        scale = scales.get((m.group("scale") or "").lower(), 1.0)
        out.append(("amount", repr(_number(m.group("num")) * scale)))
        cur = currencies.get(m.group("pre") or (m.group("cur") or "").lower(), "")
        if cur:
            out.append(("currency", cur))
        rest = rest.replace(m.group(0), " ", 1)
    out.extend(("date", d) for d in dates_in(rest, article))
    for m in _COUNT.finditer(_YEAR.sub(" ", rest)):
        n = int(m.group(1).replace(",", ""))
        if n >= 2:
            out.append(("count", str(n)))
    return tuple(dict.fromkeys(out))


def _near_digits(money: re.Pattern[str], text: str):
    """Yield the matches of ``money.finditer(text)``, searching only from two characters before each digit.

    A money match holds a digit in its first three characters (symbol, space, digit): skipping to
    the digits spares the engine a try at every position of the sentence.
    """
    pos = 0
    while (digit := _HAS_DIGIT.search(text, pos)) is not None:
        m = money.search(text, max(pos, digit.start() - 2))
        if m is None:
            return
        yield m
        pos = m.end()


def _number(text: str) -> float:
    """Return a number written with "," thousands separators or a decimal comma."""
    if "," in text and all(len(part) == 3 for part in text.split(",")[1:]):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


@lru_cache(maxsize=None)
def _amount_words(lang: str) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, float], dict[str, str]]:
    """Return the percentage and money patterns of *lang*, its scale words and its currencies."""
    cfg = get_rules(lang).data.get("amounts", {})
    scales = {w.lower(): float(v) for w, v in cfg.get("scale", {}).items()}
    words = {w.lower(): code for w, code in cfg.get("currency", {}).items()}
    percent = re.compile(rf"(\d+(?:[.,]\d+)?)\s*(?:%|٪|{_alternation(cfg.get('percent', []))})")
    money = re.compile(
        rf"(?P<pre>[{''.join(_SYMBOLS)}])?\s?(?P<num>\d+(?:[.,]\d+)*)\s*(?P<scale>{_alternation(scales)})?\s*(?P<cur>{_alternation(words)})?",
        re.IGNORECASE,
    )
    return percent, money, scales, {**_SYMBOLS, **words}


def _alternation(words) -> str:
    """Return a regex alternation of *words*, longest first so no word hides a longer one."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@lru_cache(maxsize=None)
def _date_words(lang: str) -> dict:
    """Return the date vocabulary of *lang* with months folded to lower case."""
    cfg = get_rules(lang).data.get("dates", {})
    months = {name.lower(): i + 1 for i, names in enumerate(cfg.get("months", [])) for name in names}
    pattern = re.compile(rf"(?<![^\W\d_])(?:{_alternation(months)})(?![^\W\d_])")
    relative = (*cfg.get("last", []), *cfg.get("next", []))
    # Most sentences name no month and no "last"/"next": one automaton pass tells, where the
    # pattern (or a substring test per word) would try every word at every position.
    finders = {"month_finder": _finder(months), "relative_finder": _finder(relative)}
    return {**cfg, "month_index": months, "month_pattern": pattern, "relative": relative, **finders}


def _finder(words) -> ahocorasick_rs.AhoCorasick | None:
    """Return an automaton finding any of *words* (None when there are none)."""
    words = [w for w in words if w]
    # A few words, asked about every evidence sentence: the DFA scans fastest.
    return ahocorasick_rs.AhoCorasick(words, implementation=ahocorasick_rs.Implementation.DFA) if words else None


def _names_any(finder: ahocorasick_rs.AhoCorasick | None, text: str) -> bool:
    """Return whether *text* contains one of the words of *finder*."""
    return finder is not None and bool(finder.find_matches_as_indexes(text))


def dates_in(text: str, article: Article) -> list[str]:
    """Return ISO dates (YYYY, YYYY-MM) a sentence names, relative ones resolved against publication.

    >>> from datetime import date
    >>> a = Article("", "ar", published=date(2023, 8, 20))
    >>> dates_in("التقيا سبتمبر الماضي وارتفعت التجارة العام الماضي", a)
    ['2022-09', '2022']
    """
    words = _date_words(article.lang)
    months: dict[str, int] = words["month_index"]
    low = text.lower()
    found: list[str] = []
    pub = article.published
    for m in words["month_pattern"].finditer(low) if _names_any(words["month_finder"], low) else ():
        month = months[m.group(0)]
        name_end = m.end()
        after = low[name_end : name_end + 12].strip()
        before = low[max(0, m.start() - 8) : m.start()].strip()
        year = re.match(r",?\s*(\d{4})", after)
        if year:
            found.append(f"{year.group(1)}-{month:02d}")
        elif pub and (any(after.startswith(w) for w in words.get("last", [])) or any(before.endswith(w) for w in words.get("last", []))):
            found.append(f"{pub.year if month < pub.month else pub.year - 1}-{month:02d}")
        elif pub and (any(after.startswith(w) for w in words.get("next", [])) or any(before.endswith(w) for w in words.get("next", []))):
            found.append(f"{pub.year if month > pub.month else pub.year + 1}-{month:02d}")
    covered = {d[:4] for d in found}
    for y in _YEAR.findall(text) if _HAS_DIGIT.search(text) else ():
        if y not in covered:
            found.append(y)
    if pub and _names_any(words["relative_finder"], low):  # most sentences name no "last"/"next"
        for unit in words.get("year_words", []):
            for w, delta in ((x, -1) for x in words.get("last", [])):
                if f"{unit} {w}" in low or f"{w} {unit}" in low:
                    found.append(str(pub.year + delta))
            for w in words.get("next", []):
                if f"{unit} {w}" in low or f"{w} {unit}" in low:
                    found.append(str(pub.year + 1))
        for unit in words.get("month_words", []):
            for w in words.get("last", []):
                if f"{unit} {w}" in low or f"{w} {unit}" in low:
                    prev = date(pub.year - (pub.month == 1), (pub.month - 2) % 12 + 1, 1)
                    found.append(f"{prev.year}-{prev.month:02d}")
    return list(dict.fromkeys(found))
