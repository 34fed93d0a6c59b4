"""Triggers generated from the Arabic root table reach the rule set with their flags."""

from geokg.extract.rules import load_ruleset


def test_generated_triggers_reach_the_rule_set():
    rs = load_ruleset("ar")
    phrases = {(t.relation, t.phrase) for t in rs.triggers}
    assert ("accuses", "متهمين") in phrases
    assert ("accuses", "اتهامات") in phrases
    assert ("memberOf", "ينضمون") in phrases
    assert any(t.participle for t in rs.triggers if t.phrase == "متهمة")
