"""Build geokg/graph/map/assets/world.json: simplified country outlines and a point per state.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world.py package/countries-110m.json

Source: Natural Earth 1:110m Admin 0 countries, version 4.1.0 (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as redistributed in TopoJSON by the npm
package world-atlas 2.0.2 (https://github.com/topojson/world-atlas, ISC licence for its code;
the data stays public domain). ISO 3166-1 numeric codes become alpha-2 through CLDR's territory
aliases (Babel) and alpha-2 codes become Wikidata QIDs through rigour, the gazetteer's own route.
A state's point is the area-weighted centroid of its largest polygon; states too small for
1:110m take their capital's point from scripts/world/points.tsv, and organisations their seat
from scripts/world/seats.tsv (both written for this project). See assets/SOURCES.md.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "geokg" / "graph" / "map" / "assets" / "world.json"
#: Outlines world-atlas gives a name but no ISO code.
UNCODED = {"Kosovo": "Q1246"}
SOURCE = "Natural Earth 1:110m Admin 0 countries 4.1.0 (public domain), via world-atlas 2.0.2"


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Return every arc of a quantized TopoJSON topology as absolute (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list) -> list[tuple[float, float]]:
    """Return the closed ring made of the arcs *indices* (a negative index is an arc reversed)."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    """Return a (Multi)Polygon geometry as a list of polygons, each a list of rings."""
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[ring(r, arcs) for r in part] for part in parts]


def area_centroid(points: list[tuple[float, float]]) -> tuple[float, float, float]:
    """Return (|area|, x, y) of a ring by the shoelace formula, for rings cut at the antimeridian too."""
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:
        # Russia's ring runs along both sides of ±180°: measure it with the west side moved east.
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, points[0][0], points[0][1]
    return abs(area / 2), (cx / (3 * area) + 180) % 360 - 180, cy / (3 * area)


def qid_of(numeric: str | None) -> str | None:
    """Return the Wikidata QID of the state with ISO 3166-1 numeric code *numeric*, if any."""
    from babel.core import get_global
    from rigour.territories import get_territory

    if not numeric:
        return None
    alpha2 = (get_global("territory_aliases").get(numeric.lstrip("0") or "0")
              or get_global("territory_aliases").get(numeric) or [None])[0]
    territory = get_territory(alpha2.lower()) if alpha2 else None
    return territory.qid if territory is not None else None


def rounded(points: list[tuple[float, float]]) -> list[float]:
    """Return a ring as a flat [lon, lat, lon, lat, …] list at 0.01° (about 1 km)."""
    if max(x for x, _ in points) - min(x for x, _ in points) > 180:
        # Cut at ±180° (Russia, Fiji): drawn as is, the ring would cross the whole map; carry
        # its western points past 180° east instead, so the shape stays one piece.
        points = [(x + 360 if x < 0 else x, y) for x, y in points]
    return [round(v, 2) for point in points for v in point]


def build(topology: dict) -> dict:
    """Return the world.json document from the world-atlas countries topology."""
    arcs = decode_arcs(topology)
    states: dict[str, list[float]] = {}
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        parts = polygons(geometry, arcs)
        # Outer rings only (lakes are not drawn); Antarctica neither: it would only widen the map.
        shapes.extend(rounded(r) for part in parts for r in part[:1] if max(y for _, y in r) > -60)
        qid = qid_of(geometry.get("id")) or UNCODED.get(geometry["properties"].get("name"))
        if qid:
            _, x, y = max(area_centroid(part[0]) for part in parts)
            states[qid] = [round(x, 2), round(y, 2)]
    for key, _place, lon, lat in table("points.tsv"):
        states.setdefault(key, [float(lon), float(lat)])
    seats = {key: [float(lon), float(lat)] for key, _city, lon, lat in table("seats.tsv")}
    return {"source": SOURCE, "licence": "public domain", "states": dict(sorted(states.items())),
            "seats": dict(sorted(seats.items())), "shapes": shapes}


def table(name: str) -> list[list[str]]:
    """Return the rows of a curated table in scripts/world/, comments left out."""
    lines = (HERE / "world" / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def main(path: str) -> None:
    """Write world.json from the world-atlas file at *path* and print its size."""
    document = build(json.loads(Path(path).read_text(encoding="utf-8")))
    OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(document['states'])} states, {len(document['shapes'])} rings")


if __name__ == "__main__":
    main(sys.argv[1])
