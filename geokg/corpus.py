"""Extraction without a store (shards and a manifest), and the bulk load of those shards into a store.

``extract_corpus`` runs the ingest's reading and extraction (local processes or a Dask cluster)
and writes the articles, a thousand at a time, to ``shard-NNNNNN.nq.gz``: gzip-compressed N-Quads
in which each article's quads follow one comment line holding the rest of its record, so any
N-Quads reader loads a shard as it is and ``load`` rebuilds every field of the ``Extracted``
records the ingest writer takes. After each shard, one JSON line goes to ``manifest.jsonl``:
the shard, its articles (IRI, which holds the text's checksum, and where each was read), counts
and failures. A shard is written whole (renamed into place) before its manifest line, so a killed
run leaves complete shards only, and the next run skips the articles the manifest has.

``load`` hands the shards' articles of one folder or more, in manifest order, to the ingest's writer: the same skipping
of stored articles, replacement by source, all-or-nothing batches and upkeep of derived graphs
as ``geokg ingest``. It notes each loaded shard in ``loaded/<store>.jsonl`` beside the manifest
and resumes after the last one noted, once the store shows that shard's last article.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import fields
from itertools import islice
from pathlib import Path

from .errors import CorpusError
from .graph.store import Quads, Store
from .ingest import EventHandler, Extracted, IngestReport, _compact_after_bulk, _total_bytes, _Writer, accept, process
from .lexicon.gazetteer import Gazetteer
from .namespaces import article_iri
from .readers import ReadArticle, ReadFailure, ReadOptions

MANIFEST = "manifest.jsonl"
LOADED = "loaded"  # the folder of load logs, one per store
SHARD_ARTICLES = 1000
HEADER = "# geokg-article "  # an N-Quads comment: readers of plain N-Quads skip it
LOOK_AHEAD = 128  # articles of a shard the writer asks the store about at once (a request, on a server)
COMPRESS_LEVEL = 5  # gzip's default 9 costs twice the time for 3 % less


# --- records ------------------------------------------------------------------------------------

def encode_record(item: Extracted) -> str:
    """Return *item* as shard text: a comment line with its fields, then the N-Quads of its Quads fields.

    Every field of the dataclass is carried: Quads (and tuples of Quads) as N-Quads lines, whose
    counts the comment line gives, anything else as JSON.
    """
    values, counts, bodies = {}, {}, []
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name == "said":
            continue  # the statements are in the quads: a store reads them back from there (said_in)
        if isinstance(value, Quads):
            counts[f.name] = len(value)
            bodies.append(value.nquads)
        elif isinstance(value, tuple) and value and all(isinstance(v, Quads) for v in value):
            counts[f.name] = [len(v) for v in value]
            bodies.extend(v.nquads for v in value)
        else:
            values[f.name] = value
    return HEADER + json.dumps({"fields": values, "nquads": counts}, ensure_ascii=True) + "\n" + "".join(bodies)


def read_shard(path: Path) -> Iterator[Extracted]:
    """Yield the records of the shard at *path*, as the ``Extracted`` objects they were written from."""
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="\n") as lines:
            for line in lines:
                if not line.startswith(HEADER):
                    raise CorpusError(f"{path}: a line where an article record should start; the shard is damaged")
                yield _decode(json.loads(line[len(HEADER):]), lines, path)
    except (OSError, EOFError, ValueError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read the shard ({exc}); extract its inputs again") from None


def _decode(head: dict, lines: Iterator[str], path: Path) -> Extracted:
    """Return the record whose comment line is *head*, reading its quads from *lines*."""
    values = {name: _tuples(value) for name, value in head["fields"].items()}
    for name, count in head["nquads"].items():
        parts = [_take(lines, n, path) for n in (count if isinstance(count, list) else [count])]
        values[name] = tuple(parts) if isinstance(count, list) else parts[0]
    try:
        return Extracted(**values)
    except TypeError as exc:
        raise CorpusError(f"{path}: a record this version of geokg cannot read ({exc})") from None


def _take(lines: Iterator[str], count: int, path: Path) -> Quads:
    """Return the next *count* lines as Quads."""
    taken = list(islice(lines, count))
    if len(taken) != count:
        raise CorpusError(f"{path}: the shard ends inside an article record; the shard is damaged")
    return Quads("".join(taken))


def _tuples(value):
    """Return *value* with JSON lists turned back into tuples (records hold tuples)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


# --- manifest -----------------------------------------------------------------------------------

