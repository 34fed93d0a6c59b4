"""What the demo store answers: README cookbook queries, saved queries, `geokg show` cards and `geokg stats`.

``python tests/support/demo_answers.py STORE OUT.json`` writes them as JSON; run with the code of
another checkout on ``PYTHONPATH``, it records that checkout's answers (its README, its queries).
"""

from __future__ import annotations

import json
import sys

from tests.support.cookbook import COOKBOOK, run

#: Saved queries and their parameters: each with its defaults, plus the README's examples.
SAVED_CASES = [
    ("members", []), ("members", ["org=NATO"]),
    ("sanctions", []), ("sanctions", ["by=European Union"]),
    ("cooperation", ["a=China", "b=Belarus"]),
    ("office-holders", []), ("office-holders", ["state=Russia"]),
    ("planned", []), ("negated", []),
    ("support", []), ("support", ["entity=NATO", "min=2"]), ("support", ["p=memberOf"]),
    ("relations-of", ["entity=بيلاروسيا"]), ("relations-of", ["entity=NATO"]),
    ("timeline", ["entity=Q184", "since=2024"]), ("timeline", ["entity=Ukraine", "until=2024-03"]),
    ("entity-by-label", ["name=Belarus", "lang=en"]),
]

#: Entities whose `geokg show` card is recorded: English names and an Arabic one.
SHOWN = ["Belarus", "NATO", "فولوديمير زيلينسكي", "Sergey Lavrov"]


def _rows(store: str, *args: str) -> list[dict]:
    """Return the SPARQL JSON bindings of a `geokg query` run on *store*."""
    return json.loads(run("query", "--store", store, "--format", "json", *args))["results"]["bindings"]


def demo_answers(store: str) -> dict:
    """Return the answers of *store* to every recorded question, JSON-ready."""
    return {
        "cookbook": [_rows(store, sparql) for sparql in COOKBOOK],
        "saved": {" ".join([name, *params]): _rows(store, "--saved", name, *(f"--param={p}" for p in params))
                  for name, params in SAVED_CASES},
        "show": {name: json.loads(run("show", "--store", store, "--format", "json", name)) for name in SHOWN},
        "stats": json.loads(run("stats", "--store", store, "--format", "json")),
    }


if __name__ == "__main__":
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        json.dump(demo_answers(sys.argv[1]), out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write("\n")
