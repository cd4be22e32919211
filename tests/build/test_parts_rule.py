"""Parts vs total for age bands: only a complete tiling of the ages is compared with the total."""

import duckdb
import pytest

from etl.validate import check_parts


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core; CREATE SCHEMA raw")
    con.execute("CREATE TABLE raw.files (file_name TEXT, table_code TEXT)")
    con.execute(
        "CREATE TABLE core.population (ags TEXT, period TEXT, year INTEGER, sex TEXT, age_from INTEGER,"
        " age_to INTEGER, value DOUBLE, status TEXT, table_code TEXT, stand TEXT)"
    )
    return con


def _rows(con, bands):
    rows = [("05766", "2023-12-31", 2023, "total", a, b, v, "ok", "12411-02-03-4", None) for a, b, v in bands]
    con.executemany("INSERT INTO core.population VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def test_complete_bands_that_miss_the_total_are_reported(con):
    _rows(con, [(0, None, 1000.0), (0, 3, 100.0), (3, 75, 700.0), (75, None, 150.0)])
    [finding] = check_parts(con, "population", "age_from", None, "sex = 'total'")
    assert "950 ≠ Insgesamt 1000" in finding.message


def test_a_download_of_a_few_age_groups_is_not_compared(con):
    _rows(
        con, [(0, None, 347613.0), (6, 10, 14315.0), (10, 15, 17218.0), (15, 18, 10921.0), (18, 20, 7101.0)]
    )
    assert check_parts(con, "population", "age_from", None, "sex = 'total'") == []
