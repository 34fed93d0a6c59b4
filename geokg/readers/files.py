"""Inputs -> read units -> articles: folders, globs, stdin, and the reader for each format.

A unit is a small picklable piece of work (a file, or a chunk of JSON Lines) so that worker
processes can read and parse while the parent streams through the corpus without holding it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from .base import ReadArticle, ReadFailure, ReadOptions, size_text
from .decode import binary_reason, decode, detect_encoding
from .feed import is_feed, read_feed
from .html import read_html
from .records import jsonl_lines, read_json, read_jsonl_line
from .text import read_text

#: File suffix -> format; folders are walked for these suffixes only (unless --glob says otherwise).
FORMATS = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
SUFFIXES = tuple(FORMATS)
STDIN = "-"
LINES_PER_UNIT = 64


@dataclass(frozen=True, slots=True)
class FileUnit:
    """One file holding one article (or one feed or JSON document), read by a worker."""

    path: str
    size: int


@dataclass(frozen=True, slots=True)
class LinesUnit:
    """Consecutive JSON Lines of one input, numbered from *first*; None stands for an unreadable line."""

    where: str
    first: int
    lines: tuple[str | None, ...]
    reasons: tuple[str, ...]
    size: int


@dataclass(frozen=True, slots=True)
class TextUnit:
    """A whole in-memory text (stdin) of a known format."""

    where: str
    text: str
    fmt: str
    size: int


Unit = FileUnit | LinesUnit | TextUnit


def iter_paths(paths: Iterable[str | Path], glob: str | None = None) -> Iterator[Path | ReadFailure]:
    """Yield the files named by *paths* ("-" for stdin), walking folders recursively in sorted order.

    In a folder, hidden files and folders are skipped, and only files with a known suffix are
    taken, or with *glob* only files whose path below the folder matches it. A path that does not
    exist and a folder that cannot be listed each yield a failure; the walk goes on.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield path
        elif not path.exists() and not path.is_symlink():
            yield ReadFailure(str(path), "no such file or folder")
        elif not path.is_dir():
            yield path
        else:
            yield from _walk(path, glob)


def _walk(folder: Path, glob: str | None) -> Iterator[Path | ReadFailure]:
    """Yield the files of *folder* to read (sorted), and a failure for each subfolder that cannot be listed."""
    found: list[Path | ReadFailure] = []

    def unreadable(exc: OSError) -> None:
        found.append(ReadFailure(str(exc.filename), f"cannot read folder: {exc.strerror or exc}"))

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            file = Path(top, name)
            if name.startswith(".") or not file.is_file():
                continue
            rel = file.relative_to(folder)
            if (rel.match(glob) if glob else file.suffix.lower() in FORMATS):
                found.append(file)
    yield from sorted(found, key=lambda item: Path(item.where) if isinstance(item, ReadFailure) else item)


def iter_units(paths: Iterable[str | Path], options: ReadOptions, glob: str | None = None) -> Iterator[Unit | ReadFailure]:
    """Yield the read units of every input in order, or a failure for an input that cannot be opened."""
    for path in iter_paths(paths, glob):
        if isinstance(path, ReadFailure):
            yield path
        elif str(path) == STDIN:
            yield from _stdin_units(sys.stdin.buffer, options)
        elif FORMATS.get(path.suffix.lower()) == "jsonl":
            yield from _jsonl_units(path, options)
        else:
            try:
                size = path.stat().st_size
            except OSError as exc:
                yield ReadFailure(str(path), f"cannot read file: {exc.strerror or exc}")
                continue
            yield FileUnit(str(path), size)


def read_unit(unit: Unit, options: ReadOptions) -> list[ReadArticle | ReadFailure]:
    """Return the articles (and failures) in one read unit."""
    if isinstance(unit, LinesUnit):
        out: list[ReadArticle | ReadFailure] = []
        for i, (line, reason) in enumerate(zip(unit.lines, unit.reasons)):
            where = f"{unit.where}:{unit.first + i}"
            item = ReadFailure(where, reason) if line is None else read_jsonl_line(line, where, options)
            if item is not None:
                out.append(item)
        return out
    if isinstance(unit, TextUnit):
        return list(_read_document(unit.text, unit.fmt, unit.where, options))
    return list(read_file(Path(unit.path), options))


def read_file(path: Path, options: ReadOptions) -> Iterator[ReadArticle | ReadFailure]:
    """Yield the articles in one file, or a failure per unreadable file, item or JSON line."""
    where = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    try:
        if fmt == "jsonl":
            for unit in _jsonl_units(path, options):
                yield from [unit] if isinstance(unit, ReadFailure) else read_unit(unit, options)
            return
        if path.stat().st_size > options.max_bytes:
            raise InputError(_too_big(path.stat().st_size, options))
        # Devices and pipes report size 0 and may never end (/dev/zero): read one byte past the limit.
        with path.open("rb") as stream:
            data = stream.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise InputError(_too_big(None, options))
    except OSError as exc:
        yield ReadFailure(where, f"cannot read file: {exc.strerror or exc}")
        return
    except InputError as exc:
        yield ReadFailure(where, str(exc))
        return
    yield from read_bytes(data, where, options, fmt)


def read_bytes(data: bytes, where: str, options: ReadOptions, fmt: str | None = None) -> Iterator[ReadArticle | ReadFailure]:
    """Yield the articles in *data* read from *where*; the format is sniffed when *fmt* is None."""
    text = _decoded(data, where, options, "empty file")
    if isinstance(text, ReadFailure):
        yield text
        return
    yield from _read_document(text, fmt or sniff(text), where, options)


