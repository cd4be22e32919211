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
    files = rows(
        built, "SELECT file_name, format, table_code, rows, encoding, stand FROM raw.files ORDER BY file_id"
    )
    assert files == [
        ("12411-01-01-4_1740000000000_de_flat.csv", "ffcsv5", "12411-01-01-4", 6, "utf-8-sig", None),
        ("12411-02-03-4.csv", "tabellen_csv", "12411-02-03-4", 108, "cp1252", "2025-12-18T12:13:08"),
        ("12411-09i.csv", "tabellen_csv", "12411-09i", 17 * 92, "cp1252", "2026-02-16T12:15:28"),
        ("21111-01-03-4.csv", "tabellen_csv", "21111-01-03-4", 144, "cp1252", "2025-03-13T16:39:14"),
        ("21111-02-06-4.csv", "tabellen_csv", "21111-02-06-4", 14, "cp1252", "2025-03-13T16:40:08"),
        ("21311-01-01-4.zip", "ffcsv5", "21311-01-01-4", 13, "utf-8-sig", None),
        ("LOCAL-AUSZUBILDENDE.csv", "template", "LOCAL-AUSZUBILDENDE", 6, "utf-8", "2025-03-01"),
        ("local_kita.csv", "template", "LOCAL-KITA", 9, "utf-8", "2025-03-01"),
    ]


def test_raw_tables_keep_parser_columns_and_file_id(built):
    assert rows(built, 'SELECT count(*), min(file_id), max(file_id) FROM raw."21111-01-03-4"') == [
        (144, 4, 4)
    ]
    # Lippe's Orientierungsstufe row (line 12): "x" in all six columns
    got = rows(
        built,
        'SELECT line, status, symbol, count(*) FROM raw."21111-01-03-4"'
        " WHERE ags = '05766' AND dim_1 = 'Schulartunabhängige Orientierungsstufe' GROUP BY ALL",
    )
    assert got == [(12, "not_applicable", "x", 6)]


def test_stage_maps_labels_and_codes_and_keeps_only_totals_of_unused_breakdowns(built):
    # Tabellen-CSV labels -> codes; the columns by sex, nationality and grade are not used (only totals)
    assert rows(
        built,
        'SELECT value_code, "BILSA8", "BILSA8_key", value FROM stage."21111-01-03-4"'
        " WHERE ags = '05711' AND \"BILSA8_key\" IN ('GS', 'total') ORDER BY 1, 3",
    ) == [
        ("BIL003", "SCHULE03", "GS", 10000.0),
        ("BIL003", "INSGESAMT", "total", 30400.0),
        ("BIL013", "SCHULE03", "GS", 25.0),
        ("BIL013", "INSGESAMT", "total", 76.0),
    ]
    # flat file: empty attribute code = total; women and Germans (GESINS, NAT01 unused) are left out
    assert rows(built, 'SELECT count(*), count(DISTINCT "HS-FG2") FROM stage."21311-01-01-4"') == [(10, 10)]
    assert rows(
        built, 'SELECT "GES", "GES_key" FROM stage."12411-01-01-4" WHERE ags = \'05766\' ORDER BY 2'
    ) == [("GESW", "f"), ("GESM", "m"), ("INSGESAMT", "total")]


