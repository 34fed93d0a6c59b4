"""Every command starts without loading the map's numeric and drawing libraries."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("numpy", "scipy", "pyvis")


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys, json; {statement}; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return {name.split(".")[0] for name in json.loads(out)}


def test_the_command_line_starts_without_the_map_libraries():
    assert not _loaded_after("import geokg.cli") & set(HEAVY)


def test_geokg_map_is_still_the_map_builder():
    loaded = _loaded_after("import geokg; from geokg.graph.map.build import build_map; assert geokg.map is build_map")
    assert "scipy" in loaded or "numpy" in loaded  # the map pays for its layout libraries when used
