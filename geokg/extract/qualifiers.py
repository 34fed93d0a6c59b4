"""Qualifiers of a statement's sentence: dates, money, percentages and counts."""

from __future__ import annotations

import re
from datetime import date

from ..model import Article

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
_YEAR = re.compile(r"(?<![\d.])(19[5-9]\d|20[0-4]\d)(?![\d.])")
_PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:%|٪|في المئة|في المائة|بالمئة|بالمائة|percent|per cent)")
_SCALE = {"مليار": 1e9, "مليارات": 1e9, "billion": 1e9, "bn": 1e9, "مليون": 1e6, "ملايين": 1e6, "million": 1e6, "m": 1e6, "ألف": 1e3, "آلاف": 1e3, "thousand": 1e3, "trillion": 1e12, "تريليون": 1e12}
_CURRENCY = {"دولار": "USD", "$": "USD", "dollars": "USD", "dollar": "USD", "يورو": "EUR", "€": "EUR", "euros": "EUR", "euro": "EUR", "روبل": "RUB", "roubles": "RUB", "rubles": "RUB", "يوان": "CNY", "yuan": "CNY", "جنيه": "GBP", "£": "GBP", "pounds": "GBP"}
_MONEY = re.compile(
    r"(?P<pre>[$€£])?\s?(?P<num>\d+(?:[.,]\d+)?)\s*(?P<scale>مليار(?:ات)?|ملايين|مليون|ألف|آلاف|تريليون|billion|bn|million|m|thousand|trillion)?\s*(?P<cur>دولار|يورو|روبل|يوان|جنيه|dollars?|euros?|roubles|rubles|yuan|pounds)?",
    re.IGNORECASE,
)
_RELATIVE_YEAR = {"العام الماضي": -1, "السنة الماضية": -1, "last year": -1, "العام المقبل": 1, "العام القادم": 1, "next year": 1, "هذا العام": 0, "this year": 0}


def qualifiers_in(sentence: str, article: Article) -> tuple[tuple[str, str], ...]:
    """Return (name, value) qualifiers found in *sentence*: date, amount+currency, percentage."""
    text = sentence.translate(_DIGITS)
    out: list[tuple[str, str]] = []
    for m in _PERCENT.finditer(text):
        out.append(("percentage", m.group(1).replace(",", ".")))
    text_wo_pct = _PERCENT.sub(" ", text)
    for m in _MONEY.finditer(text_wo_pct):
        if not (m.group("pre") or m.group("cur")):
            continue
        num = float(m.group("num").replace(",", "") if "," in m.group("num") and len(m.group("num").split(",")[-1]) == 3 else m.group("num").replace(",", "."))
        scale = _SCALE.get((m.group("scale") or "").lower(), 1.0)
        cur = _CURRENCY.get(m.group("pre") or (m.group("cur") or "").lower(), "")
        out.append(("amount", repr(num * scale)))
        if cur:
            out.append(("currency", cur))
    years = sorted({y for y in _YEAR.findall(text)})
    for y in years:
        out.append(("date", y))
    if article.published:
        low = text.lower()
        for phrase, delta in _RELATIVE_YEAR.items():
            if phrase in low:
                out.append(("date", str(article.published.year + delta)))
    return tuple(dict.fromkeys(out))


