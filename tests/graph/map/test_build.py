"""The library entry point (graph/map/build.py) and `geokg map` with every selection option."""

from __future__ import annotations

import geokg
from geokg.cli import cli
from tests.support.synthetic import synthetic_writes


def test_map_library_accepts_a_store_url_and_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "kg"
    with geokg.open_store(f"oxigraph:{path}") as store:
        store.write(synthetic_writes(20))
    monkeypatch.chdir(tmp_path)
    before = sorted(p for p in tmp_path.rglob("*"))
    page = geokg.map(f"oxigraph:{path}", lang="ar")
    assert page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_cli_map_selection_options_write_only_the_output(runner, tmp_path, monkeypatch):
    store_path = tmp_path / "kg"
    with geokg.open_store(f"oxigraph:{store_path}") as store:
        store.write(synthetic_writes(40))
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?s WHERE { ?s a gkg:State }", encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    monkeypatch.chdir(out_dir)
    out = out_dir / "map.html"
    result = runner.invoke(cli, [
        "map", "--store", f"oxigraph:{store_path}", "-o", str(out), "--lang", "ar", "--focus", "Q1000",
        "--depth", "2", "--relation", "cooperatesWith", "--relation", "opposes", "--type", "state",
        "--type", "person", "--since", "2010", "--until", "2030-01-01", "--min-support", "1",
        "--sparql", str(query), "--size-by", "betweenness", "--max-nodes", "100"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    assert [p.name for p in out_dir.iterdir()] == ["map.html"]
    assert "<script src=" not in out.read_text(encoding="utf-8")


def test_cli_map_unknown_focus_is_one_line(runner, tmp_path):
    store_path = tmp_path / "kg"
    with geokg.open_store(f"oxigraph:{store_path}") as store:
        store.write(synthetic_writes(10))
    result = runner.invoke(cli, ["map", "--store", f"oxigraph:{store_path}", "-o", str(tmp_path / "m.html"),
                                 "--focus", "Atlantis"])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no entity named 'Atlantis'" in result.stderr
    assert not (tmp_path / "m.html").exists()


def test_cli_map_layout_geo_opens_on_the_world_map(runner, tmp_path):
    store_path = tmp_path / "kg"
    with geokg.open_store(f"oxigraph:{store_path}") as store:
        store.write(synthetic_writes(20))
    out = tmp_path / "geo.html"
    result = runner.invoke(cli, ["map", "--store", f"oxigraph:{store_path}", "-o", str(out), "--layout", "geo"])
    assert result.exit_code == 0, result.stderr
    assert '"layout":"geo"' in out.read_text(encoding="utf-8")
