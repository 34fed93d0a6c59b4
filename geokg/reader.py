"""Read articles from files: .txt/.md (optional front matter), .html, .json and .jsonl."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

from .errors import InputError
from .extract.lang import detect_language
from .model import Article

SUFFIXES = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be turned into an article: where and why."""

    where: str
    reason: str


def iter_paths(paths: list[str | Path]) -> Iterator[Path]:
    """Yield the article files named by *paths*, walking folders recursively in sorted order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            yield path


def read_path(path: Path, lang: str | None = None) -> Iterator[Article | ReadFailure]:
    """Yield the articles in one file, or a ReadFailure per unreadable file or JSON line."""
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield ReadFailure(where, f"cannot read file: {exc.strerror or exc}")
        return
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield ReadFailure(where, "binary file, not text")
        return
    try:
        text = decode(data)
    except InputError as exc:
        yield ReadFailure(where, str(exc))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield _from_record(json.loads(line), f"{where}:{n}", lang)
            except (ValueError, InputError) as exc:
                yield ReadFailure(f"{where}:{n}", _why(exc))
        return
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except ValueError as exc:
            yield ReadFailure(where, _why(exc))
            return
        for i, rec in enumerate(obj if isinstance(obj, list) else [obj]):
            try:
                yield _from_record(rec, where if not isinstance(obj, list) else f"{where}[{i}]", lang)
            except InputError as exc:
                yield ReadFailure(f"{where}[{i}]", str(exc))
        return
    try:
        yield from_text(text, where, lang, html=suffix in (".html", ".htm"))
    except InputError as exc:
        yield ReadFailure(where, str(exc))


def decode(data: bytes) -> str:
    """Return *data* decoded as UTF-8 (BOM allowed) or UTF-16 with BOM; raise InputError otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 at byte {exc.start}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start}); convert it to UTF-8 first") from exc


def from_text(text: str, source: str, lang: str | None = None, *, html: bool = False) -> Article:
    """Return an Article from plain text, Markdown with front matter, or HTML."""
    meta: dict[str, str] = {}
    if html:
        text, meta = _html_text(text)
    else:
        m = _FRONT.match(text)
        if m:
            for line in m.group(1).splitlines():
                key, _, value = line.partition(":")
                if key.strip():
                    meta[key.strip().lower()] = value.strip()
            text = text[m.end():]
    if not text.strip():
        raise InputError("empty article (no text)")
    title = meta.get("title") or next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:200]
    return Article(
        text=text,
        lang=lang or meta.get("lang") or detect_language(text),
        title=title,
        source=meta.get("source") or meta.get("url") or source,
        published=parse_date(meta.get("date", "")),
        author=meta.get("author", ""),
    )


def parse_date(value: str) -> date | None:
    """Return the first ISO date (YYYY-MM-DD) in *value*, or None."""
    m = _DATE.search(value or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _from_record(rec: object, where: str, lang: str | None) -> Article:
    """Return an Article from a JSON object with text/title/date/url/lang fields."""
    if not isinstance(rec, dict):
        raise InputError("JSON record is not an object")
    text = rec.get("text") or rec.get("body") or rec.get("content")
    if not isinstance(text, str) or not text.strip():
        raise InputError("JSON record has no 'text' field")
    return Article(
        text=text,
        lang=lang or rec.get("lang") or rec.get("language") or detect_language(text),
        title=str(rec.get("title") or ""),
        source=str(rec.get("url") or rec.get("source") or where),
        published=parse_date(str(rec.get("date") or rec.get("published") or "")),
        author=str(rec.get("author") or ""),
    )


def _why(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    return str(exc)


class _TextParser(HTMLParser):
    """Collect visible text (paragraph-separated) and title/date metadata from HTML."""

    SKIP = {"script", "style", "noscript", "nav", "footer", "header", "aside", "form"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "article", "section", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (a.get("property") or a.get("name") or "").lower()
            if key in ("og:title", "article:published_time", "date", "author", "og:url"):
                self.meta[{"og:title": "title", "article:published_time": "date", "og:url": "url"}.get(key, key)] = a.get("content") or ""
        elif tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", (a.get("lang") or "")[:2])
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.meta.setdefault("title", data.strip())
        elif not self._skip:
            self.parts.append(data)


def _html_text(html: str) -> tuple[str, dict[str, str]]:
    """Return the visible text of an HTML page and its metadata."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    text = re.sub(r"[ \t]+", " ", "".join(parser.parts))
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip() + "\n"
    return text, parser.meta
