"""The `geokg` command: thin click shims over the library; GeokgError -> one line on stderr."""

from __future__ import annotations

import contextlib
import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import click

from .errors import GeokgError, InputError, OutputError
from .graph.export.catalogue import (
    ALL_FORMATS, ANALYSIS_FORMATS, CARD_FORMATS, EVALUATION_FORMATS, EXTRACTION_FORMATS, RESULT_FORMATS, STATS_FORMATS,
    VALIDATION_FORMATS,
)
from .graph.export.formats import Formats

store_option = click.option(
    "--store",
    "store_url",
    envvar="GEOKG_STORE",
    default="./geokg-store",
    show_default=True,
    help="Store URL: a path or oxigraph:PATH (embedded, on disk), oxigraph: / memory: (in memory), "
    "or http(s)://… (a SPARQL server's query endpoint).",
)


def remote_options(command):
    """Add --update-url and --gsp-url, which reach every http(s) store the command opens."""

    @functools.wraps(command)
    def run(*args, update_url=None, gsp_url=None, **kwargs):
        from .graph.store import remote_endpoints

        with remote_endpoints(update_url, gsp_url):
            return command(*args, **kwargs)

    run = click.option(
        "--gsp-url", envvar="GEOKG_GSP_URL", default=None, metavar="URL",
        help="http(s) stores: Graph Store Protocol endpoint (default: guessed from --store).",
    )(run)
    return click.option(
        "--update-url", envvar="GEOKG_UPDATE_URL", default=None, metavar="URL",
        help="http(s) stores: SPARQL update endpoint (default: guessed from --store).",
    )(run)
gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra gazetteer file (TSV or Turtle) adding or overriding entities; repeatable.",
)


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str) -> str:
    r"""Return *text* with line breaks, terminal controls and bidi controls escaped, so it prints as one line.

    >>> print(one_line("a\nerror: b\x1b[2J\u202e"))
    a\nerror: b\x1b[2J\u202e
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


class ByteSize(click.ParamType):
    """A size written as a number with an optional unit: 100MB, 1.5GB, 512KB (1 KB = 1024 bytes, as in the messages)."""

    name = "size"
    _UNITS = {"B": 1, "KB": 2**10, "MB": 2**20, "GB": 2**30, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30,
              "K": 2**10, "M": 2**20, "G": 2**30}

    def __init__(self, default_unit: str = "B") -> None:
        self.default_unit = default_unit

    def convert(self, value, param, ctx) -> int:
        """Return *value* in bytes (a bare number is in the default unit)."""
        if isinstance(value, int):
            return value
        text = str(value).strip().upper().replace(" ", "")
        number = text.rstrip("KMGIB")
        unit = text[len(number):] or self.default_unit
        try:
            size = float(number) * self._UNITS[unit]
        except (ValueError, KeyError):
            self.fail(f"{value!r} is not a size: give a number and a unit, e.g. 100MB, 1GB or 512KB", param, ctx)
        if size < 1:
            self.fail(f"{value!r} is smaller than one byte", param, ctx)
        return int(size)


def format_option(formats: Formats):
    """Return the --format option offering every format of *formats*, the first one by default."""
    return click.option("--format", "fmt", type=click.Choice(list(formats)), default=formats.default,
                        show_default=True, help=formats.help)


def write_output(write: Callable[[BinaryIO], None], output: Path | None = None) -> None:
    """Run *write* on stdout, or on the file *output*, which then appears whole or not at all; return None.

    Raises:
        OutputError: If the file cannot be written.
    """
    if output is None:
        sys.stdout.flush()  # text echoed before stays before
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    part = output.with_name(output.name + ".part")
    try:
        with part.open("wb") as fh:
            write(fh)
        part.replace(output)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)  # what a failed write left
    click.echo(f"wrote {output}", err=True)


class GeokgGroup(click.Group):
    """A click group that prints user errors as one line, not a traceback: where they become exit codes."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeokgError as exc:
            raise click.ClickException(one_line(str(exc))) from exc  # "Error: <message>" on stderr, exit 1


@click.group(cls=GeokgGroup)
@click.version_option(package_name="geokg")
def cli() -> None:
    """Turn news articles into a geopolitical knowledge graph (RDF, SPARQL, maps)."""


