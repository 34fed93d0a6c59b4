"""Bad input never costs a good article: one stderr line per bad input naming it and why, exact counts, exit code."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from geokg.cli import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
GOOD = "Russia and Belarus held joint military exercises near Brest, the defence ministry in Minsk said."


def _ingest(runner, tmp_path, *args):
    return runner.invoke(cli, ["ingest", "--store", f"oxigraph:{tmp_path / 'kg'}", *map(str, args)])


def _lines(stderr: str, kind: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith(f"{kind}: ")]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """Return a folder with one good article, to which each test adds one bad input."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


BAD = {
    "binary": ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file (PNG image), not text"),
    "control-bytes": ("junk.md", b"abc\x00\x01\x02\x03" * 100, "binary file (control bytes), not text"),
    "empty": ("empty.txt", b"", "empty file"),
    "blank": ("blank.md", b" \n\t\n", "empty file"),
    "empty-html": ("empty.html", b"<html><head><title></title></head><body> </body></html>", "HTML page has no article text"),
    "truncated-html-no-text": ("cut.html", b"<html><head><title>T", "truncated HTML with no article text"),
    "bad-json": ("bad.json", b'{"text": "Russia', "invalid JSON: Unterminated string starting at (column 10)"),
    "not-a-feed": ("data.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", "XML file is not an RSS or Atom feed"),
    "broken-utf8": ("broken.txt", "Minsk and ".encode() + b"\xc3\x28" + "Москва".encode(), "invalid UTF-8 at byte 10"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_ingest_bad_file_gets_one_line_and_the_good_article_is_stored(runner, tmp_path, corpus, case):
    name, data, reason = BAD[case]
    (corpus / name).write_bytes(data)
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    [error] = _lines(result.stderr, "error")
    assert error.startswith(f"error: {corpus / name}: {reason}")
    assert "Traceback" not in result.stderr
    assert "1 ingested, 0 unchanged, 1 failed" in result.stderr
    assert _ingest(runner, tmp_path, "--keep-going", corpus).exit_code == 0


def test_ingest_invalid_json_line_is_named_by_line_and_the_others_are_stored(runner, tmp_path, corpus):
    lines = [json.dumps({"text": GOOD + " 1"}), '{"text": "unterminated', json.dumps({"text": GOOD + " 3"}), "",
             json.dumps(["not", "an", "object"])]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    assert _lines(result.stderr, "error") == [
        f"error: {corpus / 'feed.jsonl'}:2: invalid JSON: Invalid control character at (column 23)",
        f"error: {corpus / 'feed.jsonl'}:5: JSON record is a list, not an object",
    ]
    assert "3 ingested, 0 unchanged, 2 failed" in result.stderr


def test_ingest_truncated_html_keeps_the_text_before_the_cut_with_a_warning(runner, tmp_path, corpus):
    page = (EXAMPLES.parent.parent / "tests" / "data" / "ingest" / "page.html").read_text("utf-8")
    (corpus / "cut.html").write_text(page[: page.index("joint military exercises")], encoding="utf-8")
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 0, result.stderr
    assert _lines(result.stderr, "warning") == [
        f"warning: {corpus / 'cut.html'}: truncated HTML (no closing </html> tag); ingested the text before the cut"]
    assert "2 ingested, 0 unchanged, 0 failed" in result.stderr


def test_ingest_article_without_entities_is_stored_with_a_warning(runner, tmp_path, corpus):
    (corpus / "weather.txt").write_text("It rained all afternoon and the cat slept on the sofa.", encoding="utf-8")
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 0, result.stderr
    [warning] = _lines(result.stderr, "warning")
    assert warning.startswith(f"warning: {corpus / 'weather.txt'}: no recognisable entities")
    assert "2 ingested, 0 unchanged, 0 failed" in result.stderr


def test_ingest_unknown_language_fails_that_article_only(runner, tmp_path, corpus):
    (corpus / "fr.md").write_text("---\nlang: fr\n---\nLa Russie et la Biélorussie.", encoding="utf-8")
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    [error] = _lines(result.stderr, "error")
    assert error.startswith(f"error: {corpus / 'fr.md'}: no extraction rules for language 'fr'")


def test_ingest_100_mb_file_is_refused_without_reading_it(runner, tmp_path, corpus):
    big = corpus / "huge.txt"
    with big.open("wb") as out:
        block = (GOOD + "\n").encode() * 10_000
        while out.tell() < 100 * 2**20:
            out.write(block)
        out.truncate(100 * 2**20)
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    [error] = _lines(result.stderr, "error")
    assert error.startswith(f"error: {big}: file is 100 MB, over the 20 MB limit for one article")
    assert "1 ingested, 0 unchanged, 1 failed" in result.stderr


def test_ingest_oversized_json_line_is_skipped_and_the_next_lines_are_read(runner, tmp_path, corpus):
    path = corpus / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"text": GOOD + " first"}) + "\n")
        out.write(json.dumps({"text": "x" * (3 * 2**20)}) + "\n")
        out.write(json.dumps({"text": GOOD + " third"}) + "\n")
    result = _ingest(runner, tmp_path, "--max-size", "1", corpus)
    assert _lines(result.stderr, "error") == [f"error: {path}:2: line over the 1 MB limit for one article (--max-size)"]
    assert "3 ingested, 0 unchanged, 1 failed" in result.stderr


