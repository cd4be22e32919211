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
MISSING_FILL = "#E0E0E0"
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


def _colours(values: pd.Series) -> list[str]:
    usable = values.dropna()
    low, high = (usable.min(), usable.max()) if not usable.empty else (0.0, 1.0)
    span = (high - low) or 1.0
    colours = iter(sample_colorscale(COLORSCALE, [(v - low) / span for v in usable]))
    return [MISSING_FILL if fmt.is_missing(v) else next(colours) for v in values]


def _text_colour(fill: str) -> str:
    if not fill.startswith("rgb"):
        return "#000000"
    channels = [float(c) for c in fill[fill.index("(") + 1:-1].split(",")[:3]]
    luminance = 0.299 * channels[0] + 0.587 * channels[1] + 0.114 * channels[2]
    return "#000000" if luminance > 140 else "#FFFFFF"


def tile_map(data: pd.DataFrame, *, level: str, title: str, unit: str | None, source: str, decimals: int = 1,
             highlight: str | None = None) -> go.Figure:
    """Schematic tile map; ``data`` has ``ags, name, value, status``. NULL values: grey tile with the
    official symbol; the highlighted region gets a thick black border."""
    tiles = _tiles_for(data, level).merge(data, on="ags", how="left")
    tiles["status"] = tiles["status"].fillna("missing")
    fills = _colours(tiles["value"])
    fig = go.Figure(layout={"shapes": [
        {"type": "rect", "layer": "below", "x0": row.col, "x1": row.col + 0.94, "y0": -row.row,
         "y1": -row.row - 0.94, "fillcolor": fill,
         "line": {"color": "#000000" if row.ags == highlight else "#FFFFFF",
                  "width": 5 if row.ags == highlight else 1}}
        for row, fill in zip(tiles.itertuples(), fills, strict=True)
    ]})
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
    _legend(fig, tiles, unit)
    fig.update_xaxes(visible=False, range=[-0.1, tiles["col"].max() + 1.05])
    fig.update_yaxes(visible=False, range=[-tiles["row"].max() - 1.05, 0.1], scaleanchor="x")
    height = 240 + 115 * (int(tiles["row"].max()) + 1)
    return charts.style(fig, f"{title} (schematische Kachelkarte)", unit, source, height=height)


def _legend(fig: go.Figure, tiles: pd.DataFrame, unit: str | None) -> None:
    values = tiles["value"].dropna()
    if not values.empty:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", showlegend=False, hoverinfo="skip",
            marker={"colorscale": COLORSCALE, "cmin": values.min(), "cmax": values.max(),
                    "color": [values.min()], "showscale": True,
                    "colorbar": {"title": {"text": charts.unit_title(unit)}, "thickness": 18,
                                 "tickformat": ",~f"}},
        ))
    if tiles["value"].isna().any():
        fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name="kein Wert (geheim/unsicher/fehlt)",
                                 marker={"symbol": "square", "size": 16, "color": MISSING_FILL}))


def choropleth(data: pd.DataFrame, *, level: str, title: str, unit: str | None, source: str,
               decimals: int = 1) -> go.Figure:
    """Choropleth on the boundaries in ``geo.boundaries`` (GeoJSON text per AGS), offline: white
    background, no tiles."""
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
    fig = go.Figure(go.Choroplethmap(
        geojson=geojson, locations=frame["ags"][~missing], z=frame["value"][~missing], colorscale=COLORSCALE,
        text=[t for t, m in zip(text, missing, strict=True) if not m], hoverinfo="text",
        marker={"line": {"width": 1}},
        colorbar={"title": {"text": charts.unit_title(unit)}, "tickformat": ",~f"},
    ))
    if missing.any():  # suppressed or missing: grey, in the legend, never coloured as a number
        fig.add_trace(go.Choroplethmap(
            geojson=geojson, locations=frame["ags"][missing], z=[0] * int(missing.sum()), showscale=False,
            colorscale=[[0, MISSING_FILL], [1, MISSING_FILL]], showlegend=True, name=charts.MISSING_LEGEND,
            text=[t for t, m in zip(text, missing, strict=True) if m], hoverinfo="text",
            marker={"line": {"width": 1, "color": "#6E6E6E"}},
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
                  decimals: int = 1, highlight: str | None = None) -> go.Figure:
    """Real boundaries if loaded, else the schematic tile map."""
    if boundaries_available(level):
        return choropleth(data, level=level, title=title, unit=unit, source=source, decimals=decimals)
    return tile_map(data, level=level, title=title, unit=unit, source=source, decimals=decimals,
                    highlight=highlight)