def _gazetteer(files: tuple[Path, ...]):
    from .lexicon.gazetteer import load_gazetteer

    return load_gazetteer(tuple(files))


def read_options(command):
    """Add the options saying how inputs are read: --lang, --glob, --encoding, --field, --max-size."""
    options = [
        click.option("--lang", default=None, help="Language of every article (default: detected per article)."),
        click.option("--glob", "glob", default=None,
                     help="In folders, take only files whose path matches this pattern, e.g. '*.html'."),
        click.option("--encoding", default=None, help="Read every file in this encoding (default: detected), e.g. cp1256."),
        click.option("--field", "fields", multiple=True, metavar="KEY=NAME",
                     help="JSON field holding an article's text, title, date, url, lang or author, e.g. text=body; repeatable."),
        click.option("--max-size", type=ByteSize(default_unit="MB"), default="20MB", show_default=True,
                     help="Largest single article, e.g. 100MB or 512KB; a bare number is in MB "
                     "(JSON Lines files are read line by line, any size). Holds for devices and pipes too."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def worker_options(command):
    """Add --jobs and --cluster: where reading and extraction run."""
    command = click.option(
        "--cluster", default=None, metavar="ADDRESS",
        help="Read and extract on a Dask cluster: a scheduler address (tcp://HOST:8786) or local:N for N "
        "worker processes here; needs pip install 'geokg[cluster]'.")(command)
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
                        help="Worker processes reading and extracting articles (the store is written by one process).")(command)


def progress_options(command):
    """Add --progress and --verbose."""
    command = click.option("-v", "--verbose", is_flag=True, help="One line per article on stderr (ingested or unchanged).")(command)
    return click.option("--progress/--no-progress", default=None,
                        help="Progress bar on stderr (default: only on a terminal).")(command)


def report_options(command):
    """Add --keep-going, --progress and --verbose."""
    return click.option("--keep-going", is_flag=True,
                        help="Exit 0 even when some inputs failed (they are still reported).")(progress_options(command))


def _read_setup(paths, lang, encoding, fields, max_size, jobs, cluster):
    """Return the ReadOptions the options give, after checking the inputs exist and the options agree."""
    import codecs

    from .readers import ReadOptions

    missing = [str(p) for p in paths if str(p) != "-" and not p.exists() and not p.is_symlink()]
    if len(missing) == len(paths):  # nothing to read: say so before creating a store
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    if cluster is not None and jobs > 1:
        raise click.UsageError("give --jobs or --cluster, not both (the cluster's workers do the work)")
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None
    pairs = [f.partition("=") for f in fields]
    if any(not key or not sep or not name for key, sep, name in pairs):
        raise click.BadParameter("give KEY=NAME, e.g. text=body", param_hint="--field")
    options = ReadOptions(lang=lang, encoding=encoding, max_bytes=max_size)
    return options.with_fields({key: name for key, _, name in pairs})


def _parent_gazetteer(files: tuple[Path, ...], jobs: int, cluster: str | None):
    """Return the gazetteer this process extracts with, None when workers load their own; *files* are checked early either way."""
    local = jobs == 1 and cluster is None
    gazetteer = _gazetteer(files) if local or files else None
    return gazetteer if local else None


def _reporter(progress: bool | None, verbose: bool):
    """Return the progress bar (None when off) and the event handler printing errors, warnings and, if *verbose*, each article."""
    from .progress import Progress

    stderr = sys.stderr
    tty = stderr.isatty()
    bar = Progress(stderr, tty=tty) if (progress if progress is not None else tty) else None

    def on_event(kind: str, msg: str) -> None:
        if kind in ("error", "warning") or verbose or (kind == "info" and bar):
            line = f"{kind}: {one_line(msg)}"
            bar.message(line) if bar else click.echo(line, err=True)

    return bar, on_event


def _finish(report, bar, store, store_url: str) -> None:
    """Close the progress bar and print the summary line with the number of articles stored; return None."""
    if bar:
        bar.finish(report)
    total = report.store_articles if report.store_articles is not None else store.article_count()
    click.echo(f"{report.summary()}; store {store_url} holds {total} articles", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@store_option
@remote_options
@gazetteer_option
@report_options
@worker_options
@read_options
def ingest(paths, store_url, gazetteer_files, lang, keep_going, jobs, cluster, glob, encoding, fields, max_size,
           progress, verbose):
    """Extract articles into the store: files, folders (recursive) or - for stdin.

    Formats: .txt .md (front matter), .html (main text and metadata), .json .jsonl, RSS/Atom
    feeds (.rss .atom .xml). Each bad input gets one line on stderr; the summary counts
    ingested, unchanged and failed articles; exit 1 if any failed (unless --keep-going).

    \b
        geokg ingest examples/articles
        geokg ingest --jobs 2 --store oxigraph:/data/kg news/2024/
        geokg ingest --cluster tcp://scheduler:8786 /shared/news/
        cat feed.jsonl | geokg ingest --field text=body -
    """
    from .graph.store import open_store
    from .ingest import ingest as run

    options = _read_setup(paths, lang, encoding, fields, max_size, jobs, cluster)
    bar, on_event = _reporter(progress, verbose)
    gazetteer = _parent_gazetteer(gazetteer_files, jobs, cluster)
    with open_store(store_url) as store:
        report = run(paths, store, gazetteer=gazetteer, gazetteer_files=gazetteer_files,
                     jobs=jobs, cluster=cluster, options=options, glob=glob, on_event=on_event,
                     on_progress=bar.update if bar else None)
        _finish(report, bar, store, store_url)
    if report.failed and not keep_going:
        sys.exit(1)


@cli.command("extract-corpus")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the shards and their manifest (created; a second run adds to it).")
@click.option("--shard-size", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Articles per shard.")
@gazetteer_option
@report_options
@worker_options
@read_options
def extract_corpus(paths, out, shard_size, gazetteer_files, lang, keep_going, jobs, cluster, glob, encoding, fields,
                   max_size, progress, verbose):
    """Extract articles into compressed N-Quads shards and a manifest, without a store.

    Run it where the data is, then `geokg load` the folder into any store. Articles already in
    the manifest are skipped, so a second run (after new files, or a kill) adds only what is
    missing. Each bad input gets one line on stderr; exit 1 if any failed (unless --keep-going).

    \b
        geokg extract-corpus examples/articles --out shards
        geokg extract-corpus --cluster local:4 /data/news --out /data/shards
    """
    from .corpus import extract_corpus as run

    options = _read_setup(paths, lang, encoding, fields, max_size, jobs, cluster)
    bar, on_event = _reporter(progress, verbose)
    gazetteer = _parent_gazetteer(gazetteer_files, jobs, cluster)
    report = run(paths, out, options=options, glob=glob, jobs=jobs, cluster=cluster,
                 gazetteer=gazetteer, gazetteer_files=gazetteer_files, shard_articles=shard_size,
                 on_event=on_event, on_progress=bar.update if bar else None)
    if bar:
        bar.finish(report)
    click.echo(f"{report.ingested} extracted, {report.unchanged} already in the manifest, {report.failed} failed "
               f"({report.statements} statements, {report.quads} quads); shards in {out}", err=True)
    if report.failed and not keep_going:
        sys.exit(1)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=Path))
@store_option
@remote_options
@progress_options
def load(folders, store_url, progress, verbose):
    """Load the shards `geokg extract-corpus` wrote into the store, as `geokg ingest` would have.

    Folders are loaded in the order given. Articles already stored are skipped and a changed
    article replaces the older one from the same source; a load that was stopped resumes after
    the last shard it finished.

    \b
        geokg load shards/ --store oxigraph:/data/kg
        geokg load shards/part-* --store http://localhost:7878/query
    """
    from .corpus import load as run, read_manifest
    from .graph.store import open_store

    for folder in folders:
        read_manifest(folder)  # a folder without shards says so before a store is created
    bar, on_event = _reporter(progress, verbose)
    with open_store(store_url) as store:
        report = run(folders, store, on_event=on_event, on_progress=bar.update if bar else None)
        _finish(report, bar, store, store_url)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@format_option(EXTRACTION_FORMATS)
@click.option("--lang", default=None, help="Article language (default: detected).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Drop relations below this confidence.")
@gazetteer_option
def extract(file, fmt, lang, min_confidence, gazetteer_files):
    """Print the entities and relations found in one article, without a store."""
    from dataclasses import replace

    from .readers import ReadFailure, read_path

    items = list(read_path(file, lang))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    if failures:
        raise InputError(f"{failures[0].where}: {failures[0].reason}")
    from .extract import extract as run  # the extraction tables load once there is an article to read

    gaz = _gazetteer(gazetteer_files)
    for article in items:
        ex = run(article, gaz)
        if min_confidence:
            ex = replace(ex, statements=tuple(s for s in ex.statements if s.confidence >= min_confidence))
        write_output(EXTRACTION_FORMATS.writer(fmt, ex))


@cli.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File(encoding="utf-8"), help="Read the query from a file.")
@click.option("--saved", "saved_name", metavar="NAME", help="Run a saved query (see --list-saved).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the saved query, bound as one RDF term (never pasted as SPARQL); repeatable.")
@click.option("--list-saved", is_flag=True, help="List the saved queries and their parameters, then exit.")
@format_option(RESULT_FORMATS)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=None, metavar="SECONDS",
              help="Stop the query after this many seconds (default: no limit; Ctrl-C stops it at once).")