def read_manifest(folder: Path) -> list[dict]:
    """Return the manifest entries of *folder*, oldest first (a line a killed run left unfinished is ignored)."""
    path = folder / MANIFEST
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise CorpusError(f"{folder} has no {MANIFEST}: write the shards with `geokg extract-corpus INPUT… "
                          f"--out {folder}` first") from None
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror or exc}") from None
    complete = text[: text.rfind("\n") + 1]
    try:
        return [json.loads(line) for line in complete.splitlines()]
    except ValueError as exc:
        raise CorpusError(f"{path}: not a geokg manifest ({exc})") from None


def _append_line(path: Path, entry: dict) -> None:
    """Append *entry* as one JSON line to *path* and make it durable; return None."""
    with path.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


def _cut_unfinished_line(path: Path) -> None:
    """Drop the end of *path* after its last line break (what a killed run left half-written); return None."""
    if not path.exists():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        with path.open("r+b") as fh:
            fh.truncate(data.rfind(b"\n") + 1)


# --- extract-corpus -----------------------------------------------------------------------------

class _ShardWriter:
    """The writer of extract-corpus: skips what the manifest has, writes the rest as shards, reports."""

    def __init__(self, folder: Path, report: IngestReport, emit: EventHandler, shard_articles: int) -> None:
        self.folder, self.report, self.emit, self.shard_articles = folder, report, emit, shard_articles
        _cut_unfinished_line(folder / MANIFEST)
        entries = read_manifest(folder) if (folder / MANIFEST).exists() else []
        self.done = {iri for entry in entries for iri, _ in entry["articles"]}
        self.number = len(entries)  # names the next shard; a killed run's unlisted shard is overwritten
        self.pending: set[str] = set()
        self.records: list[Extracted] = []
        self.failures: list[tuple[str, str]] = []

    def fail(self, where: str, reason: str) -> None:
        """Count and report one failed input; return None."""
        self.report.fail(where, reason)
        self.failures.append((where, reason))
        self.emit("error", f"{where}: {reason}")

    def look_ahead(self, articles: Sequence[tuple[str, str]]) -> None:
        """Do nothing: what is already extracted is in the manifest, read once; return None."""

    def wants(self, item: ReadArticle | ReadFailure) -> bool:
        """Return True when *item* is an article neither in the manifest nor on its way there."""
        if isinstance(item, ReadFailure):
            self.fail(item.where, item.reason)
            return False
        iri = article_iri(item.article.sha256)
        new = iri not in self.done and iri not in self.pending
        if new:
            self.pending.add(iri)
        else:
            self.report.unchanged += 1
            self.emit("unchanged", item.where)
        return new

    def add(self, item: Extracted | ReadFailure) -> None:
        """Queue one extracted article for the next shard; return None."""
        if not accept(self, item):
            return
        self.records.append(item)
        if len(self.records) >= self.shard_articles:
            self.flush()

    def flush(self) -> None:
        """Write the queued articles as one shard, then its manifest line; return None."""
        if not self.records and not self.failures:
            return
        records, failures = self.records, self.failures
        self.records, self.failures = [], []
        name = f"shard-{self.number:06d}.nq.gz" if records else None
        quads = sum(len(r.quads) + sum(map(len, r.descriptions)) for r in records)
        if name:
            self._write_shard(self.folder / name, records)
        _append_line(self.folder / MANIFEST, {
            "shard": name, "articles": [[r.iri, r.where] for r in records],
            "statements": sum(r.statements for r in records), "quads": quads,
            "bytes": (self.folder / name).stat().st_size if name else 0, "failures": failures,
        })
        self.number += 1
        for r in records:
            self.done.add(r.iri)
            self.pending.discard(r.iri)
            self.report.ingested += 1
            self.report.statements += r.statements
            self.emit("ingested", r.where)
        self.report.quads += quads

    def _write_shard(self, path: Path, records: list[Extracted]) -> None:
        """Write *records* to *path* whole or not at all; return None."""
        part = path.with_name(path.name + ".part")
        with open(part, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=COMPRESS_LEVEL, mtime=0) as gz:
                for record in records:
                    gz.write(encode_record(record).encode("utf-8"))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(part, path)


