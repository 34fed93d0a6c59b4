"""The README documents every command, and its cookbook queries run on the demo corpus."""

from __future__ import annotations

import re

import pytest

from geokg.cli import cli
from tests.support import paths

README = paths.README.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help_and_a_reference_row(name):
    assert cli.commands[name].help, f"{name} has no help text"
    assert f"`geokg {name}" in README, f"geokg {name} is missing from the README CLI reference"


def test_docs_readme_opens_with_the_two_commands():
    blocks = re.findall(r"```bash\n(.*?)\n```", README, flags=re.S)
    assert "geokg ingest examples/articles" in blocks[0] and "geokg map" in blocks[0]
    assert "pytest" in blocks[1]
