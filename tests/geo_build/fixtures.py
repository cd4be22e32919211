"""A generated boundaries file in the format of etl.boundaries' output (WGS84 squares, no real shapes)."""

import json
from pathlib import Path

ATTRIBUTION = "© GeoBasis-DE / BKG 2025 (Daten verändert)"
#: ags -> (name, level, west, south) of a 0.2° square
SHAPES = {
    "05766": ("Lippe", "kreis", 8.8, 51.8),
    "05754": ("Gütersloh", "kreis", 8.4, 51.8),
    "05711": ("Bielefeld", "kreis", 8.5, 52.0),
    "05766020": ("Detmold", "gemeinde", 8.8, 51.8),
    "05766008": ("Bad Salzuflen", "gemeinde", 8.8, 52.0),
}


def square(west: float, south: float, size: float = 0.2) -> dict:
    """A polygon with a clockwise exterior ring (as etl.boundaries writes them for plotly)."""
    ring = [[west, south], [west, south + size], [west + size, south + size], [west + size, south],
            [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_boundaries(path: Path) -> Path:
    features = [{"type": "Feature", "geometry": square(west, south),
                 "properties": {"ags": ags, "name": name, "level": level, "source": "Testfigur",
                                "year": 2025, "attribution": ATTRIBUTION}}
                for ags, (name, level, west, south) in SHAPES.items()]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path
