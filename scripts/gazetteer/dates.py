"""Dates of year, month or day precision ("2004", "2004-05", "2004-05-17") as the days they can mean."""

from __future__ import annotations

from datetime import date, timedelta


def lower_bound(d: str) -> date:
    """Return the first day a date of any precision can mean."""
    return date(int(d[:4]), int(d[5:7]) if len(d) >= 7 else 1, int(d[8:10]) if len(d) == 10 else 1)


def upper_bound(d: str) -> date:
    """Return the last day a date of any precision can mean."""
    if len(d) == 10:
        return lower_bound(d)
    if len(d) == 7:
        y, m = int(d[:4]), int(d[5:7])
        return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
    return date(int(d[:4]), 12, 31)