def _decoded(data: bytes, where: str, options: ReadOptions, empty: str) -> str | ReadFailure:
    """Return *data* decoded, or the failure: empty input, or bytes the encoding cannot read."""
    if not data.strip():
        return ReadFailure(where, empty)
    try:
        text = decode(data, options.encoding)
    except InputError as exc:
        return ReadFailure(where, str(exc))
    return text if text.strip() else ReadFailure(where, empty)


def sniff(text: str) -> str:
    """Return the format of a document whose name says nothing: feed, html, json, jsonl or text."""
    head = text.lstrip("\ufeff \t\r\n")[:2048]
    if head.startswith("<"):
        return "feed" if is_feed(head) else "html"
    if head.startswith("["):
        return "json"
    if head.startswith("{"):
        first = head.split("\n", 1)[0].strip()
        return "jsonl" if first.endswith("}") and "\n" in text.strip() else "json"
    return "text"


def _read_document(text: str, fmt: str, where: str, options: ReadOptions) -> Iterator[ReadArticle | ReadFailure]:
    try:
        if fmt == "json":
            yield from read_json(text, where, options)
        elif fmt == "jsonl":
            for n, line in enumerate(text.splitlines(), start=1):
                item = read_jsonl_line(line, f"{where}:{n}", options)
                if item is not None:
                    yield item
        elif fmt == "feed":
            if not is_feed(text):
                raise InputError("XML file is not an RSS or Atom feed")
            yield from read_feed(text, where, options)
        elif fmt == "html":
            yield read_html(text, where, options)
        else:
            yield ReadArticle(where, read_text(text, where, options))
    except InputError as exc:
        yield ReadFailure(where, str(exc))


def _too_big(size: int | None, options: ReadOptions) -> str:
    limit = size_text(options.max_bytes)
    what = f"file is {size_text(size)}, over" if size is not None else "input goes on past"
    return (f"{what} the {limit} limit for one article; "
            "split it (JSON Lines are read line by line) or raise --max-size")


def _jsonl_units(path: Path, options: ReadOptions) -> Iterator[LinesUnit | ReadFailure]:
    """Yield a JSON Lines file as units of LINES_PER_UNIT lines, streaming it."""
    where = str(path)
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield ReadFailure(where, f"cannot read file: {exc.strerror or exc}")
        return
    with stream:
        yield from _lines_units(stream, where, options)


def _lines_units(stream: BinaryIO, where: str, options: ReadOptions, head: bytes = b"") -> Iterator[LinesUnit | ReadFailure]:
    import io

    sample = head + stream.read(64 * 1024 - len(head)) if len(head) < 64 * 1024 else head
    if not sample.strip():
        yield ReadFailure(where, "empty file")
        return
    try:
        reason = None if options.encoding else binary_reason(sample)
        if reason:
            raise InputError(reason)
        encoding = options.encoding or detect_encoding(sample)
    except InputError as exc:
        yield ReadFailure(where, str(exc))
        return
    joined = _Chain(io.BytesIO(sample), stream)
    batch: list[str | None] = []
    reasons: list[str] = []
    first, size = 1, 0
    for n, line, why, nbytes in jsonl_lines(joined, encoding, options.max_bytes):
        batch.append(line)
        reasons.append(why)
        size += nbytes
        if len(batch) >= LINES_PER_UNIT:
            yield LinesUnit(where, first, tuple(batch), tuple(reasons), size)
            batch, reasons, first, size = [], [], n + 1, 0
    if batch:
        yield LinesUnit(where, first, tuple(batch), tuple(reasons), size)


def _stdin_units(stream: BinaryIO, options: ReadOptions) -> Iterator[Unit | ReadFailure]:
    """Yield stdin as JSON Lines units when it is JSON Lines (streamed), else as one text unit."""
    head = stream.read(64 * 1024)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line = stripped.split(b"\n", 1)[0].strip()
    if stripped.startswith(b"{") and first_line.endswith(b"}") and b"\n" in stripped:
        yield from _lines_units(stream, STDIN, options, head)
        return
    data = head + stream.read(options.max_bytes + 1 - len(head))
    if len(data) > options.max_bytes:
        yield ReadFailure(STDIN, _too_big(len(data), options))
        return
    text = _decoded(data, STDIN, options, "empty input")
    yield text if isinstance(text, ReadFailure) else TextUnit(STDIN, text, sniff(text), len(data))


class _Chain:
    """Read a sample already taken from a stream, then the rest of the stream (readline only)."""

    def __init__(self, first: BinaryIO, rest: BinaryIO) -> None:
        self._first, self._rest = first, rest

    def readable(self) -> bool:
        return True

    def readline(self, limit: int = -1) -> bytes:
        line = self._first.readline(limit)
        if line.endswith(b"\n") or (limit > 0 and len(line) >= limit):
            return line
        more = self._rest.readline(limit - len(line) if limit > 0 else -1)
        return line + more

    def read(self, size: int = -1) -> bytes:
        data = self._first.read(size)
        if size < 0:
            return data + self._rest.read()
        return data + (self._rest.read(size - len(data)) if len(data) < size else b"")

    def read1(self, size: int = -1) -> bytes:
        return self.read(size if size > 0 else 65536)

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    @property
    def closed(self) -> bool:
        return False

    def close(self) -> None:
        pass

    def flush(self) -> None:
        pass

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False
