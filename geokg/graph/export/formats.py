"""The registry of output formats: each format of each kind of output registered once, with its help and writer.

A writer takes the value to write and a binary stream (stdout's, or a file's) and writes the
whole output to it. ``geokg``'s ``--format`` options list the names of one ``Formats``
registry, and its commands write through it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator, Mapping
from importlib import import_module
from dataclasses import dataclass
from functools import partial
from typing import Any, BinaryIO, TextIO

#: ``write(value, out, **options)``: writes *value* to the binary stream *out*.
Writer = Callable[..., None]


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One output format: its name (the ``--format`` value), what it holds, and its writer."""

    name: str
    help: str
    write: Writer


class Formats(Mapping[str, str]):
    """The formats one kind of output can be written in, in the order registered: a mapping name -> help.

    >>> shouts = Formats("shout")
    >>> shouts.add("upper", "the text in capitals", rendered(str.upper))
    >>> out = io.BytesIO(); shouts.write("upper", "hi", out); out.getvalue()
    b'HI'
    >>> shouts.write("lower", "hi", out)
    Traceback (most recent call last):
    ...
    ValueError: unknown shout format 'lower' (known: upper)
    """

    def __init__(self, kind: str, help: str | None = None) -> None:
        self.kind = kind
        self.help = help  # what the --format option says, when more than the list of names
        self._formats: dict[str, OutputFormat] = {}

    def add(self, name: str, help: str, write: Writer) -> None:
        """Register the format *name*; return None."""
        if name in self._formats:
            raise ValueError(f"{self.kind} format {name!r} is registered twice")
        self._formats[name] = OutputFormat(name, help, write)

    def register(self, name: str, help: str) -> Callable[[Writer], Writer]:
        """Return a decorator registering the writer it decorates as the format *name*."""

        def add(write: Writer) -> Writer:
            self.add(name, help, write)
            return write

        return add

    def __or__(self, other: Formats) -> Formats:
        """Return a registry of this one's formats, then *other*'s, of this one's kind."""
        merged = Formats(self.kind)
        for fmt in (*self._formats.values(), *other._formats.values()):
            merged.add(fmt.name, fmt.help, fmt.write)
        return merged

    def with_help(self, help: str) -> Formats:
        """Return a copy of this registry whose ``--format`` option says *help*."""
        copy = self | Formats(self.kind)
        copy.help = help
        return copy

    @property
    def default(self) -> str:
        """Return the name of the first format registered, the ``--format`` default."""
        return next(iter(self._formats))

    def __getitem__(self, name: str) -> str:
        return self._formats[name].help

    def __iter__(self) -> Iterator[str]:
        return iter(self._formats)

    def __len__(self) -> int:
        return len(self._formats)

    def write(self, name: str, value: Any, out: BinaryIO, **options: Any) -> None:
        """Write *value* to the binary stream *out* in the format *name*; return None.

        Raises:
            ValueError: If no format of this kind is called *name*.
        """
        self.writer(name, value, **options)(out)

    def writer(self, name: str, value: Any, **options: Any) -> Callable[[BinaryIO], None]:
        """Return ``write(out)``, which writes *value* in the format *name* to a binary stream.

        Raises:
            ValueError: If no format of this kind is called *name*.
        """
        if name not in self._formats:
            raise ValueError(f"unknown {self.kind} format {name!r} (known: {', '.join(self._formats)})")
        return partial(self._formats[name].write, value, **options)


def lazy(path: str, wrap: Callable[[Any], Writer] | None = None) -> Writer:
    """Return a writer that imports the writer at *path* ("module:name") when it first writes.

    With *wrap*, the name is a function that *wrap* turns into the writer (``rendered``,
    ``json_document``). The registries name their writers this way so that listing formats
    (every ``--format`` option, ``geokg --help``) loads none of the modules that write them.
    """

    def write(value: Any, out: BinaryIO, **options: Any) -> None:
        module, name = path.split(":")
        found = getattr(import_module(module), name)
        (wrap(found) if wrap else found)(value, out, **options)

    write.path = path  # type: ignore[attr-defined]
    return write


def rendered(render: Callable[..., str]) -> Writer:
    """Return a writer that writes ``render(value, **options)`` in UTF-8."""

    def write(value: Any, out: BinaryIO, **options: Any) -> None:
        out.write(render(value, **options).encode("utf-8"))

    return write


def json_document(to_doc: Callable[[Any], Any] | None = None) -> Writer:
    """Return a writer of ``to_doc(value)`` (default: the value) as indented UTF-8 JSON and a newline."""

    def write(value: Any, out: BinaryIO, **_options: Any) -> None:  # options lay out text only
        doc = to_doc(value) if to_doc is not None else value
        out.write((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    return write


def text_stream(write_text: Callable[[Any, TextIO], None]) -> Writer:
    """Return a writer that runs ``write_text(value, text)`` on a UTF-8 text wrapper of the stream (newlines as given)."""

    def write(value: Any, out: BinaryIO) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8", newline="")
        try:
            write_text(value, text)
            text.flush()
        finally:
            text.detach()  # leaves *out* open

    return write
