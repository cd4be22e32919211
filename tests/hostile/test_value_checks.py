"""etl.value_checks on hand-made core tables (independent of the core SQL)."""

from __future__ import annotations

import duckdb
import pytest

from etl.value_checks import check_core_duplicates, check_missing_keys, check_ranges, check_subset


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA raw; CREATE SCHEMA core")
    con.execute("CREATE TABLE raw.files AS SELECT 1 AS file_id, 'k.csv' AS file_name, 'K-1' AS table_code")
    con.execute("CREATE TABLE core.kita (ags TEXT, period TEXT, year INTEGER, age_band TEXT, measure TEXT,"
                " value DOUBLE, status TEXT, table_code TEXT)")
    yield con
    con.close()


def _rows(con, *rows):
    con.executemany("INSERT INTO core.kita VALUES (?, '2025-03-01', 2025, ?, ?, ?, 'ok', 'K-1')", rows)


def test_three_rows_per_core_key_are_one_error_naming_the_key(con):
    _rows(con, ("05766", "total", "places", 9000), ("05766", "total", "places", 2500),
          ("05766", "total", "places", 9000), ("05711", "total", "places", 100))
    (finding,) = check_core_duplicates(con, "kita")
    assert (finding.severity, finding.rule, finding.file_name) == ("error", "duplicate_core_key", "k.csv")
    assert "3 Zeilen" in finding.message and "ags=05766" in finding.message
    assert "measure=places" in finding.message


def test_duplicates_with_a_null_key_name_every_table_code(con):
    con.execute("INSERT INTO raw.files VALUES (2, 'l.csv', 'K-2')")
    con.executemany("INSERT INTO core.kita VALUES (?, '2025-03-01', 2025, NULL, 'places', ?, 'ok', ?)",
                    [("05766", 1, "K-2"), ("05766", 2, "K-1"), ("05711", 3, "K-1")])
    (finding,) = check_core_duplicates(con, "kita")
    assert finding.table_code == "K-1, K-2" and finding.file_name == "k.csv, l.csv"
    assert "2 Zeilen" in finding.message and "age_band=None" in finding.message


def test_parts_above_total_are_an_error_and_parts_below_are_not(con):
    _rows(con, ("05766", "u3", "places", 900), ("05766", "3to6", "places", 1200),
          ("05766", "total", "places", 2000), ("05711", "u3", "places", 10),
          ("05711", "3to6", "places", 20), ("05711", "total", "places", 50))
    found = check_subset(con, "kita", "age_band IN ('u3', '3to6')", "age_band = 'total'",
                         ("ags", "year", "measure"), "Altersgruppen")
    assert [f.message for f in found] == ["core.kita 05766 2025 places: Altersgruppen: Summe der Teile 2100"
                                          " > Insgesamt 2000"]


def test_negative_values_and_shares_above_100_are_errors(con):
    _rows(con, ("05766", "u3", "rate", 101.5), ("05766", "u3", "fullday_share", 100),
          ("05711", "u3", "places", -1))
    messages = [f.message for f in check_ranges(con)]
    assert messages == ["core.kita 05711 2025: negativer Wert -1 ist unmöglich",
                        "core.kita 05766 2025: rate 101,5 % liegt über 100 %"]


def test_rows_without_region_key_are_named_as_such(con):
    _rows(con, (None, "u3", "places", 1))
    (finding,) = check_missing_keys(con, "kita")
    assert finding.rule == "missing_key" and "ohne Regionalschlüssel" in finding.message
