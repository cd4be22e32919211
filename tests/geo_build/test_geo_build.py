"""Boundaries in the warehouse: a build with a boundaries file fills geo.boundaries (with the BKG
attribution) and monitor.maps draws a real choropleth from it; without the file the build works and
the maps stay schematic."""

import duckdb
import plotly.graph_objects as go
import pytest

from etl import build, sources
from etl.warehouse import current_path
from monitor import db, maps
from monitor.queries import meta
from tests.conftest import run_etl
from tests.geo_build.fixtures import ATTRIBUTION, SHAPES, write_boundaries
from tests.upload.fixtures import write_unemployment


def _rate_map(level: str = "kreis") -> go.Figure:
    data = db.query("SELECT v.ags, r.name, v.value, v.status FROM mart.indicator_values v "
                    "JOIN core.regions r USING (ags) "
                    "WHERE indicator_id = 'unemployment_rate' AND year = 2024 AND r.level = ?", (level,))
    return maps.indicator_map(data, level=level, title="Arbeitslosenquote", unit="Prozent",
                              source="Quelle: Test")


def _source_text(fig: go.Figure) -> str:
    return " ".join(str(a.text) for a in fig.layout.annotations)


def test_load_geo_reads_the_file_with_attribution(tmp_path):
    con = duckdb.connect()
    assert sources.load_geo(con, write_boundaries(tmp_path / "b.geojson")) == []
    rows = con.execute("SELECT ags, level, name, attribution FROM geo.boundaries ORDER BY ags").fetchall()
    assert rows == sorted((ags, level, name, ATTRIBUTION) for ags, (name, level, *_) in SHAPES.items())


def test_unreadable_boundaries_file_is_an_error_finding(tmp_path):
    broken = tmp_path / "boundaries.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": []}')
    found = sources.load_geo(duckdb.connect(), broken)
    assert [(f.severity, f.rule, f.file_name) for f in found] == [("error", "geo", "boundaries.geojson")]


@pytest.fixture(scope="module")
def geo_warehouse(tmp_path_factory):
    """A small build: one real table and <source-dir>/geo/boundaries.geojson."""
    root = tmp_path_factory.mktemp("geo_build")
    write_unemployment(root / "src")
    write_boundaries(root / "src" / "geo" / "boundaries.geojson")
    build.run_build([root / "src"], root / "warehouse")
    return root / "warehouse"


def test_build_fills_geo_boundaries(geo_warehouse):
    con = duckdb.connect(str(current_path(geo_warehouse)), read_only=True)
    try:
        counts = dict(con.execute("SELECT level, count(*) FROM geo.boundaries GROUP BY level").fetchall())
        attribution = con.execute("SELECT DISTINCT attribution FROM geo.boundaries").fetchall()
    finally:
        con.close()
    assert counts == {"kreis": 3, "gemeinde": 2} and attribution == [(ATTRIBUTION,)]


def test_maps_draw_the_loaded_boundaries(geo_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(geo_warehouse))
    fig = _rate_map()
    kinds = [type(t).__name__ for t in fig.data]
    assert kinds[0] == "Choroplethmap" and "Scatter" not in kinds
    assert list(fig.data[0].locations) == ["05766"] and list(fig.data[0].z) == [7.1]
    assert len(fig.data[0].geojson["features"]) == 3
    assert ATTRIBUTION in _source_text(fig)


def test_build_without_boundaries_keeps_the_schematic_map(demo_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(demo_warehouse))
    assert not meta.table_exists("geo", "boundaries")
    assert "schematische Kachelkarte" in _rate_map().layout.title.text


@pytest.mark.samples
def test_boundaries_from_the_bkg_samples(samples_dir, tmp_path, monkeypatch):
    geo = samples_dir / "geo"
    out = tmp_path / "src" / "geo"
    run_etl("boundaries", "--file", str(geo / "de_kreise_vg5000_2021.geojson"),
            "--file", str(geo / "lippe_gemeinden_vg5000_2021.geojson"), "--out", str(out))
    write_unemployment(tmp_path / "src")
    run_etl("build", "--source-dir", str(tmp_path / "src"), "--warehouse-dir", str(tmp_path / "wh"),
            "--boundaries", str(out / "boundaries.geojson"), "--skip-mart")
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path / "wh"))
    shapes = db.query("SELECT level, count(*) AS n, min(attribution) AS a FROM geo.boundaries GROUP BY level "
                      "ORDER BY level")
    assert shapes["n"].tolist() == [16, 53]  # gemeinde (Lippe), kreis (NRW)
    assert shapes["a"].tolist() == ["© GeoBasis-DE / BKG 2021 (Daten verändert)"] * 2
    data = db.query("SELECT ags, name, 1.0 AS value, 'ok' AS status FROM core.regions "
                    "WHERE level = 'gemeinde'")
    fig = maps.indicator_map(data, level="gemeinde", title="Test", unit="Anzahl", source="Quelle: Test")
    assert type(fig.data[0]).__name__ == "Choroplethmap" and len(fig.data[0].locations) == 16