def test_ingest_missing_path_and_bad_options_are_one_line_errors(runner, tmp_path):
    result = _ingest(runner, tmp_path, tmp_path / "nope")
    assert result.exit_code != 0 and result.stderr.startswith("Error: no such file or folder")
    result = _ingest(runner, tmp_path, "--encoding", "klingon", tmp_path)
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr and "Traceback" not in result.stderr
    result = _ingest(runner, tmp_path, "--field", "body", tmp_path)
    assert result.exit_code == 2 and "KEY=NAME" in result.stderr


def test_ingest_summary_counts_unchanged_on_a_second_run(runner, tmp_path, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    _ingest(runner, tmp_path, corpus)
    result = _ingest(runner, tmp_path, corpus)
    assert "0 ingested, 1 unchanged, 1 failed" in result.stderr


def test_ingest_invalid_utf8_in_ascii_text_is_reported_with_its_offset_unless_encoding_is_given(runner, tmp_path, corpus):
    odd = corpus / "odd.txt"
    odd.write_bytes(b"Title \xff\xfe\xc3\x28 here\n\n" + GOOD.encode())
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    assert _lines(result.stderr, "error") == [f"error: {odd}: invalid UTF-8 at byte 6; repair the file or pass --encoding"]
    result = _ingest(runner, tmp_path, "--encoding", "latin-1", corpus)
    assert result.exit_code == 0 and "1 ingested, 1 unchanged, 0 failed" in result.stderr


def test_ingest_a_missing_path_gets_its_line_and_the_others_are_stored(runner, tmp_path, corpus):
    missing = tmp_path / "missing.txt"
    result = _ingest(runner, tmp_path, corpus / "good.txt", missing)
    assert result.exit_code == 1
    assert _lines(result.stderr, "error") == [f"error: {missing}: no such file or folder"]
    assert "1 ingested, 0 unchanged, 1 failed" in result.stderr


def _unprivileged() -> list[str]:
    """Return the command prefix under which folder permissions hold (root reads everything otherwise)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no folder is unreadable")
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]


def test_ingest_an_unreadable_subfolder_gets_its_line_and_the_others_are_stored(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked" / "lost.txt").write_text(GOOD + " Again.", encoding="utf-8")
    (folder / "z.txt").write_text(GOOD + " Later.", encoding="utf-8")
    (folder / "locked").chmod(0)
    try:
        done = subprocess.run(
            [*_unprivileged(), sys.executable, "-c", "from geokg.cli import main; main()", "ingest",
             "--store", str(tmp_path / "kg"), str(folder)],
            capture_output=True, text=True, timeout=300,
        )
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 1, done.stderr
    assert _lines(done.stderr, "error") == [f"error: {folder / 'locked'}: cannot read folder: Permission denied"]
    assert "2 ingested, 0 unchanged, 1 failed" in done.stderr


def test_ingest_a_file_name_with_a_newline_cannot_forge_a_line(runner, tmp_path, corpus):
    (corpus / "x\nerror: forged.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = _ingest(runner, tmp_path, corpus)
    assert result.exit_code == 1
    [error] = _lines(result.stderr, "error")
    assert error.startswith(f"error: {corpus}/x\\nerror: forged.txt: binary file")


def test_ingest_dev_zero_stops_at_the_size_limit(runner, tmp_path):
    started = time.monotonic()
    result = _ingest(runner, tmp_path, "--max-size", "1MB", "/dev/zero")
    assert time.monotonic() - started < 30
    assert _lines(result.stderr, "error") == ["error: /dev/zero: input goes on past the 1 MB limit for one article; "
                                              "split it (JSON Lines are read line by line) or raise --max-size"]


def test_ingest_an_endless_named_pipe_stops_at_the_size_limit(runner, tmp_path):
    pipe = tmp_path / "feed.txt"
    os.mkfifo(pipe)

    def endless() -> None:
        with contextlib.suppress(OSError), open(pipe, "wb") as out:
            while True:
                out.write(b"Minsk and Moscow. " * 4096)

    threading.Thread(target=endless, daemon=True).start()
    result = _ingest(runner, tmp_path, "--max-size", "512KB", pipe)
    assert result.exit_code == 1
    [error] = _lines(result.stderr, "error")
    assert error == (f"error: {pipe}: input goes on past the 512 KB limit for one article; "
                     "split it (JSON Lines are read line by line) or raise --max-size")


@pytest.mark.parametrize(("given", "limit"), [("100MB", 100), ("1", 1), ("2mb", 2)])
def test_ingest_max_size_takes_units(runner, tmp_path, corpus, given, limit):
    big = corpus / "big.txt"
    big.write_bytes(b"Minsk. " * (limit * 2**20 // 7 + 2))
    result = _ingest(runner, tmp_path, "--max-size", given, corpus)
    assert result.exit_code == 1
    assert f"over the {limit} MB limit" in result.stderr
    assert "1 ingested" in result.stderr
