"""``python -m etl boundaries``: BKG VG250/VG5000 boundaries -> one web-ready GeoJSON.

Reads a BKG "Verwaltungsgebiete" download (zipped Shapefile or GeoPackage, layers ``VG*_GEM`` and
``VG*_KRS``) or a single file (zip, shp, gpkg, GeoJSON), keeps the Gemeinden and Kreise of the home
Kreis's Land (or every Kreis of Germany), keys as AGS text, WGS84, simplified without gaps between
neighbours, exterior rings clockwise for plotly. See docs/BOUNDARIES.md.
"""

import argparse
import json
import re
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import requests
import shapely

from etl import DATA_DIR
from etl.home import home_kreis

VG5000_URL = (
    "https://daten.gdz.bkg.bund.de/produkte/vg/vg5000_0101/aktuell/vg5000_01-01.utm32s.shape.ebenen.zip"
)
ATTRIBUTION = "© GeoBasis-DE / BKG {year} (Daten verändert)"
OUTPUT_NAME = "boundaries.geojson"
METRIC_CRS, WEB_CRS = "EPSG:25832", "EPSG:4326"
#: GF (Geofaktor) of land areas: 4 in VG250, 9 in VG5000 (the codes never overlap)
LAND_GF = (4, 9)
#: ADE (administrative level) in VG250
ADE_LEVELS = {4: "kreis", 6: "gemeinde"}
COLUMNS = ["ags", "name", "level", "source", "year", "attribution", "geometry"]
_LAYER = re.compile(r"(VG\d+)_(GEM|KRS)$", re.IGNORECASE)
_PRODUCT = re.compile(r"vg(250|5000)", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


class BoundaryError(ValueError):
    """The boundary input cannot be used; the message names file, layer/feature and reason."""


def load_boundaries(path: Path, germany: bool = False, year: int | None = None) -> gpd.GeoDataFrame:
    """The Gemeinden and Kreise of the home Kreis's Land (``etl.home``; the first two AGS digits are the
    Land), or every Kreis of Germany, from a BKG file or a GeoJSON, in WGS84.

    Columns: ags (text; Kreise 5, Gemeinden 8 digits), name, level (kreis|gemeinde), source, year,
    attribution, geometry. Our own ``boundaries.geojson`` reads back unchanged.
    """
    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"{path}: Datei fehlt")
    year = year or _year_from_name(path.name) or date.today().year
    frames = [_normalise(frame, layer, path, year) for layer, frame in _read_layers(path)]
    frames = [f for f in frames if not f.empty]
    if not frames:
        raise BoundaryError(f"{path}: keine Kreise oder Gemeinden gefunden (Ebenen VG*_GEM/VG*_KRS, AGS)")
    gdf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs=WEB_CRS)
    land = home_kreis()[:2]
    keep = (gdf["level"] == "gemeinde") & gdf["ags"].str.startswith(land)
    keep |= (gdf["level"] == "kreis") & (germany or gdf["ags"].str.startswith(land))
    gdf = gdf[keep]
    return gdf.dissolve(by=["level", "ags"], as_index=False, aggfunc="first")[COLUMNS].sort_values(
        ["level", "ags"], ignore_index=True
    )


def simplify_for_web(gdf: gpd.GeoDataFrame, tolerance: float = 100.0) -> gpd.GeoDataFrame:
    """Simplify per level as a coverage (shared borders stay shared), tolerance in metres; valid,
    coordinates on a 1e-5° grid, exterior rings clockwise."""
    parts = []
    for _, part in gdf.groupby("level", sort=True):
        metric = part.to_crs(METRIC_CRS)
        geoms = metric.geometry.values
        if tolerance > 0:
            geoms = shapely.coverage_simplify(geoms, tolerance)
        simplified = gpd.GeoSeries(geoms, index=metric.index, crs=METRIC_CRS)
        parts.append(metric.set_geometry(simplified).to_crs(WEB_CRS))
    out = pd.concat(parts).sort_values(["level", "ags"], ignore_index=True)
    geoms = shapely.make_valid(shapely.set_precision(out.geometry.values, 1e-5))
    geoms = shapely.orient_polygons(_polygonal(geoms), exterior_cw=True)
    return out.set_geometry(gpd.GeoSeries(geoms, crs=WEB_CRS))


