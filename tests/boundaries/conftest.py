"""Small generated boundary fixtures in UTM32 (EPSG:25832), shaped like BKG VG250 layers."""

import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Polygon, box

X0, X1, Y0, Y1 = 480_000.0, 520_000.0, 5_740_000.0, 5_780_000.0  # "Lippe", 40 km square
SHARED_POINTS = 401  # vertices of the zigzag border between the two Lippe Gemeinden


def zigzag() -> list[tuple[float, float]]:
    """A north-south border at x = 500 km with a 10 m zigzag: simplification removes it."""
    ys = np.linspace(Y0, Y1, SHARED_POINTS)
    return [(500_000.0 + (10.0 if i % 2 else 0.0), y) for i, y in enumerate(ys)]


def gemeinden() -> gpd.GeoDataFrame:
    line = zigzag()
    west = Polygon([(X0, Y0), *line, (X0, Y1)])  # counter-clockwise? checked in the tests
    east = Polygon([*line, (X1, Y1), (X1, Y0)][::-1])
    rows = [
        {"AGS": "05766020", "ARS": "057660020020", "GEN": "Detmold", "GF": 4, "geometry": west},
        {"AGS": "05766008", "ARS": "057660008008", "GEN": "Bad Salzuflen", "GF": 4, "geometry": east},
        # water part of Detmold (GF 2): must be dropped
        {
            "AGS": "05766020",
            "ARS": "057660020020",
            "GEN": "Detmold",
            "GF": 2,
            "geometry": box(X0 - 5_000, Y0, X0, Y1),
        },
        {
            "AGS": "05711000",
            "ARS": "057110000000",
            "GEN": "Bielefeld",
            "GF": 4,
            "geometry": box(X0 - 20_000, Y0, X0, Y1),
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:25832")


def kreise() -> gpd.GeoDataFrame:
    rows = [
        {"AGS": "05766", "ARS": "05766", "GEN": "Lippe", "GF": 4, "geometry": box(X0, Y0, X1, Y1)},
        {
            "AGS": "05711",
            "ARS": "05711",
            "GEN": "Bielefeld",
            "GF": 4,
            "geometry": box(X0 - 20_000, Y0, X0, Y1),
        },
        {
            "AGS": "03255",
            "ARS": "03255",
            "GEN": "Holzminden",
            "GF": 4,
            "geometry": box(X1, Y0, X1 + 30_000, Y1),
        },
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:25832")


@pytest.fixture
def shape_zip(tmp_path) -> Path:
    """A BKG-like zipped Shapefile set (VG250_GEM, VG250_KRS) in a sub-folder."""
    folder = tmp_path / "shapes"
    folder.mkdir()
    gemeinden().to_file(folder / "VG250_GEM.shp", engine="pyogrio")
    kreise().to_file(folder / "VG250_KRS.shp", engine="pyogrio")
    target = tmp_path / "vg250_2024.utm32s.shape.ebenen.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"vg250_ebenen_0101/{path.name}")
    return target


@pytest.fixture
def geopackage(tmp_path) -> Path:
    target = tmp_path / "vg250.gpkg"
    gemeinden().to_file(target, layer="vg250_gem", driver="GPKG", engine="pyogrio")
    kreise().to_file(target, layer="vg250_krs", driver="GPKG", engine="pyogrio")
    gemeinden().to_file(target, layer="vg250_sta", driver="GPKG", engine="pyogrio")  # ignored layer
    return target