def test_population_kreis_from_ffcsv_and_tabellen_and_gemeinden_from_ldb(built):
    by_source = dict(rows(built, "SELECT table_code, count(*) FROM core.population GROUP BY 1"))
    # all rows of every table (mart.population_bands chooses per band); the Kreis row of 12411-09i kept
    assert by_source == {"12411-01-01-4": 6, "12411-02-03-4": 108, "12411-09i": 17 * 92}
    total = "sex = 'total' AND age_from = 0 AND age_to IS NULL AND year = 2024"
    assert rows(
        built, f"SELECT table_code, value FROM core.population WHERE ags = '05766' AND {total} ORDER BY 1"
    ) == [("12411-01-01-4", 1820.0), ("12411-02-03-4", 1820.0), ("12411-09i", 1820.0)]
    assert rows(
        built, f"SELECT count(*), sum(value) FROM core.population WHERE ags LIKE '05766___' AND {total}"
    ) == [(16, 1820.0)]
    ages = rows(
        built,
        "SELECT age_from, age_to, value FROM core.population WHERE ags = '05766064'"
        " ORDER BY age_from, age_to NULLS LAST",
    )
    assert len(ages) == 92
    assert ages[:3] == [(0, 1, 5.0), (0, None, 455.0), (1, 2, 5.0)] and ages[-1] == (90, None, 5.0)
    assert rows(
        built,
        "SELECT age_from, age_to, value FROM core.population WHERE ags = '05766' AND sex = 'm'"
        " AND table_code = '12411-02-03-4' AND (age_from IN (0, 3, 65, 75))"
        " ORDER BY 1, 2 NULLS LAST",
    ) == [(0, 3, 30.0), (0, None, 905.0), (3, 6, 30.0), (65, 75, 100.0), (75, None, 155.0)]
    assert rows(
        built,
        "SELECT sex, value FROM core.population WHERE ags = '05711'"
        " AND table_code = '12411-01-01-4' ORDER BY 1",
    ) == [("f", 455.0), ("m", 455.0), ("total", 910.0)]


def test_suppressed_values_stay_null_and_zero_stays_zero(built):
    got = rows(
        built,
        "SELECT age_from, sex, value, status FROM core.population WHERE ags = '05711'"
        " AND age_to <= 6 ORDER BY 1, 2",
    )
    assert got == [
        (0, "f", None, "secret"),
        (0, "m", None, "secret"),
        (0, "total", None, "secret"),
        (3, "f", 0.0, "zero"),
        (3, "m", 0.0, "zero"),
        (3, "total", 0.0, "zero"),
    ]
    assert rows(
        built,
        "SELECT subject_group, value, status FROM core.students"
        " WHERE subject_group IN ('HS-FG02', 'HS-FG05') ORDER BY 1",
    ) == [("HS-FG02", None, "secret"), ("HS-FG05", 0.0, "zero")]


def test_school_and_training_codes_and_years(built):
    assert rows(
        built,
        "SELECT school_type, year, value, status FROM core.pupils WHERE ags = '05766'"
        " AND school_type IN ('GS', 'GY', 'OS', 'SK', 'VOR', 'total') ORDER BY 1",
    ) == [
        ("GS", 2023, 12000.0, "ok"),
        ("GY", 2023, 9000.0, "ok"),
        ("OS", 2023, None, "not_applicable"),
        ("SK", 2023, 3000.0, "ok"),
        ("VOR", 2023, 0.0, "zero"),
        ("total", 2023, 35005.0, "ok"),
    ]
    assert rows(built, "SELECT count(*) FROM core.pupils") == [(24,)]
    assert rows(
        built, "SELECT certificate, period, year, value, status FROM core.school_leavers ORDER BY 1"
    ) == [
        ("ahr", "2023", 2023, 1300.0, "ok"),
        ("esa", "2023", 2023, 500.0, "ok"),
        ("fhr", "2023", 2023, 0.0, "zero"),
        ("fhr_schulisch", "2023", 2023, 100.0, "ok"),
        ("msa", "2023", 2023, 1500.0, "ok"),
        ("ohne_esa", "2023", 2023, 200.0, "ok"),
        ("total", "2023", 2023, 3500.0, "ok"),
    ]
    assert rows(
        built,
        "SELECT area, measure, year, value FROM core.apprentices WHERE area IN ('HW', 'total') ORDER BY 1, 2",
    ) == [
        ("HW", "apprentices", 2024, 1500.0),
        ("HW", "new_contracts", 2024, 600.0),
        ("total", "apprentices", 2024, 4500.0),
        ("total", "new_contracts", 2024, 1800.0),
    ]
    assert rows(
        built,
        "SELECT period, year, subject_group, value FROM core.students"
        " WHERE subject_group IN ('HS-FG08', 'total') ORDER BY 3",
    ) == [("WS 2023/24", 2023, "HS-FG08", 2000.0), ("WS 2023/24", 2023, "total", 5000.0)]


