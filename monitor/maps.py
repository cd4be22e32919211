"""Maps without the internet: a choropleth on real boundaries when ``geo.boundaries`` holds them, else a
schematic tile map (one equal tile per Gemeinde or Kreis, placed by approximate geography, positions in
``catalogue/tile_positions.csv``: row 0 = north, col 0 = west; Gemeinde tiles form one grid per Kreis,
column ``kreis``, laid out from the centroids by ``etl/tile_grid.py``)."""

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from etl.home import home_kreis
from monitor import charts, fmt
from monitor.queries import meta

TILES_CSV = Path(__file__).resolve().parents[1] / "catalogue" / "tile_positions.csv"
COLORSCALE = "Cividis"  # perceptually uniform and colour-blind safe
#: Signed values centred at 0 (gaps: surplus below, shortage above): blue – white – orange, colour-blind
#: safe, white exactly at 0; symmetric, so that equal distances from 0 get equal strength, and steeper near
#: 0, so that a small surplus or gap is already a visible tint.
DIVERGING = [[0.0, "#08519C"], [0.3, "#4292C6"], [0.45, "#C6DBEF"], [0.5, "#F7F7F7"], [0.55, "#FDD0A2"],
             [0.7, "#FD8D3C"], [1.0, "#A63603"]]
#: Tiles without a value: white, cross-hatched in dark grey, with the official symbol (no scale colour).
MISSING_FILL = "#FFFFFF"
HATCH = "#6E6E6E"
TILE_BORDER = "#9E9E9E"
MISSING_MAP_LEGEND = "kein Wert (schraffiert, mit Zeichen: . geheim, / unsicher, x nicht sinnvoll, – fehlt)"
#: Choropleths cannot hatch: a mid grey that neither scale contains, with a dark outline.
CHOROPLETH_MISSING = "#B8B8B8"
BKG_ATTRIBUTION = "© GeoBasis-DE / BKG (Daten verändert)"
SHORT_NAMES = {
    "Minden-Lübbecke": "Minden-L.", "Recklinghausen": "Reckling.", "Mülheim an der Ruhr": "Mülheim",
    "Hochsauerlandkreis": "Hochsauerl.", "Ennepe-Ruhr-Kreis": "Ennepe-R.", "Märkischer Kreis": "Märk. Kr.",
    "Städteregion Aachen": "Aachen", "Rhein-Kreis Neuss": "Neuss", "Rhein-Erft-Kreis": "Rhein-Erft",
    "Rheinisch-Bergischer Kreis": "Rh.-Berg.", "Oberbergischer Kreis": "Oberberg.",
    "Siegen-Wittgenstein": "Siegen-W.", "Rhein-Sieg-Kreis": "Rhein-Sieg", "Gelsenkirchen": "Gelsenk.",
    "Mönchengladbach": "M'gladbach", "Schieder-Schwalenberg": "Schieder-S.",
    "Horn-Bad Meinberg": "Horn-B. M.",
    "Bad Salzuflen": "Bad Salzufl.", "Leopoldshöhe": "Leopoldsh.", "Oerlinghausen": "Oerlingh.",
}


@cache
def _tiles() -> pd.DataFrame:
    return pd.read_csv(TILES_CSV, sep=";", dtype={"ags": str, "level": str, "kreis": str})


