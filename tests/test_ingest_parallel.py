"""--jobs N writes exactly what one job writes; the progress line; quiet pipes."""

from __future__ import annotations

import importlib
import io
from pathlib import Path

from geokg.cli import cli
from geokg.graph.store import open_store
from geokg.ingest import ingest
from geokg.progress import Progress

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
INGEST = Path(__file__).resolve().parent / "data" / "ingest"


def _nq(url: str) -> bytes:
    out = io.BytesIO()
    with open_store(url, read_only=True) as store:
        store.dump(out, "nq")
    return out.getvalue()


def test_ingest_two_jobs_write_the_same_quads_as_one(tmp_path):
    urls = {jobs: f"oxigraph:{tmp_path / f'kg{jobs}'}" for jobs in (1, 2)}
    reports = {}
    for jobs, url in urls.items():
        with open_store(url) as store:
            reports[jobs] = ingest([EXAMPLES, INGEST], store, jobs=jobs)
    assert reports[1] == reports[2]
    assert reports[1].ingested > 6 and reports[1].quads > 0
    assert _nq(urls[1]) == _nq(urls[2])


def test_ingest_events_arrive_in_input_order_with_two_jobs(tmp_path):
    events = []
    with open_store("oxigraph:") as store:
        ingest([EXAMPLES], store, jobs=2, on_event=lambda kind, msg: events.append((kind, Path(msg).name)))
    assert events == [("ingested", p.name) for p in sorted(EXAMPLES.glob("*.txt"))]


def test_ingest_progress_is_quiet_in_a_pipe_unless_asked(runner, tmp_path):
    quiet = runner.invoke(cli, ["ingest", "--store", f"oxigraph:{tmp_path / 'a'}", str(EXAMPLES)])
    assert quiet.stderr.splitlines() == [quiet.stderr.strip()]  # the summary only
    loud = runner.invoke(cli, ["ingest", "--progress", "--store", f"oxigraph:{tmp_path / 'b'}", str(EXAMPLES)])
    assert loud.exit_code == 0
    assert "6 articles" in loud.stderr and "/s" in loud.stderr and "100%" in loud.stderr


def test_ingest_progress_redraws_in_place_on_a_terminal_with_eta():
    from geokg.ingest import IngestReport

    out = io.StringIO()
    bar = Progress(out, tty=True, interval=0)
    bar.update(IngestReport(ingested=10, bytes_done=25, bytes_total=100))
    bar.message("error: x.txt: empty file")
    bar.finish(IngestReport(ingested=40, bytes_done=100, bytes_total=100))
    text = out.getvalue()
    assert text.startswith("\r\x1b[K[######") and " 25%  10 articles" in text and "ETA " in text
    assert "\r\x1b[Kerror: x.txt: empty file\n" in text
    assert text.endswith("100%  40 articles  " + text.rsplit("articles  ", 1)[1])
    assert text.endswith("\n")



def test_ingest_that_wrote_much_of_the_store_compacts_it_and_changes_no_quad(tmp_path, monkeypatch):
    dumps, events = {}, {}
    for name, threshold in (("compacted", 1), ("left", 10**12)):
        monkeypatch.setattr(importlib.import_module("geokg.ingest"), "COMPACT_MIN_QUADS", threshold)
        url = f"oxigraph:{tmp_path / name}"
        with open_store(url) as store:
            events[name] = []
            ingest([EXAMPLES], store, on_event=lambda kind, msg, seen=events[name]: seen.append(kind))
        dumps[name] = _nq(url)
    assert events["compacted"].count("info") == 1 and "info" not in events["left"]
    assert dumps["compacted"] == dumps["left"]


def test_ingest_of_a_few_articles_into_a_big_store_leaves_compaction_to_rocksdb(tmp_path, monkeypatch):
    monkeypatch.setattr(importlib.import_module("geokg.ingest"), "COMPACT_MIN_QUADS", 1)
    url = f"oxigraph:{tmp_path / 'kg'}"
    with open_store(url) as store:
        ingest([EXAMPLES], store)
    small = tmp_path / "small.txt"
    small.write_text("Belarus joined the Shanghai Cooperation Organisation on 4 July 2024.\n", "utf-8")
    events = []
    with open_store(url) as store:
        report = ingest([small], store, lang="en", on_event=lambda kind, msg: events.append(kind))
    assert report.ingested == 1 and 0 < report.quads * 5 < len(_nq(url).splitlines())
    assert "info" not in events
