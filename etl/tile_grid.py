"""Reference list of Gemeinden and their schematic tile positions, computed once from a BKG GeoJSON.

``python -m etl.tile_grid GEOJSON`` reads a Gemeinde layer (properties AGS, GEN, BEZ; e.g. the BKG VG5000
Gemeinden of one Land, WGS84) and writes

- ``catalogue/gemeinden.csv``: ``ags;name;kind;parent`` (8-digit AGS, name, Stadt/Gemeinde, its Kreis);
- the ``gemeinde`` rows of ``catalogue/tile_positions.csv``: per Kreis a small grid (row 0 = north,
  col 0 = west) with one tile per Gemeinde, each as close to its centroid as the grid allows.

Nothing of the geometry is stored, only names, keys and grid cells. Kreise that already have tiles in
``tile_positions.csv`` keep them (hand-made layouts win, e.g. the calibrated demo Kreis); the ``kreis``
rows are never touched. Run again after a territorial reform and review the diff.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[1] / "catalogue"
GEMEINDEN_CSV = CATALOGUE / "gemeinden.csv"
TILES_CSV = CATALOGUE / "tile_positions.csv"
GEMEINDE_FIELDS = ("ags", "name", "kind", "parent")
TILE_FIELDS = ("ags", "level", "row", "col", "kreis")
#: free cells per Gemeinde in the starting grid (room to follow the shape of the Kreis)
SLACK = 1.4


def centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area-weighted centroid (lon, lat) and absolute area of a closed ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-15:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return sum(xs) / len(xs), sum(ys) / len(ys), 0.0
    return cx / (3 * area), cy / (3 * area), abs(area) / 2


def feature_centroid(geometry: dict) -> tuple[float, float]:
    """Centroid of the outer rings of a Polygon or MultiPolygon (weighted by area)."""
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    parts = [centroid(polygon[0]) for polygon in polygons]
    total = sum(a for _, _, a in parts) or 1.0
    return sum(x * a for x, _, a in parts) / total, sum(y * a for _, y, a in parts) / total


def _cost(point: tuple[float, float], cell: tuple[float, float]) -> float:
    return (point[0] - cell[0]) ** 2 + (point[1] - cell[1]) ** 2


def grid(points: dict[str, tuple[float, float]]) -> dict[str, tuple[int, int]]:
    """(row, col) per key for points (lon, lat): distinct cells, close to the relative positions.

    The points are scaled into a grid of about SLACK cells per point with the aspect ratio of their
    extent (lon shortened by cos(lat)); a greedy assignment is improved by swaps and moves into free cells
    until no change lowers the summed squared distance; empty outer rows and columns are dropped."""
    keys = sorted(points)
    if len(keys) == 1:
        return {keys[0]: (0, 0)}
    mid_lat = sum(points[k][1] for k in keys) / len(keys)
    xs = {k: points[k][0] * math.cos(math.radians(mid_lat)) for k in keys}
    ys = {k: points[k][1] for k in keys}
    width = (max(xs.values()) - min(xs.values())) or 1e-9
    height = (max(ys.values()) - min(ys.values())) or 1e-9
    cols = max(1, round(math.sqrt(len(keys) * SLACK * width / height)))
    rows = max(1, math.ceil(len(keys) * SLACK / cols))
    scaled = {k: ((max(ys.values()) - ys[k]) / height * (rows - 1),
                  (xs[k] - min(xs.values())) / width * (cols - 1)) for k in keys}
    free = {(r, c) for r in range(rows) for c in range(cols)}
    placed: dict[str, tuple[int, int]] = {}
    # the most outlying points first: they have the fewest good cells
    centre = ((rows - 1) / 2, (cols - 1) / 2)
    for key in sorted(keys, key=lambda k: (-_cost(scaled[k], centre), k)):
        cell = min(free, key=lambda c: (_cost(scaled[key], c), c))
        placed[key] = cell
        free.remove(cell)
    improved = True
    while improved:
        improved = False
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                now = _cost(scaled[a], placed[a]) + _cost(scaled[b], placed[b])
                if _cost(scaled[a], placed[b]) + _cost(scaled[b], placed[a]) < now - 1e-12:
                    placed[a], placed[b] = placed[b], placed[a]
                    improved = True
            for cell in sorted(free):
                if _cost(scaled[a], cell) < _cost(scaled[a], placed[a]) - 1e-12:
                    free.add(placed[a])
                    free.remove(cell)
                    placed[a] = cell
                    improved = True
    top = min(r for r, _ in placed.values())
    left = min(c for _, c in placed.values())
    return {k: (r - top, c - left) for k, (r, c) in placed.items()}


def read_layer(path: Path) -> list[dict]:
    """Gemeinden of a GeoJSON layer: ags, name, kind, parent and the centroid (lon, lat)."""
    layer = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for feature in layer["features"]:
        props = feature["properties"]
        ags = str(props["AGS"])
        if len(ags) != 8:
            raise ValueError(f"{path.name}: {ags!r} ist kein Gemeindeschlüssel (8 Ziffern)")
        out.append({"ags": ags, "name": props["GEN"], "kind": props["BEZ"], "parent": ags[:5],
                    "centroid": feature_centroid(feature["geometry"])})
    return sorted(out, key=lambda g: g["ags"])


def _write(path: Path, fields: tuple[str, ...], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter=";", lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def write_catalogue(gemeinden: list[dict], gemeinden_csv: Path = GEMEINDEN_CSV,
                    tiles_csv: Path = TILES_CSV) -> int:
    """Write the reference list and add tiles for every Kreis without tiles; returns tiles added."""
    _write(gemeinden_csv, GEMEINDE_FIELDS, gemeinden)
    with open(tiles_csv, encoding="utf-8", newline="") as handle:
        tiles = list(csv.DictReader(handle, delimiter=";"))
    parent = {g["ags"]: g["parent"] for g in gemeinden}
    for tile in tiles:
        if tile["level"] == "gemeinde" and not tile.get("kreis"):
            tile["kreis"] = parent[tile["ags"]]
    laid_out = {t["kreis"] for t in tiles if t["level"] == "gemeinde"}
    by_kreis: dict[str, dict[str, tuple[float, float]]] = {}
    for g in gemeinden:
        if g["parent"] not in laid_out:
            by_kreis.setdefault(g["parent"], {})[g["ags"]] = g["centroid"]
    added = []
    for kreis, points in sorted(by_kreis.items()):
        cells = grid(points)
        added += [{"ags": a, "level": "gemeinde", "row": r, "col": c, "kreis": kreis}
                  for a, (r, c) in sorted(cells.items(), key=lambda item: (item[1], item[0]))]
    gemeinde_tiles = [t for t in tiles if t["level"] == "gemeinde"] + added
    others = [t for t in tiles if t["level"] != "gemeinde"]
    _write(tiles_csv, TILE_FIELDS, gemeinde_tiles + others)
    return len(added)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("geojson", type=Path, help="Gemeinde layer with AGS, GEN, BEZ (WGS84)")
    args = parser.parse_args()
    gemeinden = read_layer(args.geojson)
    added = write_catalogue(gemeinden)
    print(f"{len(gemeinden)} Gemeinden nach {GEMEINDEN_CSV.name}, {added} neue Kacheln in {TILES_CSV.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
