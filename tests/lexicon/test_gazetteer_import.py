"""The office-holder import rules (scripts/gazetteer): titles to roles, labels, the name guard, sizes."""
from __future__ import annotations

import sys
from importlib.resources import files
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "gazetteer"
if not (SCRIPTS / "import_offices.py").is_file():
    pytest.skip("gazetteer scripts not present (installed package)", allow_module_level=True)
sys.path.insert(0, str(SCRIPTS))

import build  # noqa: E402
import import_offices  # noqa: E402

from geokg.lexicon.gazetteer import OFFICE_ROLES  # noqa: E402

CORE = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "finance_minister", "interior_minister"}


@pytest.fixture(scope="module")
def titles() -> import_offices.Titles:
    return import_offices.Titles()


@pytest.mark.parametrize("title, roles", [
    ("Minister of Health", ["health_minister"]),
    ("Minister of Trade and Industry", ["trade_minister", "industry_minister"]),
    ("Minister for Education, Culture, Sports, Science and Technology", ["education_minister", "culture_minister", "sports_minister"]),
    ("Secretary of Energy", ["energy_minister"]),
    ("Minister of Awqaf and Islamic Affairs", ["religious_affairs_minister"]),
    ("Minister of Justice and Public Security", ["justice_minister"]),  # the interior part is left to the reviewed table
    ("Minister for Sugar", ["minister"]),  # a cabinet post of no portfolio geokg names
    ("Minister of State for Foreign Affairs", ["minister"]),  # a junior post, never a second foreign minister
    ("State Minister of Finance for Planning", ["minister"]),
    ("Minister for Defence Materiel", ["minister"]),
    ("Deputy Minister of Foreign Affairs", ["deputy"]),
    ("First Deputy Prime Minister", ["deputy"]),
    ("Vice President", ["vice_president"]),
    ("Chief of the General Staff", ["chief_of_staff"]),
    ("Government Spokesperson", ["spokesperson"]),
    ("Prime Minister", []),  # heads come from position_roles.tsv only
    ("Premier of Nova Scotia", []),
    ("Governor of the Central Bank", []),
    ("Speaker of the National Assembly", []),
    ("Shadow Minister for Health", []),
    ("Minister of Health (Punjab province)", []),
])
def test_title_roles(titles, title, roles):
    assert titles.roles(title) == roles


def test_every_title_role_is_an_office_role(titles):
    portfolios = {name for _pattern, name in import_offices.read_table("portfolios.tsv", 2)} - {"-"}
    rules = {role for _pattern, role in import_offices.read_table("title_roles.tsv", 2)} - {"-", "portfolio"}
    assert {f"{p}_minister" for p in portfolios} | rules <= OFFICE_ROLES
    assert not ({f"{p}_minister" for p in portfolios} | rules) & CORE


def test_posts_mapped_by_title_never_hold_core_roles():
    reviewed = {r[0] for r in import_offices.read_table("position_roles.tsv", 5)}
    for position, role, _of, _repo, _title in import_offices.read_table("wikidata_positions.tsv", 5):
        assert position not in reviewed, position
        assert not set(role.split("|")) & CORE, (position, role)


def test_plain_label():
    assert import_offices.plain_label("إبراهيم_حسن_الحواج ") == "إبراهيم حسن الحواج"
    assert import_offices.plain_label("José  Mário Vaz") == "José Mário Vaz"


def test_name_guard_filters():
    b = build.Build()
    b.add_entity("jo", "state", "", "", "Jordan", minted="state/jo")
    b.set_label("jo", "en", "Jordan")
    b.add_entity("georgetown", "city", "", "", "George Town")
    b.set_label("georgetown", "en", "George Town")
    imported = {"Q1": "Mahmoud", "Q2": "George Town", "Q3": "Ali Hassan", "Q4": "Ali Karimi", "Q5": "Ali Rezaei",
                "Q6": "Hassan Diab", "Q7": "Hassan Nasr", "Q8": "Hassan Rouhani", "Q9": "Wael Abou Faour",
                "Q10": "John Smith", "Q11": "John Smith", "Q12": "Barham Salih, Jr.", "Q13": "Hussein Arnous",
                "Q14": "Kostas Karamanlis", "Q15": "Kostas Karamanlis", "Q16": "Ali Rouhani"}
    leaders = {"Q14", "Q16"}
    guard = build.NameGuard(b, "en", imported, leaders)
    assert not guard.ok("Q1", "Mahmoud")  # one word
    assert not guard.ok("Q2", "George Town")  # a place's name
    assert not guard.ok("Q3", "Ali Hassan")  # a minister with two given names borne by three people or more
    assert guard.ok("Q16", "Ali Rouhani")  # a leader: given names count among leaders only
    assert not guard.ok("Q10", "John Smith")  # shared by two imported people, neither a leader
    assert guard.ok("Q14", "Kostas Karamanlis") and not guard.ok("Q15", "Kostas Karamanlis")  # the leader keeps it
    assert not guard.ok("Q12", "Barham Salih, Jr.")  # a qualifier
    assert guard.ok("Q9", "Wael Abou Faour")
    assert guard.ok("Q13", "Hussein Arnous")


def test_packaged_offices_and_size():
    data = files("geokg.lexicon") / "data" / "gazetteer"
    offices = (data / "offices.tsv").read_text("utf-8").splitlines()[1:]
    dated = [r for r in offices if r.split("\t")[3][:4] and int(r.split("\t")[4][:4] or 2026) >= 1990]
    assert len(dated) >= 15000
    size = sum(p.stat().st_size for p in Path(str(data)).rglob("*.tsv"))
    assert size < 20_000_000