def test_local_kita_template_per_jugendamt(built):
    got = rows(
        built, "SELECT year, age_band, measure, value FROM core.kita WHERE ags = 'JA05766020' ORDER BY 2, 3"
    )
    assert got == [
        (2025, "3to6", "children_in_care", 1150.0),
        (2025, "3to6", "places", 1200.0),
        (2025, "u3", "children_in_care", 380.0),
        (2025, "u3", "places", 400.0),
    ]
    assert rows(built, "SELECT age_band, value, status FROM core.kita WHERE measure = 'places_planned'") == [
        ("total", None, "secret")
    ]


def test_every_core_table_exists_and_absent_sources_give_empty_tables(built):
    tables = {
        r[0]
        for r in rows(built, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'core'")
    }
    assert tables == {*CORE_ORDER, "regions", "region_groups"}
    for name in (
        "vhs",
        "employees",
        "unemployment",
        "training_market",
        "allday",
        "vocational",
        "transitions",
        "population_projection",
    ):
        assert rows(built, f"SELECT count(*) FROM core.{name}") == [(0,)]
    columns = [
        r[0]
        for r in rows(
            built,
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = 'core' AND table_name = 'vhs'"
            " ORDER BY ordinal_position",
        )
    ]
    assert columns == ["ags", "period", "year", "measure", "value", "status", "table_code"]


def test_meta_build_sources_and_no_findings(built):
    meta = dict(rows(built, "SELECT key, value FROM meta.build"))
    assert meta["synthetic"] == "false"
    assert meta["rows_raw"] == "1864"
    assert meta["rows_core.population"] == str(6 + 108 + 17 * 92)
    assert meta["mart"] == "false"
    assert meta["build_id"].startswith("build-")
    assert meta["sources"] == (
        "12411-01-01-4_1740000000000_de_flat.csv, 12411-02-03-4.csv, 12411-09i.csv, 21111-01-03-4.csv,"
        " 21111-02-06-4.csv, 21311-01-01-4.zip, LOCAL-AUSZUBILDENDE.csv, local_kita.csv"
    )
    assert rows(built, "SELECT count(*) FROM meta.findings") == [(0,)]
    assert rows(built, "SELECT files, stand FROM meta.sources WHERE table_code = '21111-02-06-4'") == [
        ("21111-02-06-4.csv", "2025-03-13T16:40:08")
    ]
    assert rows(built, "SELECT files, stand FROM meta.sources WHERE table_code = 'LOCAL-AUSZUBILDENDE'") == [
        ("LOCAL-AUSZUBILDENDE.csv", "2025-03-01")
    ]
    assert rows(built, "SELECT files FROM meta.sources WHERE table_code = 'LOCAL-VHS'") == [(None,)]


def test_mart_step_runs_and_is_recorded(sources, tmp_path, monkeypatch):
    calls = []

    def build_mart(con):
        calls.append(con.execute("SELECT count(*) FROM core.pupils").fetchone()[0])
        con.execute("CREATE SCHEMA mart; CREATE TABLE mart.indicator_values AS SELECT 1 AS x")

    monkeypatch.setattr(build_module, "_mart_module", lambda: SimpleNamespace(build_mart=build_mart))
    build(sources, tmp_path / "wh", with_mart=True)
    assert calls == [24]
    con = duckdb.connect(str(current_path(tmp_path / "wh")), read_only=True)
    assert con.execute("SELECT value FROM meta.build WHERE key = 'mart'").fetchall() == [("true",)]
    assert con.execute("SELECT count(*) FROM mart.indicator_values").fetchall() == [(1,)]
    con.close()
