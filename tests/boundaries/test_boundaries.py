"""Boundary loader: formats, keys, CRS, GF filter, orientation, simplification, attribution."""

import argparse
import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from etl import boundaries as b
from tests.boundaries.conftest import SHARED_POINTS, X0, X1, Y0, Y1, gemeinden, kreise

SAMPLES = Path(__file__).resolve().parents[2] / ".." / "shared" / "samples" / "geo"


def exteriors(gdf: gpd.GeoDataFrame) -> list:
    return [p.exterior for g in gdf.geometry for p in getattr(g, "geoms", [g])]


def test_fixture_rings_start_counter_clockwise():
    assert shapely.is_ccw(gemeinden().geometry.iloc[0].exterior)  # the case plotly cannot draw


def test_zipped_shapefiles_give_gemeinden_and_kreise_of_the_home_land(shape_zip):
    gdf = b.load_boundaries(shape_zip)
    assert gdf.crs.to_epsg() == 4326
    assert list(zip(gdf["level"], gdf["ags"], gdf["name"], strict=True)) == [
        ("gemeinde", "05711000", "Bielefeld"),
        ("gemeinde", "05766008", "Bad Salzuflen"),
        ("gemeinde", "05766020", "Detmold"),
        ("kreis", "05711", "Bielefeld"),
        ("kreis", "05766", "Lippe"),
    ]
    assert set(gdf["year"]) == {2024}
    assert set(gdf["attribution"]) == {"© GeoBasis-DE / BKG 2024 (Daten verändert)"}
    assert set(gdf["source"]) == {f"BKG VG250 ({shape_zip.name})"}
    # the GF 2 (water) part of Detmold is dropped: 20 km x 40 km remain, not 25 km x 40 km
    areas = gdf.to_crs(25832).set_index("ags").area
    assert areas["05766020"] == pytest.approx(20_000 * 40_000, rel=1e-3)


def test_germany_keeps_kreise_outside_nrw(shape_zip):
    gdf = b.load_boundaries(shape_zip, germany=True)
    assert sorted(gdf.loc[gdf["level"] == "kreis", "ags"]) == ["03255", "05711", "05766"]
    assert sorted(gdf.loc[gdf["level"] == "gemeinde", "ags"]) == ["05711000", "05766008", "05766020"]


def test_geopackage_layers_and_year_option(geopackage):
    gdf = b.load_boundaries(geopackage, year=2023)
    assert sorted(gdf["ags"]) == ["05711", "05711000", "05766", "05766008", "05766020"]
    assert set(gdf["attribution"]) == {"© GeoBasis-DE / BKG 2023 (Daten verändert)"}


def test_single_shapefile_with_ars_only_and_padded_kreis(tmp_path):
    gem = gemeinden().drop(columns="AGS")
    gem.to_file(tmp_path / "VG5000_GEM.shp", engine="pyogrio")
    krs = kreise().assign(AGS=["05766000", "05711000", "03255000"])
    krs.to_file(tmp_path / "VG5000_KRS.shp", engine="pyogrio")
    gdf = b.load_boundaries(tmp_path / "VG5000_GEM.shp", year=2021)
    assert sorted(gdf["ags"]) == ["05711000", "05766008", "05766020"]  # AGS = ARS[:5] + ARS[9:]
    assert set(gdf["source"]) == {"BKG VG5000 (VG5000_GEM.shp)"}
    assert sorted(b.load_boundaries(tmp_path / "VG5000_KRS.shp")["ags"]) == ["05711", "05766"]


def test_geojson_levels_from_key_length(tmp_path):
    path = tmp_path / "mixed.geojson"
    both = gpd.pd.concat([gemeinden(), kreise()], ignore_index=True).to_crs(4326)
    both.to_file(path, driver="GeoJSON", engine="pyogrio")
    gdf = b.load_boundaries(path, year=2025)
    assert dict(zip(gdf["ags"], gdf["level"], strict=True)) == {
        "05711000": "gemeinde",
        "05766008": "gemeinde",
        "05766020": "gemeinde",
        "05711": "kreis",
        "05766": "kreis",
    }


def test_simplify_orients_clockwise_and_keeps_shared_border(shape_zip):
    gdf = b.load_boundaries(shape_zip)
    raw_vertices = shapely.get_num_coordinates(gdf.geometry.values).sum()
    web = b.simplify_for_web(gdf, tolerance=100)
    assert web.crs.to_epsg() == 4326
    assert all(web.is_valid)
    assert not any(shapely.is_ccw(ring) for ring in exteriors(web))
    assert raw_vertices > 2 * SHARED_POINTS
    assert shapely.get_num_coordinates(web.geometry.values).sum() < 100
    metric = web.to_crs(25832).set_index("ags").geometry
    # the two Gemeinden still tile the Kreis: no gap, no overlap (beyond grid rounding)
    assert metric["05766008"].intersection(metric["05766020"]).area < 1_000
    assert metric["05766008"].union(metric["05766020"]).area == pytest.approx((X1 - X0) * (Y1 - Y0), rel=1e-3)
    unsimplified = b.simplify_for_web(gdf, tolerance=0)
    assert shapely.get_num_coordinates(unsimplified.geometry.values).sum() > 2 * SHARED_POINTS