def to_warehouse_rows(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """Rows for ``geo.boundaries``: ags, level, name, geometry_geojson (text), attribution."""
    return pd.DataFrame(
        {
            "ags": gdf["ags"].astype(str).to_numpy(),
            "level": gdf["level"].to_numpy(),
            "name": gdf["name"].to_numpy(),
            "geometry_geojson": [json.dumps(shapely.geometry.mapping(g)) for g in gdf.geometry],
            "attribution": gdf["attribution"].to_numpy(),
        }
    )


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> Path:
    """Write a FeatureCollection as is (no re-orientation by a driver) and return the path."""
    features = [
        {
            "type": "Feature",
            "properties": {k: (int(row[k]) if k == "year" else row[k]) for k in COLUMNS if k != "geometry"},
            "geometry": shapely.geometry.mapping(row.geometry),
        }
        for _, row in gdf.iterrows()
    ]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


# -- reading ------------------------------------------------------------------------------------
def _read_layers(path: Path) -> list[tuple[str, gpd.GeoDataFrame]]:
    """(layer name, frame) for every layer worth reading; zips are read in place (/vsizip/)."""
    datasets = _zip_datasets(path) if path.suffix.lower() == ".zip" else [str(path)]
    layers = []
    for dataset in datasets:
        names = [str(n) for n in pyogrio.list_layers(dataset)[:, 0]]
        wanted = [n for n in names if _LAYER.search(n)] or (names if len(names) == 1 else [])
        for name in wanted:
            try:
                layers.append((name, gpd.read_file(dataset, layer=name, engine="pyogrio")))
            except (pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError) as exc:
                raise BoundaryError(f"{path}: Ebene {name} nicht lesbar: {exc}") from exc
    return layers


def _zip_datasets(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise BoundaryError(f"{path}: keine gültige ZIP-Datei ({exc})") from exc
    found = [m for m in members if m.lower().endswith((".gpkg", ".geojson", ".json"))]
    shapes = [m for m in members if m.lower().endswith(".shp")]
    found += [m for m in shapes if _LAYER.search(Path(m).stem)] or shapes
    if not found:
        raise BoundaryError(f"{path}: ZIP enthält kein Shapefile, GeoPackage oder GeoJSON")
    return [f"/vsizip/{path.resolve()}/{m}" for m in found]


def _normalise(frame: gpd.GeoDataFrame, layer: str, path: Path, year: int) -> gpd.GeoDataFrame:
    """Columns of COLUMNS in WGS84, land parts only; rows of other levels dropped."""
    where = f"{path.name}, Ebene {layer}"
    if frame.crs is None:
        raise BoundaryError(f"{where}: kein Koordinatensystem angegeben (.prj fehlt?)")
    if "GF" in frame.columns:
        frame = frame[pd.to_numeric(frame["GF"], errors="coerce").isin(LAND_GF)]
    if {"ags", "level", "name"} <= set(frame.columns):  # our own output
        ags, level, name = frame["ags"].astype(str), frame["level"].astype(str), frame["name"]
    else:
        ags, level = _keys(frame, layer, where)
        if "GEN" not in frame.columns:
            raise BoundaryError(f"{where}: Spalte GEN (Name) fehlt")
        name = frame["GEN"]
    product = _PRODUCT.search(f"{layer} {path.name}")
    source = f"BKG {'VG' + product.group(1) if product else 'Verwaltungsgebiete'} ({path.name})"
    out = gpd.GeoDataFrame(
        {
            "ags": ags.to_numpy(),
            "name": name.astype(str).to_numpy(),
            "level": level.to_numpy(),
            "source": source,
            "year": year,
            "attribution": ATTRIBUTION.format(year=year),
        },
        geometry=frame.geometry.to_crs(WEB_CRS).to_numpy(),
        crs=WEB_CRS,
    )
    if "source" in frame.columns and "attribution" in frame.columns:  # keep provenance on re-read
        out["source"], out["attribution"] = frame["source"].to_numpy(), frame["attribution"].to_numpy()
        out["year"] = pd.to_numeric(frame["year"]).astype(int).to_numpy()
    return out[out["level"].isin(["kreis", "gemeinde"])]


def _keys(frame: gpd.GeoDataFrame, layer: str, where: str) -> tuple[pd.Series, pd.Series]:
    """AGS text and level from AGS (else ARS/RS), the layer name (GEM/KRS) or ADE."""
    if "AGS" in frame.columns:
        raw = frame["AGS"]
    elif "ARS" in frame.columns or "RS" in frame.columns:
        ars = frame["ARS" if "ARS" in frame.columns else "RS"].astype(str)
        raw = ars.where(ars.str.len() != 12, ars.str[:5] + ars.str[9:12])
    else:
        raise BoundaryError(f"{where}: weder AGS noch ARS vorhanden")
    if not all(isinstance(v, str) for v in raw):
        raise BoundaryError(f"{where}: AGS muss Text sein (führende Null), gefunden {raw.iloc[0]!r}")
    ags = raw.str.strip()
    bad = ags[~ags.str.fullmatch(r"\d{2}|\d{3}|\d{5}|\d{8}")]
    if not bad.empty:
        raise BoundaryError(f"{where}, Objekt {bad.index[0]}: ungültiger Schlüssel {bad.iloc[0]!r}")
    kind = _LAYER.search(layer)
    if kind:
        level = pd.Series("kreis" if kind.group(2).upper() == "KRS" else "gemeinde", index=frame.index)
    elif "ADE" in frame.columns:
        level = pd.to_numeric(frame["ADE"], errors="coerce").map(ADE_LEVELS).fillna("other")
    else:
        level = ags.str.len().map({5: "kreis", 8: "gemeinde"}).fillna("other")
    # BKG pads Kreise to 8 digits (05766000) in some products
    ags = ags.where(~((level == "kreis") & (ags.str.len() == 8)), ags.str[:5])
    return ags, level


def _polygonal(geoms):
    """Keep only the polygon parts (make_valid may return collections with lines)."""

    def part(geom):
        if geom.geom_type == "GeometryCollection":
            polys = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
            return shapely.union_all(polys)
        return geom

    return [part(g) for g in geoms]


def _year_from_name(name: str) -> int | None:
    match = _YEAR.search(name)
    return int(match.group(1)) if match else None


# -- command line -------------------------------------------------------------------------------
def configure(parser: argparse.ArgumentParser) -> None:
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--file", type=Path, action="append", help="BKG-Datei (zip, shp, gpkg) oder GeoJSON; mehrfach möglich"
    )
    source.add_argument("--download", action="store_true", help=f"VG5000 vom BKG laden ({VG5000_URL})")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "raw" / "geo", help="Zielordner")
    parser.add_argument("--tolerance", type=float, default=100.0, help="Vereinfachung in Metern (0 = keine)")
    parser.add_argument("--germany", action="store_true", help="alle Kreise Deutschlands statt nur NRW")
    parser.add_argument("--year", type=int, help="Jahr für die Quellenangabe (Standard: aus dem Dateinamen)")
    parser.add_argument("--timeout", type=float, default=20.0, help="Sekunden für den Download")


