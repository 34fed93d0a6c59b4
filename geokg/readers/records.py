"""JSON and JSON Lines: one article per object, field names configurable (text, title, date, url, lang)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..errors import InputError
from ..model import Article
from .base import ReadArticle, ReadFailure, ReadOptions, make_article, size_text
from .decode import decode


def from_record(rec: object, where: str, options: ReadOptions) -> Article:
    """Return the Article in one JSON object; raise InputError when it is not one or has no text."""
    if not isinstance(rec, dict):
        raise InputError(f"JSON record is a {type(rec).__name__}, not an object")
    meta: dict[str, str] = {}
    for key, names in options.fields.items():
        value = next((rec[n] for n in names if rec.get(n) not in (None, "")), None)
        if value is not None:
            meta[key] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = next((rec[n] for n in options.fields["text"] if rec.get(n) not in (None, "")), None)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"JSON record has no text field ({'/'.join(options.fields['text'])})")
    return make_article(text, meta, where, options)


def read_json(text: str, where: str, options: ReadOptions) -> Iterator[ReadArticle | ReadFailure]:
    """Yield the article of a JSON object, or of each object in a JSON array."""
    try:
        obj = json.loads(text)
    except ValueError as exc:
        yield ReadFailure(where, json_reason(exc))
        return
    records = obj if isinstance(obj, list) else [obj]
    for i, rec in enumerate(records):
        at = f"{where}[{i}]" if isinstance(obj, list) else where
        try:
            yield ReadArticle(at, from_record(rec, at, options))
        except InputError as exc:
            yield ReadFailure(at, str(exc))


def jsonl_lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[tuple[int, str | None, str, int]]:
    """Yield ``(line number, text or None, reason, bytes)`` per line of a JSON Lines stream, reading at most *limit* bytes a line."""
    wide = encoding.replace("_", "-").lower().startswith(("utf-16", "utf-32"))
    if wide:
        import io

        reader = io.TextIOWrapper(stream, encoding=encoding, newline="\n")
        for n, line in enumerate(iter(lambda: reader.readline(limit + 1), ""), start=1):
            yield n, line.lstrip("\ufeff"), "", len(line) * 2
        return
    n = 0
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        n += 1
        size = len(raw)
        if size > limit and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of an oversized line
                raw = stream.readline(1 << 20)
                size += len(raw)
            yield n, None, f"line over the {size_text(limit)} limit for one article (--max-size)", size
            continue
        try:
            yield n, decode(raw, encoding).lstrip("\ufeff"), "", size
        except InputError as exc:
            yield n, None, str(exc), size


def read_jsonl_line(line: str, where: str, options: ReadOptions) -> ReadArticle | ReadFailure | None:
    """Return the article on one JSON Lines line, a failure, or None for a blank line."""
    if not line.strip():
        return None
    try:
        return ReadArticle(where, from_record(json.loads(line), where, options))
    except ValueError as exc:
        return ReadFailure(where, json_reason(exc))
    except InputError as exc:
        return ReadFailure(where, str(exc))


def json_reason(exc: Exception) -> str:
    """Return a one-line reason for a JSON parse error."""
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    return f"invalid JSON: {exc}"
