"""Where the tests find the repository, their data, the example articles and the shared seed."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples" / "articles"
SEED = ROOT.parent / "shared" / "seeds" / "ar-china-belarus.txt"
SEED_GOLD = ROOT.parent / "shared" / "dev" / "gold"
