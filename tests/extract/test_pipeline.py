"""The extraction is a declared list of passes: each reads only what an earlier pass made."""

from __future__ import annotations

import pytest

from geokg.extract.extractor import PASSES
from geokg.extract.pipeline import Pass, check_passes


def _noop(doc) -> None:
    return None


def test_pipeline_declared_passes_are_consistent():
    check_passes(PASSES)
    assert [p.name for p in PASSES][:3] == ["document", "cues", "names"]


def test_pipeline_a_pass_needing_what_no_earlier_pass_makes_is_refused():
    late = (Pass("relations", _noop, needs=("hits",), makes=("found",)), *PASSES)
    with pytest.raises(ValueError, match="needs"):
        check_passes(late)


def test_pipeline_a_field_made_by_two_passes_is_refused():
    twice = (*PASSES, Pass("again", _noop, makes=("hits",)))
    with pytest.raises(ValueError, match="made by both"):
        check_passes(twice)
