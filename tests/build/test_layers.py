"""raw, core and meta layers of a build of the small fixture files."""

from types import SimpleNamespace

import duckdb

from etl import build as build_module
from etl.build import CORE_ORDER
from etl.warehouse import current_path
from tests.build.conftest import build


def rows(con, sql, params=None):
    return con.execute(sql, params or []).fetchall()


def test_raw_files_record_provenance(built):
    files = rows(built, "SELECT file_name, format, table_code, rows, encoding FROM raw.files"
                        " ORDER BY file_id")
    assert files == [
        ("12411-02-03-4_flat.csv", "ffcsv5", "12411-02-03-4", 14, "utf-8-sig"),
        ("12411-09i.csv", "tabellen_csv", "12411-09i", 68, "cp1252"),
        ("21111-01i.csv", "tabellen_csv", "21111-01i", 12, "cp1252"),
        ("21211-01i.csv", "tabellen_csv", "21211-01i", 6, "cp1252"),
        ("21311-01-01-4.zip", "ffcsv5", "21311-01-01-4", 3, "utf-8-sig"),
        ("local_kita.csv", "template", "LOCAL-KITA", 9, "utf-8"),
    ]
    assert rows(built, "SELECT stand FROM raw.files WHERE table_code = 'LOCAL-KITA'") == [("2025-03-01",)]


def test_raw_tables_keep_parser_columns_and_file_id(built):
    assert rows(built, 'SELECT count(*), min(file_id), max(file_id) FROM raw."21111-01i"') == [(12, 3, 3)]
    line, status, symbol = rows(built, 'SELECT line, status, symbol FROM raw."21111-01i"'
                                       " WHERE ags = '05766020' AND value IS NULL")[0]
    assert (line, status, symbol) == (7, "not_applicable", "x")


def test_population_kreis_from_ffcsv_and_gemeinden_from_tabellen(built):
    by_source = dict(rows(built, "SELECT table_code, count(*) FROM core.population GROUP BY 1"))
    assert by_source == {"12411-02-03-4": 14, "12411-09i": 64}  # Kreis row of 12411-09i not duplicated
    total = "sex = 'total' AND age_from = 0 AND age_to IS NULL AND year = 2024"
    assert rows(built, f"SELECT value FROM core.population WHERE ags = '05766' AND {total}") == [(1000.0,)]
    assert rows(built, f"SELECT sum(value) FROM core.population WHERE ags LIKE '05766___' AND {total}") == [
        (1000.0,)]
    ages = rows(built, "SELECT age_from, age_to, value FROM core.population WHERE ags = '05766064'"
                       " ORDER BY age_from, age_to NULLS LAST")
    assert ages == [(0, 1, 1.0), (0, None, 100.0), (1, 90, 98.0), (90, None, 1.0)]
    assert rows(built, "SELECT age_from, age_to, value FROM core.population WHERE ags = '05766' AND sex = 'm'"
                       " ORDER BY 1, 2 NULLS LAST") == [(0, 3, 50.0), (0, None, 500.0), (3, 6, 100.0),
                                                        (75, None, 350.0)]


def test_suppressed_values_stay_null_and_zero_stays_zero(built):
    got = rows(built, "SELECT age_from, value, status FROM core.population WHERE ags = '05711' ORDER BY 1")
    assert got == [(0, None, "secret"), (3, 0.0, "zero")]


def test_school_and_training_codes_and_years(built):
    assert rows(built, "SELECT school_type, year, value, status FROM core.pupils WHERE ags = '05766020'"
                       " ORDER BY 1") == [("FOE", 2024, None, "not_applicable"), ("GS", 2024, 2500.0, "ok"),
                                          ("GY", 2024, 2000.0, "ok"), ("total", 2024, 4500.0, "ok")]
    assert rows(built, "SELECT area, measure, value FROM core.apprentices WHERE area IN ('HW', 'total')"
                       " ORDER BY 1, 2") == [
        ("HW", "apprentices", 1500.0), ("HW", "new_contracts", 600.0),
        ("total", "apprentices", 4500.0), ("total", "new_contracts", 1800.0)]
    assert rows(built, "SELECT period, year, subject_group, value FROM core.students ORDER BY 3") == [
        ("WS 2023/24", 2023, "HS-FG08", 2000.0), ("WS 2023/24", 2023, "total", 5000.0)]


def test_local_kita_template_per_jugendamt(built):
    got = rows(built, "SELECT year, age_band, measure, value FROM core.kita WHERE ags = 'JA05766020'"
                      " ORDER BY 2, 3")
    assert got == [(2025, "3to6", "children_in_care", 1150.0), (2025, "3to6", "places", 1200.0),
                   (2025, "u3", "children_in_care", 380.0), (2025, "u3", "places", 400.0)]
    assert rows(built, "SELECT age_band, value, status FROM core.kita WHERE measure = 'places_planned'") == [
        ("total", None, "secret")]


def test_every_core_table_exists_and_absent_sources_give_empty_tables(built):
    tables = {r[0] for r in rows(built, "SELECT table_name FROM information_schema.tables"
                                        " WHERE table_schema = 'core'")}
    assert tables == {*CORE_ORDER, "regions", "region_groups"}
    for name in ("vhs", "employees", "unemployment", "training_market", "allday", "vocational"):
        assert rows(built, f"SELECT count(*) FROM core.{name}") == [(0,)]
    columns = [r[0] for r in rows(built, "SELECT column_name FROM information_schema.columns"
                                         " WHERE table_schema = 'core' AND table_name = 'vhs'"
                                         " ORDER BY ordinal_position")]
    assert columns == ["ags", "period", "year", "measure", "value", "status", "table_code"]


def test_meta_build_sources_and_no_findings(built):
    meta = dict(rows(built, "SELECT key, value FROM meta.build"))
    assert meta["synthetic"] == "false"
    assert meta["rows_raw"] == "112"
    assert meta["rows_core.population"] == "78"
    assert meta["mart"] == "false"
    assert meta["build_id"].startswith("build-")
    assert rows(built, "SELECT count(*) FROM meta.findings") == [(0,)]
    assert rows(built, "SELECT files, stand FROM meta.sources WHERE table_code = '21211-01i'") == [
        ("21211-01i.csv", "2026-02-16T12:15:28")]
    assert rows(built, "SELECT files FROM meta.sources WHERE table_code = 'LOCAL-VHS'") == [(None,)]


def test_mart_step_runs_and_is_recorded(sources, tmp_path, monkeypatch):
    calls = []

    def build_mart(con):
        calls.append(con.execute("SELECT count(*) FROM core.pupils").fetchone()[0])
        con.execute("CREATE SCHEMA mart; CREATE TABLE mart.indicator_values AS SELECT 1 AS x")

    monkeypatch.setattr(build_module, "_mart_module", lambda: SimpleNamespace(build_mart=build_mart))
    build(sources, tmp_path / "wh", with_mart=True)
    assert calls == [12]
    con = duckdb.connect(str(current_path(tmp_path / "wh")), read_only=True)
    assert con.execute("SELECT value FROM meta.build WHERE key = 'mart'").fetchall() == [("true",)]
    assert con.execute("SELECT count(*) FROM mart.indicator_values").fetchall() == [(1,)]
    con.close()
