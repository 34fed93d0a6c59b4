"""The `geokg` command: thin click shims over the library; GeokgError -> one line on stderr."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import GeokgError

store_option = click.option(
    "--store",
    "store_url",
    envvar="GEOKG_STORE",
    default="./geokg-store",
    show_default=True,
    help="Store URL: a path or oxigraph:PATH (embedded, on disk), oxigraph: / memory: (in memory).",
)
gazetteer_option = click.option(
    "--gazetteer",
    "gazetteer_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra gazetteer file (TSV or Turtle) adding or overriding entities; repeatable.",
)


class GeokgGroup(click.Group):
    """A click group that prints user errors as one line instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except GeokgError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=GeokgGroup)
@click.version_option(package_name="geokg")
def cli() -> None:
    """Turn news articles into a geopolitical knowledge graph (RDF, SPARQL, maps)."""


def _gazetteer(files: tuple[Path, ...]):
    from .extract.gazetteer import load_gazetteer

    return load_gazetteer(tuple(files))


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@gazetteer_option
@click.option("--lang", default=None, help="Language of every article (default: detected per article).")
@click.option("--keep-going", is_flag=True, help="Exit 0 even when some inputs failed (they are still reported).")
def ingest(paths, store_url, gazetteer_files, lang, keep_going):
    """Extract articles (files or folders: .txt .md .html .json .jsonl) into the store.

    \b
        geokg ingest examples/articles
        geokg ingest --store oxigraph:/data/kg news/2024/
    """
    from .graph.store import open_store
    from .pipeline import ingest as run

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise click.ClickException(f"no such file or folder: {', '.join(missing)}")

    def on_event(kind: str, msg: str) -> None:
        if kind == "error":
            click.echo(f"error: {msg}", err=True)
        else:
            click.echo(f"{kind}: {msg}", err=True)

    with open_store(store_url) as store:
        report = run(paths, store, lang=lang, gazetteer=_gazetteer(gazetteer_files), on_event=on_event)
        total = len(store)
    click.echo(f"{report.summary()}; store {store_url} holds {total} quads", err=True)
    if report.failures and not keep_going:
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "ttl", "table"]), default="json", show_default=True)
@click.option("--lang", default=None, help="Article language (default: detected).")
@click.option("--min-confidence", type=float, default=0.0, show_default=True, help="Drop relations below this confidence.")
@gazetteer_option
def extract(file, fmt, lang, min_confidence, gazetteer_files):
    """Print the entities and relations found in one article, without a store."""
    from dataclasses import replace

    from . import serialize
    from .extract import extract as run
    from .reader import ReadFailure, read_path

    items = list(read_path(file, lang))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    if failures:
        raise click.ClickException(f"{failures[0].where}: {failures[0].reason}")
    gaz = _gazetteer(gazetteer_files)
    for article in items:
        ex = run(article, gaz)
        if min_confidence:
            ex = replace(ex, statements=tuple(s for s in ex.statements if s.confidence >= min_confidence))
        if fmt == "json":
            click.echo(json.dumps(serialize.extraction_dict(ex), ensure_ascii=False, indent=2))
        elif fmt == "table":
            click.echo(serialize.extraction_table(ex), nl=False)
        else:
            click.get_binary_stream("stdout").write(serialize.extraction_turtle(ex))


@cli.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File(encoding="utf-8"), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@store_option
def query(sparql, query_file, fmt, store_url):
    """Run a SPARQL query over the union of all article graphs (prefixes gkg:, gkr:, wd:, … predeclared).

    \b
        geokg query 'SELECT ?state WHERE { ?state gkg:memberOf ?o . ?o rdfs:label "Shanghai Cooperation Organisation"@en }'
        geokg query -f members.rq --format csv > members.csv
    """
    from .graph.sparql import format_result
    from .graph.store import open_store

    if (sparql is None) == (query_file is None):
        raise click.UsageError("give either a SPARQL string or -f FILE")
    text = sparql if sparql is not None else query_file.read()
    with open_store(store_url, read_only=True) as store:
        result = store.query(text)
    format_result(result, fmt, click.get_text_stream("stdout"))


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld"]),
    default="ttl",
    show_default=True,
    help="ttl/nt merge all articles into one graph (provenance stays on statement nodes); nq/trig/jsonld keep one graph per article.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None, help="Output file (default: stdout).")
@store_option
def export(fmt, output, store_url):
    """Export the knowledge graph as RDF."""
    from .graph.export import export as run
    from .graph.store import open_store

    with open_store(store_url, read_only=True) as store:
        if output is None:
            run(store, click.get_binary_stream("stdout"), fmt)
            return
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("wb") as fh:
                run(store, fh, fmt)
            tmp.replace(output)
        except OSError as exc:
            raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output}", err=True)


@cli.command("map")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write.")
@click.option("--lang", type=click.Choice(["en", "ar"]), default="en", show_default=True, help="Label language.")
@click.option("--title", default="geokg map", show_default=True)
@store_option
def map_(output, lang, title, store_url):
    """Draw the relationship map as one offline HTML file."""
    from .graph.store import open_store
    from .mapping import build_map

    with open_store(store_url, read_only=True) as store:
        html = build_map(store, lang=lang, title=title)
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from exc
    click.echo(f"wrote {output}", err=True)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--top", default=10, show_default=True, help="How many top entities by degree.")
@store_option
def stats(fmt, top, store_url):
    """Count articles, statements, entities per class and relations; list top entities by degree."""
    from .graph.sparql import stats as run
    from .graph.store import open_store

    with open_store(store_url, read_only=True) as store:
        data = run(store, top=top)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"articles    {data['articles']}")
    click.echo(f"statements  {data['statements']}")
    click.echo("entities by class:")
    for cls, n in sorted(data["entities"].items(), key=lambda kv: -kv[1]):
        click.echo(f"  {cls:<32} {n}")
    click.echo("relations:")
    for rel, n in sorted(data["relations"].items(), key=lambda kv: -kv[1]):
        click.echo(f"  {rel:<32} {n}")
    click.echo("top entities by degree:")
    for row in data["top_entities"]:
        click.echo(f"  {row.get('label') or row['iri']:<32} {row['degree']}")


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("articles_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--min-confidence", type=float, default=0.0, show_default=True)
@gazetteer_option
def eval_(gold_dir, articles_dir, fmt, min_confidence, gazetteer_files):
    """Print precision, recall and F1 per language and relation against gold triples (paired by file stem)."""
    from .evaluate import evaluate, format_scores

    scores = evaluate(gold_dir, articles_dir, gazetteer=_gazetteer(gazetteer_files), min_confidence=min_confidence)
    if fmt == "json":
        click.echo(json.dumps(scores, ensure_ascii=False, indent=2))
    else:
        click.echo(format_scores(scores), nl=False)


def main() -> None:
    """Run the geokg command line."""
    cli(prog_name="geokg")