def test_write_read_back_and_warehouse_rows(shape_zip, tmp_path):
    web = b.simplify_for_web(b.load_boundaries(shape_zip), tolerance=100)
    path = b.write_geojson(web, tmp_path / "out" / "boundaries.geojson")
    data = json.loads(path.read_text(encoding="utf-8"))
    first = next(f for f in data["features"] if f["properties"]["ags"] == "05766008")
    assert first["properties"] == {
        "ags": "05766008",
        "name": "Bad Salzuflen",
        "level": "gemeinde",
        "source": f"BKG VG250 ({shape_zip.name})",
        "year": 2024,
        "attribution": "© GeoBasis-DE / BKG 2024 (Daten verändert)",
    }
    assert not shapely.is_ccw(shapely.geometry.shape(first["geometry"]).exterior)
    again = b.load_boundaries(path)
    assert list(again["ags"]) == list(web["ags"])
    assert set(again["source"]) == {f"BKG VG250 ({shape_zip.name})"} and set(again["year"]) == {2024}
    rows = b.to_warehouse_rows(again)
    assert list(rows.columns) == ["ags", "level", "name", "geometry_geojson", "attribution"]
    assert rows.loc[rows["ags"] == "05766", "name"].item() == "Lippe"
    geometry = shapely.geometry.shape(json.loads(rows["geometry_geojson"].iloc[0]))
    assert geometry.geom_type == "Polygon" and not shapely.is_ccw(geometry.exterior)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("kein zip"), "keine gültige ZIP-Datei"),
        (lambda p: None, "Datei fehlt"),
    ],
)
def test_bad_input_is_named(tmp_path, make, message):
    path = tmp_path / "vg250.zip"
    make(path)
    with pytest.raises(b.BoundaryError, match=message) as error:
        b.load_boundaries(path)
    assert str(path) in str(error.value)


def test_missing_crs_and_bad_key_are_reported(tmp_path):
    gem = gemeinden()
    gem.to_file(tmp_path / "VG250_GEM.shp", engine="pyogrio")
    (tmp_path / "VG250_GEM.prj").unlink()
    with pytest.raises(b.BoundaryError, match="VG250_GEM.shp, Ebene VG250_GEM: kein Koordinatensystem"):
        b.load_boundaries(tmp_path / "VG250_GEM.shp")
    gem.assign(AGS=["5766020", "05766008", "05766020", "05711000"]).to_file(
        tmp_path / "x.gpkg", engine="pyogrio"
    )
    with pytest.raises(b.BoundaryError, match=r"Objekt 0: ungültiger Schlüssel '5766020'"):
        b.load_boundaries(tmp_path / "x.gpkg")


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    b.configure(parser)
    return b.main(parser.parse_args(list(argv)))


def test_cli_writes_boundaries_geojson(shape_zip, tmp_path, capsys):
    assert _run("--file", str(shape_zip), "--out", str(tmp_path / "geo"), "--tolerance", "50") == 0
    output = capsys.readouterr().out
    assert "3 Gemeinden, 2 Kreise" in output and "© GeoBasis-DE / BKG 2024 (Daten verändert)" in output
    features = json.loads((tmp_path / "geo" / "boundaries.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["ags"] for f in features] == [
        "05711000", "05766008", "05766020", "05711", "05766"]


def test_cli_combines_several_files(shape_zip, geopackage, tmp_path, capsys):
    assert _run("--file", str(shape_zip), "--file", str(geopackage), "--out", str(tmp_path), "--germany") == 0
    assert "3 Gemeinden, 3 Kreise" in capsys.readouterr().out


def test_cli_download_says_when_offline(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(b, "VG5000_URL", "http://127.0.0.1:9/vg5000_01-01.utm32s.shape.ebenen.zip")
    assert _run("--download", "--out", str(tmp_path), "--timeout", "2") == 1
    assert "BKG-Server nicht erreichbar (offline?)" in capsys.readouterr().out
    assert not (tmp_path / "boundaries.geojson").exists()


@pytest.mark.samples
@pytest.mark.parametrize(
    ("name", "germany", "gemeinden", "kreise"),
    [
        ("lippe_gemeinden_vg5000_2021.geojson", False, 16, 0),
        ("lippe_gemeinden_vg250-2013_simplify200.geojson", False, 16, 0),
        ("nrw_gemeinden_vg5000_2021.geojson", False, 396, 0),
        ("nrw_kreise_vg5000_2021.geojson", False, 0, 53),
        ("de_kreise_vg5000_2021.geojson", False, 0, 53),
        ("de_kreise_vg5000_2021.geojson", True, 0, 401),
    ],
)
def test_real_bkg_extracts(name, germany, gemeinden, kreise):
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip("../shared/samples/geo is not present")
    gdf = b.load_boundaries(path, germany=germany)
    counts = gdf["level"].value_counts()
    assert (counts.get("gemeinde", 0), counts.get("kreis", 0)) == (gemeinden, kreise)
    if gemeinden:
        assert "05766004" in set(gdf["ags"]) and set(gdf["ags"].str.len()) == {8}
        assert gdf.set_index("ags").loc["05766020", "name"] == "Detmold"
    if kreise and not germany:
        assert "05766" in set(gdf["ags"]) and set(gdf["ags"].str.len()) == {5}
    web = b.simplify_for_web(gdf, tolerance=100)
    assert all(web.is_valid) and not any(shapely.is_ccw(ring) for ring in exteriors(web))
    year = 2013 if "2013" in name else 2021
    assert set(web["attribution"]) == {f"© GeoBasis-DE / BKG {year} (Daten verändert)"}
