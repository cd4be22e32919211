"""Flat files carry no Stand: the build takes it from the folder's manifest (fetch or demo)."""

import json

import duckdb
import pytest

from etl import warehouse
from etl.build import BuildFailed, run_build
from etl.load import manifest_stands
from tests.build.fixtures import population_sex


def test_fetch_manifest_updated_becomes_iso_stand(tmp_path):
    body = {"tables": {"12411-01-01-4": {"file": "12411-01-01-4.zip", "stand": None,
                                          "updated": "31.03.2025 11:18:07h"}}}
    (tmp_path / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    assert manifest_stands(tmp_path) == {"12411-01-01-4.zip": "2025-03-31T11:18:07"}


def test_demo_manifest_stand_applies_to_every_listed_file(tmp_path):
    body = {"stand": "2026-02-08T02:47:05+00:00", "files": [{"file": "a.zip"}, {"file": "b.csv"}]}
    (tmp_path / "manifest.json").write_text(json.dumps(body), encoding="utf-8")
    assert manifest_stands(tmp_path) == {"a.zip": "2026-02-08T02:47:05", "b.csv": "2026-02-08T02:47:05"}


def test_no_manifest_means_no_stand(tmp_path):
    assert manifest_stands(tmp_path) == {}


def test_broken_manifest_is_an_error_naming_the_file(tmp_path):
    (tmp_path / "manifest.json").write_text("{kaputt", encoding="utf-8")
    with pytest.raises(ValueError, match="manifest.json"):
        manifest_stands(tmp_path)


def test_demo_build_records_the_stand_of_flat_files(demo_warehouse):
    path = warehouse.current_path(demo_warehouse)
    with duckdb.connect(str(path), read_only=True) as con:
        rows = dict(con.execute("SELECT format, max(stand) FROM raw.files GROUP BY format").fetchall())
    assert rows["ffcsv5"] == rows["tabellen_csv"]
    assert rows["ffcsv5"] is not None


def test_broken_manifest_stops_the_build_and_keeps_current(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    population_sex(sources)  # a flat file: its Stand would come from the manifest
    (sources / "manifest.json").write_text("{kaputt", encoding="utf-8")
    with pytest.raises(BuildFailed, match=r"\[parse\] manifest.json: .*kein gültiges JSON"):
        run_build(sources, tmp_path / "wh", with_mart=False)
    assert warehouse.current_path(tmp_path / "wh") is None