@store_option
@remote_options
def query(sparql, query_file, saved_name, params, list_saved, fmt, timeout, store_url):
    """Run a SPARQL query over the union of all article graphs (prefixes gkg:, gkr:, wd:, … predeclared).

    The store is opened read-only: updates are refused (`geokg ingest` changes the data).

    \b
        geokg query 'SELECT ?state WHERE { ?state gkg:memberOf ?o . ?o rdfs:label "Shanghai Cooperation Organisation"@en }'
        geokg query -f members.rq --format csv > members.csv
        geokg query --saved members --param org=NATO
        geokg query --saved support --param entity=NATO --param min=2
    """
    from .graph.query.saved import describe_saved, get_saved
    from .graph.store import open_store

    if list_saved:
        click.echo(describe_saved(), nl=False)
        return
    if sum(x is not None for x in (sparql, query_file, saved_name)) != 1:
        raise click.UsageError("give one of: a SPARQL string, -f FILE or --saved NAME")
    if params and saved_name is None:
        raise click.UsageError("--param goes with --saved NAME")
    with open_store(store_url, read_only=True) as store:
        if saved_name is not None:
            from .graph.view.resolve import resolve_entity
            from .graph.query.saved import bind, parse_params

            saved = get_saved(saved_name)
            text = bind(saved, parse_params(params), lambda name: resolve_entity(store, name))
        else:
            text = sparql if sparql is not None else query_file.read()
        refuse_update(text, store_url)
        # A query someone wrote runs apart: an engine crash or Ctrl-C ends the query, not geokg.
        result = store.query(text, isolated=True, timeout=timeout)
    write_output(RESULT_FORMATS.writer(fmt, result))


