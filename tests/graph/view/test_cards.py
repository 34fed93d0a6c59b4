"""`geokg show`: entity cards with labels, offices and every relation with evidence."""

from __future__ import annotations

import json

import pytest

from geokg.cli import cli
from geokg.errors import EntityNotFound
from geokg.graph.view.cards import entity_card, format_card
from geokg.graph.store import open_store

from tests.support.demo import BELARUS, EU, LI_SHANGFU, SCO


def _membership(card: dict) -> dict:
    rows = [r for r in card["relations"] if r["relation"] == "memberOf" and r["other"]["iri"] == SCO]
    assert len(rows) == 1, card["relations"]
    return rows[0]


@pytest.mark.parametrize("name", ["Belarus", "بيلاروسيا", "Q184", BELARUS, "belarus", "Biélorussie"])
def test_cards_find_belarus_by_any_name(demo_store, name):
    with open_store(demo_store, read_only=True) as store:
        card = entity_card(store, name)
    assert card["iri"] == BELARUS
    assert card["labels"] == {"ar": "بيلاروسيا", "en": "Belarus"}
    assert card["type"] == "State"
    assert card["wikidata"] == "https://www.wikidata.org/wiki/Q184"


def test_cards_membership_has_support_dates_and_evidence(demo_store):
    with open_store(demo_store, read_only=True) as store:
        member = _membership(entity_card(store, "Belarus"))
    assert member["direction"] == "out" and member["modality"] == "asserted"
    assert member["support"] >= 1
    assert member["first"] == member["last"] == "2024-07-09"  # the seed article is undated
    assert "Shanghai Cooperation Organisation" in member["evidence"]["text"] or "شنجهاي" in member["evidence"]["text"]


def test_cards_seed_membership_counts_both_articles(demo_store, seed_present):
    with open_store(demo_store, read_only=True) as store:
        assert _membership(entity_card(store, "بيلاروسيا"))["support"] == 2


def test_cards_offices_of_li_shangfu_come_from_articles_and_gazetteer(demo_store, seed_present):
    with open_store(demo_store, read_only=True) as store:
        card = entity_card(store, "Li Shangfu")
    assert card["iri"] == LI_SHANGFU
    stated = [o for o in card["offices"] if o["source"] == "articles"]
    assert [(o["relation"], o["role"], o["of"]["label"]) for o in stated] == [("ministerOf", "defence", "China")]
    dated = [o for o in card["offices"] if o["source"] == "gazetteer"]
    assert any(o["role"] == "defence_minister" and o["start"] and o["end"] for o in dated)


def test_cards_incoming_and_symmetric_relations_are_marked(demo_store):
    with open_store(demo_store, read_only=True) as store:
        card = entity_card(store, "Alexander Lukashenko")
    sanction = next(r for r in card["relations"] if r["relation"] == "sanctions")
    assert sanction["direction"] == "in" and sanction["other"]["iri"] == EU
    with open_store(demo_store, read_only=True) as store:
        directions = {r["direction"] for r in entity_card(store, "China")["relations"] if r["relation"] == "tradesWith"}
    assert directions == {"both"}


def test_cards_unknown_entity_is_a_clear_error(demo_store):
    with open_store(demo_store, read_only=True) as store, pytest.raises(EntityNotFound, match="no entity named"):
        entity_card(store, "Atlantis")


def test_cards_table_names_relation_other_and_sentence(demo_store):
    with open_store(demo_store, read_only=True) as store:
        text = format_card(entity_card(store, "Belarus"), "ar")
    assert text.startswith("بيلاروسيا (Belarus)\n")
    line = next(line for line in text.splitlines() if "memberOf" in line)
    assert "منظمة شنغهاي للتعاون" in line or "Shanghai" in line
    assert "“" in text


def test_cli_show_prints_card_and_json(runner, demo_store):
    result = runner.invoke(cli, ["show", "--store", demo_store, "Belarus"])
    assert result.exit_code == 0, result.stderr
    assert "memberOf" in result.stdout and "Shanghai Cooperation Organisation" in result.stdout
    result = runner.invoke(cli, ["show", "--store", demo_store, "بيلاروسيا", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["iri"] == BELARUS and _membership(card)["evidence"]["text"]


def test_cli_show_unknown_entity_is_one_line_on_stderr(runner, demo_store):
    result = runner.invoke(cli, ["show", "--store", demo_store, "Atlantis"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: no entity named 'Atlantis'") and result.stderr.count("\n") == 1
