"""Consistency checks for the packaged gazetteer data (stdlib only)."""
from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

import pytest

from geokg.lexicon import gazetteer
from geokg.model import KIND_CLASSES

GAZ = files("geokg.lexicon") / "data" / "gazetteer"

KINDS = set(KIND_CLASSES)
FORMS = set(gazetteer.FORMS) - {"surname"}  # surnames are derived at load time, never listed
ROLES = gazetteer.OFFICE_ROLES
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
SLUG_RE = re.compile(r"^[a-z_]+/[a-z0-9]+(?:[-.][a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
HARAKAT = set(range(0x064B, 0x0660)) | {0x0670} | set(range(0x06D6, 0x06EE))


def read(rel: str) -> tuple[list[str], list[dict[str, str]]]:
    text = (GAZ / rel).read_text(encoding="utf-8")
    reader = csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader)
    rows = []
    for row in reader:
        assert len(row) == len(header), f"{rel}: bad row {row!r}"
        rows.append(dict(zip(header, row)))
    return header, rows


def name_files() -> dict[str, list[dict[str, str]]]:
    out = {}
    for entry in (GAZ / "names").iterdir():
        if entry.name.endswith(".tsv"):
            header, rows = read(f"names/{entry.name}")
            assert header == ["id", "name", "form"], entry.name
            out[entry.name[:-4]] = rows
    return out


@pytest.fixture(scope="module")
def entities() -> dict[str, dict[str, str]]:
    header, rows = read("entities.tsv")
    assert header == ["id", "kind", "qid", "country", "label_en"]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "duplicate ids"
    return {r["id"]: r for r in rows}


@pytest.fixture(scope="module")
def names() -> dict[str, list[dict[str, str]]]:
    return name_files()


@pytest.fixture(scope="module")
def offices() -> list[dict[str, str]]:
    header, rows = read("offices.tsv")
    assert header == ["person", "role", "of", "start", "end"]
    return rows


def test_entities_well_formed(entities):
    for eid, e in entities.items():
        assert e["kind"] in KINDS, eid
        assert e["label_en"].strip(), eid
        if e["qid"]:
            assert QID_RE.match(e["qid"]), eid
            assert eid == e["qid"], eid
        else:
            assert SLUG_RE.match(eid), eid
        if e["country"]:
            assert e["country"] in entities, eid
            assert entities[e["country"]]["kind"] == "state", eid
    qids = [e["qid"] for e in entities.values() if e["qid"]]
    assert len(qids) == len(set(qids))


def test_names_refer_to_entities(entities, names):
    assert {"ar", "en"} <= set(names)
    for lang, rows in names.items():
        for r in rows:
            assert r["id"] in entities, (lang, r)
            assert r["form"] in FORMS, (lang, r)
            assert r["name"].strip() == r["name"] and r["name"], (lang, r)


def test_names_clean(names):
    for lang, rows in names.items():
        for r in rows:
            n = r["name"]
            assert unicodedata.normalize("NFC", n) == n, (lang, n)
            for ch in n:
                o = ord(ch)
                assert not (0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF), (lang, n)
                assert o != 0x0640, (lang, n)
                assert o not in HARAKAT, (lang, n)


def test_one_label_per_id_and_language(entities, names):
    for lang, rows in names.items():
        counts = Counter(r["id"] for r in rows if r["form"] == "label")
        for eid, n in counts.items():
            assert n == 1, (lang, eid, n)
        pairs = [(r["id"], r["name"]) for r in rows]
        assert len(pairs) == len(set(pairs)), lang
    en_labels = {r["id"]: r["name"] for r in names["en"] if r["form"] == "label"}
    for eid, e in entities.items():
        assert en_labels.get(eid) == e["label_en"], eid


def test_states(entities, names):
    states = {i for i, e in entities.items() if e["kind"] == "state"}
    assert len(states) >= 196
    langs_per_state = defaultdict(set)
    for lang, rows in names.items():
        for r in rows:
            if r["form"] == "label" and r["id"] in states:
                langs_per_state[r["id"]].add(lang)
    for s in states:
        assert {"en", "ar"} <= langs_per_state[s], s
        assert len(langs_per_state[s]) >= 10, (s, langs_per_state[s])
    for lang in ("en", "ar"):
        with_demonym = {r["id"] for r in names[lang] if r["form"] == "demonym"}
        missing = states - with_demonym
        assert not missing, (lang, sorted(missing))
    # A few anchors.
    for qid, en, ar in [("Q184", "Belarus", "بيلاروسيا"), ("Q148", "China", "الصين"),
                        ("Q159", "Russia", "روسيا"), ("Q30", "United States", "الولايات المتحدة")]:
        assert entities[qid]["label_en"] == en
        assert any(r["id"] == qid and r["name"] == ar for r in names["ar"])