def refuse_update(sparql: str, store_url: str) -> None:
    """Raise QuerySyntaxError when *sparql* is an update: queries open the store read-only; return None."""
    from .errors import QuerySyntaxError
    from .graph.store.sparql_text import is_update

    if is_update(sparql):
        raise QuerySyntaxError(
            f"this is a SPARQL update, and `geokg query` opens {store_url} read-only for queries; the data "
            "changes through `geokg ingest` (which replaces an article's graph when its file changed)"
        )


@cli.command()
@format_option(ALL_FORMATS)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Output file (default: stdout).")
@store_option
@remote_options
def export(fmt, output, store_url):
    """Export the knowledge graph as RDF, as a graph for Gephi and networkx, as CSV or as PLOVER-style events.

    \b
        geokg export --format trig -o kg.trig
        geokg export --format gexf -o kg.gexf
        geokg export --format csv-edges > edges.csv
    """
    from .graph.store import open_store

    with open_store(store_url, read_only=True) as store:
        write_output(ALL_FORMATS.writer(fmt, store), output)


@cli.command("map")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write (nothing else is written).")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True, help="Label and page language.")
@click.option("--title", default="geokg map", show_default=True)
@click.option("--focus", help="Centre entity: a name in any language, an IRI or a QID (Q184).")
@click.option("--depth", type=click.IntRange(min=0), default=1, show_default=True, help="Hops around --focus.")
@click.option("--relation", "relations", multiple=True, help="Only this relation and its sub-properties (repeatable).")
@click.option("--type", "types", multiple=True, help="Only entities of this type: state, organisation, person, … (repeatable).")
@click.option("--since", help="Only statements from articles dated on/after YYYY[-MM[-DD]].")
@click.option("--until", help="Only statements from articles dated on/before YYYY[-MM[-DD]].")
@click.option("--min-support", type=click.IntRange(min=1), default=1, show_default=True, help="Only edges asserted by at least N articles.")
@click.option("--sparql", "sparql_file", type=click.File(encoding="utf-8"), help="SELECT or CONSTRUCT query defining the subgraph.")
@click.option("--size-by", type=click.Choice(["degree", "pagerank", "betweenness"]), default="degree", show_default=True, help="Node size and top-k ranking.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=5000, show_default=True, help="Keep only the N most central entities.")
@click.option("--layout", type=click.Choice(["network", "geo"]), default="network", show_default=True, help="Open as a network, or with states at their place on a world map (the page can switch).")
@store_option
@remote_options
def map_(output, lang, title, focus, depth, relations, types, since, until, min_support, sparql_file,
         size_by, max_nodes, layout, store_url):
    """Draw the relationship map as one offline HTML file.

    \b
        geokg map -o map.html
        geokg map -o belarus.html --focus Belarus --depth 2 --lang ar
        geokg map -o conflict.html --relation opposes --type state --since 2024-01
        geokg map -o world.html --layout geo
    """
    from .graph.store import open_store

    sparql = sparql_file.read() if sparql_file is not None else None
    with open_store(store_url, read_only=True) as store:
        from .graph.map.build import build_map  # networkx and the renderer load once the store is open

        html = build_map(store, lang=lang, title=title, focus=focus, depth=depth, relations=relations,
                         types=types, since=since, until=until, min_support=min_support, sparql=sparql,
                         size_by=size_by, max_nodes=max_nodes, layout=layout)
    write_output(lambda out: out.write(html.encode("utf-8")), output)


@cli.command()
@format_option(STATS_FORMATS)
@click.option("--top", default=10, show_default=True, help="How many top entities by degree.")
@store_option
@remote_options
def stats(fmt, top, store_url):
    """Count articles, statements, entities per class and relations; list top entities by degree."""
    from .graph.query.sparql import stats as run
    from .graph.store import open_store

    with open_store(store_url, read_only=True) as store:
        data = run(store, top=top)
    write_output(STATS_FORMATS.writer(fmt, data))


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@format_option(EVALUATION_FORMATS)
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@click.option(
    "--entities",
    "entity_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Also score entities against gold entity lists in this folder (same file stems).",
)
@gazetteer_option
def eval_(gold_dir, articles_dir, fmt, min_confidence, entity_dir, gazetteer_files):
    """Print precision, recall and F1 per language and relation against gold triples (paired by file stem).

    \b
        geokg eval ../shared/dev/gold ../shared/seeds
        geokg eval tests/data/dev/gold tests/data/dev/articles --entities tests/data/dev/entities
    """
    from .extract.evaluate import evaluate, evaluate_entities

    gaz = _gazetteer(gazetteer_files)
    scores = evaluate(gold_dir, articles_dir, gazetteer=gaz, min_confidence=min_confidence, entity_dir=entity_dir)
    entity_scores = evaluate_entities(entity_dir, articles_dir, gazetteer=gaz) if entity_dir else None
    write_output(EVALUATION_FORMATS.writer(fmt, (scores, entity_scores)))


@cli.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on: loopback only by default; 0.0.0.0 opens it to the network (see docs/security.md).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30, show_default=True,
              help="Seconds a query may run; then it is killed and answered 503.")
