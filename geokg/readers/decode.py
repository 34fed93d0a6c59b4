"""Bytes -> text: BOMs, UTF-8, UTF-16 without BOM, Windows-1256, ISO-8859-6, Latin-1; binary refused."""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

#: Single-byte encodings the detector chooses between when the bytes are not UTF-8 or UTF-16.
CANDIDATES = ("cp1256", "iso8859_6", "cp1252", "latin_1")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or .docx/.xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
    (b"SQLite format 3", "SQLite database"),
)
# Control bytes that never appear in text (tab, newlines, form feed and ESC excepted).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_C1 = re.compile("[\x80-\x9f]")
SAMPLE = 64 * 1024


def bom_encoding(data: bytes) -> tuple[str | None, int]:
    """Return the encoding named by a byte-order mark at the start of *data* and the BOM length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None, 0


def _utf16_without_bom(sample: bytes) -> str | None:
    """Return "utf-16-le"/"utf-16-be" when every other byte is a high byte of few values, as in UTF-16."""
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8:
        return None
    for name, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        # Text in one or two scripts puts very few distinct values (0x00 Latin, 0x06 Arabic) there.
        top = sorted((high.count(v) for v in set(high)), reverse=True)[:3]
        if sum(top) < 0.95 * len(high) or not (high.count(0) or high.count(6)):
            continue
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if not any(0xD800 <= ord(c) <= 0xDFFF for c in text[:-1]) and not _CONTROL.search(text.encode("utf-8", "ignore")):
            return name
    return None


def _signature(data: bytes) -> str | None:
    """Return what kind of binary file *data* starts like (PDF, ZIP ...), or None."""
    return next((what for magic, what in _MAGIC if data.startswith(magic)), None)


def binary_reason(data: bytes) -> str | None:
    """Return why *data* looks like a binary file, or None when it may be text."""
    what = _signature(data)
    if what:
        return f"binary file ({what}), not text"
    sample = data[:SAMPLE]
    if bom_encoding(sample)[0] or _utf16_without_bom(sample):
        return None
    if b"\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 100):
        return "binary file (control bytes), not text"
    return None


def detect_encoding(data: bytes) -> str:
    """Return the name of the encoding of *data* (a file's first bytes are enough).

    >>> detect_encoding("الصين".encode("cp1256")), detect_encoding("Café".encode("latin-1"))
    ('cp1256', 'cp1252')
    """
    sample = data[:SAMPLE]
    name, _ = bom_encoding(sample)
    if name:
        return name
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A cut in the middle of a character at the end of the sample is still UTF-8.
        if exc.start >= len(sample) - 3 and len(data) > len(sample):
            return "utf-8"
        bad = exc.start
    valid = len(_UTF8_MULTIBYTE.findall(sample))
    if valid and valid >= len(sample) - len(sample.decode("utf-8", "ignore").encode("utf-8")):
        # Mostly UTF-8 with a few broken bytes: a damaged file, not another encoding.
        raise InputError(f"invalid UTF-8 at byte {bad} in otherwise UTF-8 text; repair the file or pass --encoding")
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=list(CANDIDATES)).best()
    if best is None:
        raise InputError("cannot tell the text encoding (not UTF-8, UTF-16, Windows-1256, ISO-8859-6 or Latin-1); pass --encoding")
    if not _plausible(sample, best.encoding):
        # A few stray high bytes in ASCII text: a damaged UTF-8 file, which Latin-1 would read as
        # mojibake without a word of complaint.
        raise InputError(f"invalid UTF-8 at byte {bad}; repair the file or pass --encoding")
    return best.encoding


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
_ASCII_LETTER = re.compile(rb"[A-Za-z]")


def _plausible(sample: bytes, encoding: str) -> bool:
    """Return True when *sample* reads as text in the single-byte *encoding*, not as damaged UTF-8.

    Arabic encodings put most letters above 0x7f; Latin ones put accented letters inside words,
    so each run of high bytes decodes to letters and, unless it is one letter, touches an ASCII letter.
    """
    runs = list(_HIGH_RUN.finditer(sample))
    if encoding in ("cp1256", "iso8859_6"):
        return sum(len(run.group()) for run in runs) >= 0.3 * len(sample.split())
    for run in runs:
        before, after = sample[run.start() - 1 : run.start()], sample[run.end() : run.end() + 1]
        text = run.group().decode(encoding, "replace")
        if len(text) > 1 and not (_ASCII_LETTER.match(before) or _ASCII_LETTER.match(after)):
            return False  # "à" may stand alone, "ÿþÃ" does not
        if not all(c.isalpha() or c in "’‘“”–—…€£°«»·" for c in text):
            return False
    return True


def decode(data: bytes, encoding: str | None = None) -> str:
    """Return *data* as text, in *encoding* when given, else in the detected encoding.

    Raises InputError naming the byte offset when the bytes are not valid in that encoding,
    rather than replacing characters.

    >>> decode(codecs.BOM_UTF16_LE + "سوريا".encode("utf-16-le"))
    'سوريا'
    >>> decode("Minsk".encode("utf-16-be"))
    'Minsk'
    """
    detected = encoding is None
    if encoding is None and _plain_text(data):
        # The common case first: no BOM, no control bytes (UTF-16 has them), valid UTF-8.
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    if encoding is None:
        reason = binary_reason(data)
        if reason:
            raise InputError(reason)
        encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except LookupError as exc:
        raise InputError(f"unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        if detected and (b"\x00" in data[:SAMPLE] or _CONTROL.search(data[:SAMPLE])):
            # A byte-order mark followed by garbage: binary data that happens to start like text.
            raise InputError("binary file (control bytes), not text") from exc
        raise InputError(f"not valid {encoding} at byte {exc.start}; pass the right --encoding") from exc
    return _checked(text, encoding)


def _plain_text(data: bytes) -> bool:
    """Return True when *data* has no file signature, byte-order mark or control bytes in its first bytes."""
    sample = data[:SAMPLE]
    return _signature(data) is None and not bom_encoding(sample)[0] and not _CONTROL.search(sample)


def _checked(text: str, encoding: str) -> str:
    """Return decoded *text* without a leading BOM; raise InputError if it is full of C1 controls."""
    if _C1.search(text[:SAMPLE]) and len(_C1.findall(text[:SAMPLE])) > 2:
        raise InputError(f"undecodable text: control characters when read as {encoding}; pass --encoding")
    return text.lstrip("\ufeff")
