"""Input formats and encodings: every reader yields articles with their metadata, nothing mangled."""

from __future__ import annotations

import codecs
import io
import json
from datetime import date
from pathlib import Path

import pytest

from geokg.cli import cli
from geokg.errors import InputError
from geokg.readers import ReadArticle, ReadFailure, ReadOptions, decode, detect_encoding, iter_paths, read_file
from geokg.readers.files import _stdin_units, read_unit
from tests.support.paths import DATA

INGEST = DATA / "ingest"
AR = "انضمت السويد رسميا إلى حلف شمال الأطلسي يوم الخميس بعد أن صادقت المجر على طلبها."
EN = "Sweden formally joined NATO on Thursday after Hungary ratified its bid."


def _read(path: Path, options: ReadOptions | None = None) -> list[ReadArticle | ReadFailure]:
    return list(read_file(path, options or ReadOptions()))


def test_ingest_html_keeps_main_text_and_metadata():
    [item] = _read(INGEST / "page.html")
    art = item.article
    assert "tenth member of the Shanghai Cooperation Organisation" in art.text
    assert "Cookie policy" not in art.text and "Copyright" not in art.text and "Subscribe" not in art.text
    assert (art.title, art.source, art.published, art.author, art.lang) == (
        "Belarus joins the Shanghai Cooperation Organisation", "https://example.com/news/belarus-sco",
        date(2024, 7, 4), "Jane Doe", "en")
    assert item.warnings == ()


def test_ingest_rss_feed_yields_one_article_per_item_and_names_the_empty_one():
    items = _read(INGEST / "feed.rss")
    articles = [i.article for i in items if isinstance(i, ReadArticle)]
    assert [a.source for a in articles] == ["https://example.com/news/belarus-sco", "https://example.com/news/sweden-nato"]
    assert articles[0].text.startswith("Belarus became the tenth member") and "<p>" not in articles[0].text
    assert articles[1].published == date(2024, 3, 7)
    assert [(Path(f.where).name, f.reason) for f in items if isinstance(f, ReadFailure)] == [("feed.rss#3", "feed item has no text")]


def test_ingest_atom_feed_reads_arabic_entry():
    [item] = _read(INGEST / "feed.atom")
    assert (item.article.text, item.article.lang, item.article.published) == (AR, "ar", date(2024, 3, 7))


def test_ingest_json_field_names_are_configurable(tmp_path):
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"story": EN, "hed": "Sweden joins", "when": "2024-03-07", "permalink": "https://x.test/a"}) + "\n",
                    encoding="utf-8")
    options = ReadOptions().with_fields({"text": "story", "title": "hed", "date": "when", "url": "permalink"})
    [item] = _read(path, options)
    assert (item.where, item.article.title, item.article.source, item.article.published) == (
        f"{path}:1", "Sweden joins", "https://x.test/a", date(2024, 3, 7))
    [failure] = _read(path)
    assert "no text field" in failure.reason


def test_ingest_json_array_defaults_read_common_field_names():
    items = _read(INGEST / "records.json")
    assert [(i.article.lang, i.article.source) for i in items] == [
        ("en", "https://example.com/news/sweden-nato"), ("ar", "https://example.com/ar/sweden-nato")]


def test_ingest_unknown_field_option_is_an_input_error():
    with pytest.raises(InputError, match="unknown article field 'body'"):
        ReadOptions().with_fields({"body": "x"})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso8859_6"])
def test_ingest_arabic_is_decoded_in_every_supported_encoding(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(AR.encode(encoding))
    [item] = _read(path)
    assert item.article.text == AR and item.article.lang == "ar"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "latin-1"])
def test_ingest_latin_text_is_decoded_in_every_supported_encoding(tmp_path, encoding):
    text = "Le président français a rencontré à Minsk son homologue biélorusse."
    path = tmp_path / "fr.txt"
    path.write_bytes(text.encode(encoding))
    [item] = _read(path)
    assert item.article.text == text


def test_ingest_detects_windows_1256_and_iso_8859_6_apart():
    assert detect_encoding(AR.encode("cp1256")) == "cp1256"
    assert detect_encoding(AR.encode("iso8859_6")) == "iso8859_6"


def test_ingest_forced_encoding_wins_and_bad_bytes_are_reported_not_replaced(tmp_path):
    path = tmp_path / "ar.txt"
    path.write_bytes(AR.encode("cp1256"))
    [item] = _read(path, ReadOptions(encoding="cp1256"))
    assert item.article.text == AR
    [failure] = _read(path, ReadOptions(encoding="utf-8"))
    assert failure.reason.startswith("not valid utf-8 at byte 0")


def test_ingest_damaged_utf8_is_reported_with_its_offset():
    with pytest.raises(InputError, match=r"invalid UTF-8 at byte 12"):
        decode("Belarus and ".encode() + b"\xff" + "Минск".encode())


def test_ingest_utf16_without_bom_is_not_taken_for_binary():
    assert decode(AR.encode("utf-16-le")) == AR
    assert decode(codecs.BOM_UTF16_BE + EN.encode("utf-16-be")) == EN


def test_ingest_folder_walk_is_recursive_sorted_and_takes_a_glob(tmp_path):
    for name in ["b/2.txt", "a/1.html", "a/.hidden/3.txt", "c.md", "notes.docx", ".git/x.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(EN, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a/1.html", "b/2.txt", "c.md"]
    assert [p.name for p in iter_paths([tmp_path], glob="*.html")] == ["1.html"]


@pytest.mark.parametrize("payload, where", [
    (EN.encode(), ["-"]),
    ("\n".join(json.dumps({"text": t}) for t in (EN, AR)).encode("utf-8") + b"\n", ["-:1", "-:2"]),
])
def test_ingest_stdin_reads_text_or_streams_json_lines(payload, where):
    items = [i for u in _stdin_units(io.BytesIO(payload), ReadOptions()) for i in read_unit(u, ReadOptions())]
    assert [i.where for i in items] == where


def test_ingest_cli_reads_stdin(runner, tmp_path):
    url = f"oxigraph:{tmp_path / 'kg'}"
    result = runner.invoke(cli, ["ingest", "--store", url, "-"], input=EN)
    assert result.exit_code == 0, result.stderr
    assert "1 ingested, 0 unchanged, 0 failed" in result.stderr


def test_ingest_cli_every_format_in_one_folder(runner, tmp_path):
    url = f"oxigraph:{tmp_path / 'kg'}"
    result = runner.invoke(cli, ["ingest", "--store", url, "--keep-going", str(INGEST)])
    assert result.exit_code == 0, result.stderr
    # page.html, two RSS items, one Atom entry, two JSON records; the empty RSS item fails, and
    # the English JSON record has the same text as the second RSS item: the same article.
    assert "5 ingested, 1 unchanged, 1 failed" in result.stderr
    assert [ln for ln in result.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: {INGEST / 'feed.rss'}#3: feed item has no text"]