def tile_positions(level: str, kreise: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Tile row/col per AGS: ``kreis`` (all Kreise with tiles) or ``gemeinde`` (the grid of the given
    Kreise; default the configured home Kreis, ``etl.home.home_kreis``)."""
    frame = _tiles()
    chosen = frame["level"] == level
    if level == "gemeinde":
        chosen &= frame["kreis"].isin(kreise if kreise is not None else (home_kreis(),))
    return frame.loc[chosen, ["ags", "level", "row", "col"]].reset_index(drop=True)


def _tiles_for(data: pd.DataFrame, level: str) -> pd.DataFrame:
    """Tiles of a map: every Kreis tile, or the Gemeinde grid of the Kreise the data's Gemeinden are in."""
    if level != "gemeinde":
        return tile_positions(level)
    frame = _tiles()
    kreise = frame.loc[(frame["level"] == level) & frame["ags"].isin(data["ags"]), "kreis"]
    return tile_positions(level, tuple(sorted(set(kreise))) if not kreise.empty else None)


def short_name(name: str, limit: int = 11) -> str:
    """Tile label: known abbreviation, else the name cut to ``limit`` characters."""
    name = SHORT_NAMES.get(name, name)
    return name if len(name) <= limit else name[:limit - 1] + "."


def boundaries_available(level: str) -> bool:
    return meta.boundary_count(level) > 0


def colour_range(values: pd.Series, diverging: bool = False) -> tuple[float, float]:
    """(cmin, cmax) of the scale: the value range, or symmetric around 0 for a diverging scale."""
    usable = values.dropna()
    if usable.empty:
        return (-1.0, 1.0) if diverging else (0.0, 1.0)
    if diverging:
        extent = float(max(abs(usable.min()), abs(usable.max()))) or 1.0
        return -extent, extent
    return float(usable.min()), float(usable.max())


def _colours(values: pd.Series, diverging: bool = False) -> list[str]:
    low, high = colour_range(values, diverging)
    span = (high - low) or 1.0
    scale = DIVERGING if diverging else COLORSCALE
    colours = iter(sample_colorscale(scale, [(v - low) / span for v in values.dropna()]))
    return [MISSING_FILL if fmt.is_missing(v) else next(colours) for v in values]


def _hatch(col: float, row: float, size: float = 0.94, lines: int = 4) -> list[dict]:
    """Cross-hatching of one tile (shapes): marks a tile without a value independent of any colour."""
    step = size / lines
    out = []
    for i in range(1, lines):
        d = i * step
        for x0, y0, x1, y1 in ((col, -row - d, col + d, -row), (col + d, -row - size, col + size, -row - d),
                               (col, -row - size + d, col + d, -row - size),
                               (col + size - d, -row, col + size, -row - d)):
            out.append({"type": "line", "layer": "below", "x0": x0, "y0": y0, "x1": x1, "y1": y1,
                        "line": {"color": HATCH, "width": 1}})
    return out


def _text_colour(fill: str) -> str:
    if not fill.startswith("rgb"):
        return "#000000"
    channels = [float(c) for c in fill[fill.index("(") + 1:-1].split(",")[:3]]
    luminance = 0.299 * channels[0] + 0.587 * channels[1] + 0.114 * channels[2]
    return "#000000" if luminance > 140 else "#FFFFFF"


def tile_map(data: pd.DataFrame, *, level: str, title: str, unit: str | None, source: str, decimals: int = 1,
             highlight: str | None = None, diverging: bool = False) -> go.Figure:
    """Schematic tile map; ``data`` has ``ags, name, value, status``. NULL values: hatched white tile with
    the official symbol; the highlighted region gets a thick black border. ``diverging``: signed values on
    a blue–white–orange scale centred at 0."""
    tiles = _tiles_for(data, level).merge(data, on="ags", how="left")
    tiles["status"] = tiles["status"].fillna("missing")
    fills = _colours(tiles["value"], diverging)
    fig = go.Figure(layout={"shapes": [
        {"type": "rect", "layer": "below", "x0": row.col, "x1": row.col + 0.94, "y0": -row.row,
         "y1": -row.row - 0.94, "fillcolor": fill,
         "line": {"color": "#000000" if row.ags == highlight else TILE_BORDER,
                  "width": 5 if row.ags == highlight else 1}}
        for row, fill in zip(tiles.itertuples(), fills, strict=True)
    ] + [h for row in tiles[tiles["value"].isna()].itertuples() for h in _hatch(row.col, row.row)]})
    labels = [f"{charts.plain(short_name(str(n)))}<br><b>{fmt.fmt_value(v, s, decimals, None)}</b>"
              for n, v, s in zip(tiles["name"], tiles["value"], tiles["status"], strict=True)]
    fig.add_trace(go.Scatter(
        x=tiles["col"] + 0.47, y=-tiles["row"] - 0.47, mode="text", text=labels, showlegend=False,
        textfont={"size": charts.FONT_SIZE - 2 if level == "kreis" else charts.FONT_SIZE,
                  "color": [_text_colour(f) for f in fills]},
        hovertext=[f"{n}: {fmt.fmt_value(v, s, decimals, unit)} {charts.status_word(s)}".strip()
                   for n, v, s in zip(tiles["name"], tiles["value"], tiles["status"], strict=True)],
        hoverinfo="text",
    ))
    _legend(fig, tiles, unit, diverging)
    fig.update_xaxes(visible=False, range=[-0.1, tiles["col"].max() + 1.05])
    fig.update_yaxes(visible=False, range=[-tiles["row"].max() - 1.05, 0.1], scaleanchor="x")
    height = 240 + 115 * (int(tiles["row"].max()) + 1)
    return charts.style(fig, f"{title} (schematische Kachelkarte)", unit, source, height=height)


def colorbar_title(unit: str | None, diverging: bool = False) -> str:
    """Title of the colour bar; for a diverging gap scale it says which side is which."""
    title = charts.unit_title(unit)
    return f"{title}<br>orange: fehlen<br>weiß: 0<br>blau: Überhang" if diverging else title


def _legend(fig: go.Figure, tiles: pd.DataFrame, unit: str | None, diverging: bool = False) -> None:
    values = tiles["value"].dropna()
    if not values.empty:
        low, high = colour_range(values, diverging)
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
            marker={"colorscale": DIVERGING if diverging else COLORSCALE, "cmin": low, "cmax": high,
                    "color": [low], "showscale": True,
                    "colorbar": {"title": {"text": colorbar_title(unit, diverging)}, "thickness": 18,
                                 "tickformat": ",~f", "outlinecolor": TILE_BORDER, "outlinewidth": 1}},
        ))
    if tiles["value"].isna().any():  # a hatched swatch, as on the map
        fig.add_trace(go.Bar(x=[None], y=[None], name=MISSING_MAP_LEGEND, hoverinfo="skip",
                             marker={"color": MISSING_FILL, "line": {"color": HATCH, "width": 1},
                                     "pattern": {"shape": "x", "fgcolor": HATCH, "size": 6}}))


