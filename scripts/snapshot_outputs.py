"""Write every output geokg produces on the project's article sets into one folder, to diff two versions.

    python scripts/snapshot_outputs.py OUT_DIR
    diff -r BEFORE_DIR AFTER_DIR        # a behaviour-preserving change leaves no difference

Uses only the command line, so the same script runs before and after a change of the package's
layout: `extract` in every format on every article, `ingest` of each set followed by `export` in
every format, `stats`, `eval` on the sets that have gold triples, and the default map.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

#: name -> (articles folder, gold folder or None)
SETS = {
    "demo": (ROOT / "examples" / "articles", None),
    "dev": (ROOT / "tests" / "data" / "dev" / "articles", ROOT / "tests" / "data" / "dev" / "gold"),
    "holdout": (ROOT / "tests" / "data" / "holdout" / "articles", ROOT / "tests" / "data" / "holdout" / "gold"),
    "real": (SHARED / "dev" / "real" / "articles", SHARED / "dev" / "real" / "gold"),
    "seeds": (SHARED / "seeds", None),
}
EXPORT_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf", "csv-nodes", "csv-edges", "plover")
EXTRACT_FORMATS = ("json", "ttl", "table")


def geokg(*args: str) -> bytes:
    """Return what `geokg ARGS` prints (stdout, then stderr and the exit code when it fails)."""
    done = subprocess.run([str(Path(sys.executable).with_name("geokg")), *args], capture_output=True, cwd=ROOT)
    if done.returncode:
        return done.stdout + b"\n--- stderr\n" + done.stderr + f"\n--- exit {done.returncode}\n".encode()
    return done.stdout


def snapshot_set(name: str, articles: Path, gold: Path | None, out: Path) -> None:
    """Write the outputs of one article set under out/name."""
    here = out / name
    (here / "extract").mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in articles.rglob("*") if p.is_file() and p.suffix in {".txt", ".md", ".html", ".json"})
    for path in files:
        for fmt in EXTRACT_FORMATS:
            (here / "extract" / f"{path.name}.{fmt}").write_bytes(geokg("extract", "--format", fmt, str(path)))
    store = f"oxigraph:{here / 'store'}"
    (here / "ingest.txt").write_bytes(geokg("ingest", "--store", store, str(articles)))
    for fmt in EXPORT_FORMATS:
        (here / f"export.{fmt}").write_bytes(geokg("export", "--store", store, "--format", fmt))
    (here / "stats.txt").write_bytes(geokg("stats", "--store", store))
    (here / "analyze.txt").write_bytes(geokg("analyze", "--store", store))
    (here / "map.log").write_bytes(geokg("map", "--store", store, "-o", str(here / "map.html")))
    if gold is not None:
        (here / "eval.txt").write_bytes(geokg("eval", str(gold), str(articles)))
    subprocess.run(["rm", "-rf", str(here / "store")], check=True)


def main(out_dir: str) -> None:
    """Snapshot every article set into *out_dir*, two sets at a time."""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        jobs = [pool.submit(snapshot_set, name, a, g, out) for name, (a, g) in SETS.items() if a.is_dir()]
        for job in jobs:
            job.result()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