def test_capitals(entities, names):
    caps = {(r["id"], r["name"]) for r in names["ar"] if r["form"] == "capital"}
    for qid, cap in [("Q184", "مينسك"), ("Q148", "بكين"), ("Q159", "الكرملين"),
                     ("Q30", "البيت الأبيض")]:
        assert (qid, cap) in caps
    ar_cap_states = {i for i, _ in caps if entities[i]["kind"] == "state"}
    assert len(ar_cap_states) >= 80


def test_organisations(entities):
    kinds = Counter(e["kind"] for e in entities.values())
    assert kinds["igo"] + kinds["initiative"] + kinds["agreement"] >= 150
    assert kinds["armed_group"] + kinds["party"] + kinds["org"] >= 40


def test_offices(entities, offices):
    with_office = set()
    for o in offices:
        assert o["person"] in entities and entities[o["person"]]["kind"] == "person", o
        assert o["of"] in entities, o
        assert o["role"] in ROLES, o
        assert DATE_RE.match(o["start"]), o
        assert o["end"] == "" or DATE_RE.match(o["end"]), o
        with_office.add(o["person"])
    assert len(with_office) >= 450


def _names_by_id(names, lang):
    out = defaultdict(set)
    for r in names[lang]:
        out[r["id"]].add(r["name"])
    return out


def test_people_coverage(entities, names, offices):
    people = {i for i, e in entities.items() if e["kind"] == "person"}
    assert len(people) >= 1100
    en = {r["name"] for r in names["en"] if r["id"] in people}
    ar = {r["name"] for r in names["ar"] if r["id"] in people}
    for n in ["Javier Milei", "Alberto Fernández", "Shehbaz Sharif", "Lai Ching-te",
              "Wellington Koo", "Steve Witkoff", "William J. Burns", "Amos Hochstein",
              "Itamar Ben-Gvir", "David Barnea", "Abbas Kamel", "Ali Bagheri Kani",
              "Enrique Mora", "Mohammed Abdulsalam", "Jared Kushner", "Raila Odinga",
              "Hadja Lahbib", "Olha Stefanishyna", "Oleksandr Kubrakov",
              "Cristina Gherasimov", "Nayef Falah Mubarak Al-Hajraf", "Michael Langley",
              "Molly Phee", "Yunus-Bek Yevkurov"]:
        assert n in en, n
    for n in ["شهباز شريف", "خافيير ميلي", "خافيير مايلي", "لاي تشينغ تي", "ويليام لاي"]:
        assert n in ar, n


def test_heads_of_state_of_all_states(entities, offices):
    """Every state has a dated head of state for most of 2018-2025 (rotating or
    collective heads excepted)."""
    by_state = defaultdict(set)
    for o in offices:
        if o["role"] == "head_of_state":
            start = int(o["start"][:4]) if o["start"] else 0
            end = int(o["end"][:4]) if o["end"] else 9999
            for y in range(max(start, 2018), min(end, 2025) + 1):
                by_state[o["of"]].add(y)
    states = [i for i, e in entities.items() if e["kind"] == "state"]
    missing = [entities[s]["label_en"] for s in states if len(by_state[s]) < 6]
    assert len(missing) <= 3, missing


def test_places(entities, names):
    places = {i for i, e in entities.items() if e["kind"] in ("city", "place")}
    assert len(places) >= 150
    caps = {r["id"] for lang in ("en", "ar") for r in names[lang] if r["form"] == "capital"}
    assert not places & caps
    ar = _names_by_id(names, "ar")
    en = _names_by_id(names, "en")
    wanted = {"Gaza Strip": "قطاع غزة", "West Bank": "الضفة الغربية", "Odesa": "أوديسا",
              "Donbas": "دونباس", "Crimea": "القرم", "Strait of Hormuz": "مضيق هرمز",
              "El Fasher": "الفاشر", "Golan Heights": "هضبة الجولان"}
    label = {e["label_en"]: i for i, e in entities.items() if e["kind"] in ("city", "place")}
    for en_name, ar_name in wanted.items():
        assert en_name in label, en_name
        assert ar_name in ar[label[en_name]], ar_name
        assert en_name in en[label[en_name]]