def choropleth(data: pd.DataFrame, *, level: str, title: str, unit: str | None, source: str,
               decimals: int = 1, diverging: bool = False) -> go.Figure:
    """Choropleth on the boundaries in ``geo.boundaries`` (GeoJSON text per AGS), offline: white
    background, no tiles; ``diverging``: blue–white–orange centred at 0."""
    shapes = meta.boundaries(level)
    column = "geometry_geojson" if "geometry_geojson" in shapes.columns else "geometry"
    features = [{"type": "Feature", "id": a, "geometry": json.loads(g)}
                for a, g in zip(shapes["ags"], shapes[column], strict=True)]
    attribution = BKG_ATTRIBUTION
    if "attribution" in shapes.columns and not shapes.empty and shapes["attribution"].notna().any():
        attribution = str(shapes["attribution"].dropna().iloc[0])
    frame = data[data["ags"].isin(shapes["ags"])]
    geojson = {"type": "FeatureCollection", "features": features}
    text = [f"{charts.plain(n)}: {fmt.fmt_value(v, s, decimals, unit)} {charts.status_word(s)}".strip()
            for n, v, s in zip(frame["name"], frame["value"], frame["status"], strict=True)]
    missing = frame["value"].isna().to_numpy()
    low, high = colour_range(frame["value"], diverging)
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=frame["ags"][~missing], z=frame["value"][~missing],
        colorscale=DIVERGING if diverging else COLORSCALE, zmin=low, zmax=high,
        text=[t for t, m in zip(text, missing, strict=True) if not m], hoverinfo="text",
        marker={"line": {"width": 1, "color": TILE_BORDER}},
        colorbar={"title": {"text": colorbar_title(unit, diverging)}, "tickformat": ",~f"},
    ))
    if missing.any():  # suppressed or missing: grey, in the legend, never coloured as a number
        fig.add_trace(go.Choroplethmap(
            geojson=geojson, locations=frame["ags"][missing], z=[0] * int(missing.sum()), showscale=False,
            colorscale=[[0, CHOROPLETH_MISSING], [1, CHOROPLETH_MISSING]], showlegend=True,
            name=charts.MISSING_LEGEND,
            text=[t for t, m in zip(text, missing, strict=True) if m], hoverinfo="text",
            marker={"line": {"width": 2, "color": "#000000"}},
        ))
    lon, lat = _extent(features)
    zoom = math.log2(360 / max(lon[1] - lon[0], 1e-3)) - 0.6
    fig.update_layout(map={"style": "white-bg", "center": {"lon": sum(lon) / 2, "lat": sum(lat) / 2},
                           "zoom": zoom})
    return charts.style(fig, title, unit, f"{source}; Grenzen: {attribution}", height=620)


def _extent(features: list[dict]) -> tuple[tuple[float, float], tuple[float, float]]:
    points = [p for f in features for p in _coordinates(f["geometry"]["coordinates"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return (min(lons), max(lons)), (min(lats), max(lats))


def _coordinates(nested: list) -> list:
    if nested and isinstance(nested[0], int | float):
        return [nested]
    return [p for item in nested for p in _coordinates(item)]


def indicator_map(data: pd.DataFrame, *, level: str, title: str, unit: str | None, source: str,
                  decimals: int = 1, highlight: str | None = None, diverging: bool = False) -> go.Figure:
    """Real boundaries if loaded, else the schematic tile map (``diverging``: signed values around 0)."""
    if boundaries_available(level):
        return choropleth(data, level=level, title=title, unit=unit, source=source, decimals=decimals,
                          diverging=diverging)
    return tile_map(data, level=level, title=title, unit=unit, source=source, decimals=decimals,
                    highlight=highlight, diverging=diverging)