@click.option("--max-result", type=ByteSize(), default="100MB", show_default=True,
              help="Largest answer to one query, e.g. 20MB or 1GB; a bigger one is stopped and answered 500.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Queries running at once (each in its own process); others wait their turn.")
@click.option("--cors-origin", "origins", multiple=True, metavar="ORIGIN",
              help="Let web pages from this origin (https://host[:port]) query the endpoint; repeatable; "
              "'*' lets any page do it. Default: none.")
@click.option("--allow-service", "services", multiple=True, metavar="URL",
              help="Let queries call this SPARQL endpoint with SERVICE; repeatable. Default: federation off.")
def serve(store_url, host, port, timeout, max_result, workers, origins, services):
    """Serve the on-disk store as a read-only SPARQL 1.1 endpoint (queries at /query, a query form at /).

    Safe by default: it listens on loopback only, refuses updates, answers no web page of another
    origin (CORS off), calls no other endpoint (SERVICE off), and stops every query at --timeout,
    at --max-result or when its client disconnects. A query that crashes the query engine is
    answered 500 and the server goes on. While it runs, `geokg ingest` into the same store is
    refused (stop the server, ingest, serve again).

    \b
        geokg serve --store ./geokg-store --port 7878
        geokg serve --cors-origin https://yasgui.triply.cc --allow-service https://query.wikidata.org/sparql
        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 3' http://127.0.0.1:7878/query
    """
    from .graph.store.endpoint import Limits
    from .graph.store.serve import serve as run

    limits = Limits(timeout=timeout, max_bytes=max_result, workers=workers, origins=frozenset(origins),
                    services=frozenset(services))

    def ready(endpoint) -> None:
        click.echo(f"SPARQL endpoint {endpoint.query_url} (read-only; limits: {limits.describe()}); Ctrl-C stops it",
                   err=True)

    sys.exit(run(store_url, host=host, port=port, limits=limits, on_ready=ready))