def main(args: argparse.Namespace) -> int:
    try:
        if args.download:
            with tempfile.TemporaryDirectory() as tmp:
                path = _download(Path(tmp), args.timeout)
                gdf = load_boundaries(path, args.germany, args.year or date.today().year)
        else:
            frames = [load_boundaries(path, args.germany, args.year) for path in args.file]
            gdf = pd.concat(frames, ignore_index=True).drop_duplicates(["level", "ags"], ignore_index=True)
    except BoundaryError as exc:
        print(f"Fehler: {exc}")
        return 1
    out = write_geojson(simplify_for_web(gdf, args.tolerance), Path(args.out) / OUTPUT_NAME)
    counts = gdf["level"].value_counts()
    print(
        f"{out}: {counts.get('gemeinde', 0)} Gemeinden, {counts.get('kreis', 0)} Kreise, "
        f"{out.stat().st_size / 1024:.0f} KiB; {gdf['attribution'].iloc[0]}"
    )
    return 0


def _download(folder: Path, timeout: float) -> Path:
    target = folder / Path(VG5000_URL).name
    try:
        with requests.get(VG5000_URL, timeout=timeout, stream=True) as reply:
            reply.raise_for_status()
            with target.open("wb") as out:
                for chunk in reply.iter_content(1 << 20):
                    out.write(chunk)
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise BoundaryError(
            f"BKG-Server nicht erreichbar (offline?): {VG5000_URL} ({type(exc).__name__}). "
            "Datei auf einem Rechner mit Internet laden und mit --file angeben."
        ) from exc
    except requests.HTTPError as exc:
        raise BoundaryError(f"BKG-Download fehlgeschlagen: {exc}") from exc
    return target