def extract_corpus(
    paths: Iterable[str | Path],
    folder: str | Path,
    *,
    options: ReadOptions | None = None,
    glob: str | None = None,
    jobs: int = 1,
    cluster: str | None = None,
    gazetteer: Gazetteer | None = None,
    gazetteer_files: Iterable[Path] = (),
    shard_articles: int = SHARD_ARTICLES,
    on_event: EventHandler | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Extract every article under *paths* into shards and a manifest in *folder*; return the report.

    ``ingested`` counts the articles written to shards, ``unchanged`` those the manifest already
    had; events and failures are reported as ``geokg.ingest`` reports them.
    """
    paths, folder = list(paths), Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CorpusError(f"cannot create {folder}: {exc.strerror or exc}") from None
    report = IngestReport(bytes_total=_total_bytes(paths, glob) if on_progress is not None else 0)
    writer = _ShardWriter(folder, report, on_event or (lambda kind, msg: None), shard_articles)
    process(paths, writer, options or ReadOptions(), glob=glob, jobs=jobs, cluster=cluster, gazetteer=gazetteer,
            gazetteer_files=tuple(gazetteer_files), on_progress=on_progress)
    writer.flush()
    if on_progress is not None:
        on_progress(report)
    return report


# --- load ---------------------------------------------------------------------------------------

class _LoadLog:
    """The shards of one folder already loaded into one store, in ``loaded/<hash of the store URL>.jsonl``."""

    def __init__(self, folder: Path, url: str) -> None:
        self.path = folder / LOADED / f"{hashlib.sha256(url.encode()).hexdigest()[:16]}.jsonl"
        self.url = url

    def resume_point(self, entries: list[dict], store: Store) -> int:
        """Return how many leading *entries* are in *store* already: those logged, if it has the last one's last article."""
        try:
            logged = [json.loads(line) for line in self.path.read_text("utf-8").splitlines(keepends=True)
                      if line.endswith("\n")]
        except (OSError, ValueError):
            return 0
        names = [line.get("shard") for line in logged if line.get("store") == self.url]
        done = 0
        while done < len(entries) and done < len(names) and names[done] == entries[done]["shard"]:
            done += 1
        lasts = [entry["articles"][-1][0] for entry in entries[:done] if entry["articles"]]
        # A store made again at the same URL (deleted, or in memory) starts over.
        return done if not lasts or store.has_graph(lasts[-1]) else 0

    def mark(self, entry: dict) -> None:
        """Note that the shard of *entry* is in the store; return None."""
        try:
            self.path.parent.mkdir(exist_ok=True)
            _append_line(self.path, {"store": self.url, "shard": entry["shard"]})
        except OSError:
            pass  # a folder others own: a later load checks article by article instead of skipping shards


def load(
    folders: str | Path | Iterable[str | Path],
    store: Store,
    *,
    on_event: EventHandler | None = None,
    on_progress: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Load the shards in *folders* into *store* through the ingest's writer; return the report.

    Folders are taken in the order given, each in manifest order. ``ingested`` counts the articles
    written, ``unchanged`` those already stored (or in a shard an earlier load of the same folder
    into this store finished).
    """
    folders = [Path(folders)] if isinstance(folders, (str, Path)) else [Path(f) for f in folders]
    manifests = [(folder, read_manifest(folder)) for folder in folders]
    emit = on_event or (lambda kind, msg: None)
    report = IngestReport(bytes_total=sum(entry["bytes"] for _, entries in manifests for entry in entries))
    writer = _Writer(store, report, emit)
    resuming = True
    try:
        for folder, entries in manifests:
            # Shards are skipped only up to the first one loaded again: an older article loaded again
            # replaces a newer one of the same source, which a later shard must then bring back.
            resuming = _load_folder(folder, entries, writer, on_progress, resuming)
    finally:
        writer.close()
    _compact_after_bulk(store, report, emit)
    return report


def _load_folder(folder: Path, entries: list[dict], writer: _Writer,
                 on_progress: Callable[[IngestReport], None] | None, resuming: bool) -> bool:
    """Load the shards of one folder, skipping those logged when *resuming*; return True if all were skipped."""
    report, log = writer.report, _LoadLog(folder, writer.store.url)
    start = log.resume_point(entries, writer.store) if resuming else 0
    for entry in entries[:start]:
        report.unchanged += len(entry["articles"])
        report.bytes_done += entry["bytes"]
    for entry in entries[start:]:
        if entry["shard"]:
            items = read_shard(folder / entry["shard"])
            while window := list(islice(items, LOOK_AHEAD)):
                writer.look_ahead([(item.iri, item.source) for item in window])
                for item in window:
                    if writer.wants_graph(item.where, item.iri, item.source):
                        writer.add(item)
            writer.flush()
        log.mark(entry)
        report.bytes_done += entry["bytes"]
        if on_progress is not None:
            on_progress(report)
    return start == len(entries)