@cli.command()
@click.argument("entity")
@format_option(CARD_FORMATS)
@click.option("--lang", default="en", show_default=True, help="Label language of the table (en, ar, …).")
@store_option
@remote_options
@gazetteer_option
def show(entity, fmt, lang, store_url, gazetteer_files):
    """Show one entity: labels, type, Wikidata link, offices and every relation with its evidence.

    ENTITY is a name in any language, an IRI or a QID.

    \b
        geokg show Belarus
        geokg show بيلاروسيا --lang ar
        geokg show Q184 --format json
    """
    from .graph.store import open_store

    gaz = _gazetteer(gazetteer_files) if gazetteer_files else None
    with open_store(store_url, read_only=True) as store:
        from .graph.view.cards import entity_card  # rdflib and the ontology load once the store is open

        card = entity_card(store, entity, gazetteer=gaz)
    write_output(CARD_FORMATS.writer(fmt, card, lang=lang))


@cli.command()
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True, help="Entities per ranking.")
@click.option("--path", "path", nargs=2, metavar="A B", default=None,
              help="Shortest relation path between two entities (names in any language, IRIs or QIDs).")
@click.option("--change", nargs=2, metavar="OLD NEW", default=None,
              help="New and vanished edges between two date windows: YYYY[-MM[-DD]], START..END, ..END or START..")
@click.option("--relation", "relations", multiple=True, help="Only this relation and its sub-properties (repeatable).")
@click.option("--since", help="Only statements from articles dated on/after YYYY[-MM[-DD]].")
@click.option("--until", help="Only statements from articles dated on/before YYYY[-MM[-DD]].")
@click.option("--min-support", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only edges asserted by at least N articles.")
@format_option(ANALYSIS_FORMATS)
@store_option
@remote_options
def analyze(top, path, change, relations, since, until, min_support, fmt, store_url):
    """Rank entities (degree, betweenness), find communities, relation paths and change over time.

    \b
        geokg analyze
        geokg analyze --path "Alexander Lukashenko" "European Union"
        geokg analyze --change 2023 2024 --format json
    """
    from .graph.store import open_store

    with open_store(store_url, read_only=True) as store:
        from .graph.view.analysis import analyze as run  # networkx loads once the store is open

        result = run(store, top=top, path=tuple(path) if path else None, change=tuple(change) if change else None,
                     relations=relations, since=since, until=until, min_support=min_support)
    write_output(ANALYSIS_FORMATS.writer(fmt, result))


@cli.command()
@format_option(VALIDATION_FORMATS)
@store_option
@remote_options
def validate(fmt, store_url):
    """Check the store against the SHACL shapes shipped with the ontology; exit 1 on any violation.

    The shapes (geokg/shapes.ttl) check domains and ranges, that every statement has its
    evidence sentence and article, and that labels carry language tags.
    """
    from .graph.store import open_store
    from .errors import ValidationFailed

    with open_store(store_url, read_only=True) as store:
        from .graph.query.validate import validate_store  # rdflib loads once the store is open

        violations = validate_store(store)
    write_output(VALIDATION_FORMATS.writer(fmt, violations))
    if violations:
        raise ValidationFailed(f"{store_url} does not conform to the geokg shapes: "
                               f"{len(violations)} violation{'s' if len(violations) != 1 else ''} (listed on stdout)")


def main() -> None:
    """Run the geokg command line."""
    cli(prog_name="geokg")