def test_national_bodies(entities, names):
    orgs = {e["label_en"]: i for i, e in entities.items() if e["kind"] == "org"}
    for n in ["United States Africa Command", "United States Central Command",
              "General Intelligence Directorate (Egypt)", "Lebanese Armed Forces",
              "Islamic Revolutionary Guard Corps", "Mossad", "Central Intelligence Agency",
              "Sudanese Armed Forces", "Israel Defense Forces"]:
        assert n in orgs, n
        assert entities[orgs[n]]["country"], n
    ar = _names_by_id(names, "ar")
    assert "أفريكوم" in ar[orgs["United States Africa Command"]]
    assert "المخابرات العامة المصرية" in ar[orgs["General Intelligence Directorate (Egypt)"]]


# ---------------------------------------------------------------- imported office-holders
SRC = Path(__file__).resolve().parents[2] / "scripts" / "gazetteer" / "src"


def src_rows(name: str, ncols: int) -> list[list[str]]:
    rows = []
    for line in (SRC / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            assert len(cells) == ncols, (name, line)
            rows.append(cells)
    return rows


@pytest.fixture(scope="module")
def imported() -> tuple[dict[str, list[str]], list[list[str]]]:
    if not (SRC / "wikidata_people.tsv").is_file():
        pytest.skip("source tables not present (installed package)")
    people = {r[0]: r for r in src_rows("wikidata_people.tsv", 4)}
    return people, src_rows("wikidata_offices.tsv", 6)


def test_imported_tables_well_formed(imported):
    people, offices = imported
    states = {r[0] for r in src_rows("states.tsv", 7)}
    roles = {}
    # Reviewed posts first, then those the import mapped by title (never a reviewed one again).
    for position, role, of, _repo, _title in src_rows("position_roles.tsv", 5) + src_rows("wikidata_positions.tsv", 5):
        assert QID_RE.match(position) and position not in roles, position
        assert set(role.split("|")) <= ROLES, (position, role)
        roles[position] = role
    for qid, country, label_en, _label_ar in people.values():
        assert QID_RE.match(qid), qid
        assert country == "" or country in states, qid
        assert label_en.strip(), qid
    for qid, role, of, start, end, positions in offices:
        assert qid in people, qid
        assert role in ROLES, (qid, role)
        assert DATE_RE.match(start), (qid, start)
        assert end == "" or (DATE_RE.match(end) and end[: len(start)] >= start[: len(end)]), (qid, end)
        assert end == "" or int(end[:4]) >= 1990, (qid, end)
        assert all(p in roles and role in roles[p].split("|") for p in positions.split("|")), (qid, positions)
    assert len(offices) == len({tuple(r) for r in offices})


def test_imported_people_in_gazetteer(entities, names, offices, imported):
    people, _ = imported
    curated = src_rows("people.tsv", 7)
    for key, qid, *_ in curated:  # curated ids never change
        assert (qid or f"person/{key}") in entities, key
    added = {i for i, e in entities.items() if e["kind"] == "person" and i in people and i not in {r[1] for r in curated}}
    assert len(added) >= 3000
    holders = {o["person"] for o in offices}
    for pid in added:
        assert entities[pid]["qid"] == pid, pid
        assert pid in holders, pid  # every imported person holds a dated office
    other = {r["name"].casefold() for lang in ("en", "ar") for r in names[lang] if entities[r["id"]]["kind"] != "person"}
    for lang in ("en", "ar"):
        for r in names[lang]:
            if r["id"] in added:
                assert len(r["name"].split()) >= 2, (lang, r)  # never a bare one-word name
                assert r["name"].casefold() not in other, (lang, r)
    with_ar = {r["id"] for r in names["ar"] if r["id"] in added}
    assert len(with_ar) >= 200


def test_imported_anchors(entities, names, offices):
    def spells(pid, role, of):
        return [(o["start"], o["end"]) for o in offices if o["person"] == pid and o["role"] == role and o["of"] == of]

    assert spells("Q47216", "foreign_minister", "Q30") == [("2005-01-26", "2009-01-20")]  # Condoleezza Rice
    assert spells("Q34105", "head_of_state", "Q79") == [("1981-10-14", "2011-02-11")]  # Hosni Mubarak
    assert ("Q483672", "علي عبد الله صالح", "label") in {(r["id"], r["name"], r["form"]) for r in names["ar"]}
