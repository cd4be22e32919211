"""Choice of the source rows of mart.population_bands (etl/mart.py _bands_sql) on hand-made rows."""

import duckdb
import pytest

from etl.mart import SQL_DIR, _build_bands, _build_table_provenance, _run

SINGLE, GROUPS, TOTALS = "12411-04-02-4", "12411-02-03-4", "12411-01-01-4"


@pytest.fixture
def con():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA core; CREATE SCHEMA mart")
    con.execute((SQL_DIR / "status.sql").read_text(encoding="utf-8"))
    _run(con, "macros.sql")
    _build_table_provenance(con)
    con.execute("""CREATE TABLE core.region_groups (group_key TEXT, member_ags TEXT, group_type TEXT,
        valid_from DATE, valid_to DATE, share DOUBLE)""")
    con.execute("""CREATE TABLE core.population (ags TEXT, period TEXT, year INTEGER, sex TEXT,
        age_from INTEGER, age_to INTEGER, value DOUBLE, status TEXT, table_code TEXT, stand TEXT)""")
    con.execute("""CREATE TABLE core.population_projection (ags TEXT, base_year INTEGER, period TEXT,
        year INTEGER, age_from INTEGER, age_to INTEGER, value DOUBLE, status TEXT, table_code TEXT,
        stand TEXT)""")
    return con


def _rows(con, rows):
    """rows: (ags, age_from, age_to, value, status, table_code, stand); year 2024, sex total."""
    con.executemany("INSERT INTO core.population VALUES (?, '2024-12-31', 2024, 'total', ?, ?, ?, ?, ?, ?)",
                    rows)


def _bands(con, ags):
    _build_bands(con)
    rows = con.execute("SELECT band, value, status FROM mart.population_bands WHERE ags = ? AND year = 2024",
                       [ags]).fetchall()
    return {band: (value, status) for band, value, status in rows}


def test_exact_row_before_parts_of_the_same_table_and_its_status_kept(con):
    # a total row (status final, normalised only when parts are summed) beside complete single years
    _rows(con, [("A", 0, None, 1000, "final", SINGLE, "2025-01")]
          + [("A", age, age + 1, 10, "zero" if age == 0 else "ok", SINGLE, "2025-01") for age in range(90)]
          + [("A", 90, None, 50, "estimated", SINGLE, "2025-01")])
    bands = _bands(con, "A")
    assert bands["total"] == (1000, "final")
    assert bands["u3"] == (30, "ok")
    assert bands["65plus"] == (25 * 10 + 50, "estimated")
    assert bands["20to65"] == (450, "ok")


def test_newest_stand_wins_then_first_code_and_null_stand_last(con):
    _rows(con, [("A", 0, 3, 30, "ok", SINGLE, "2024-06"), ("A", 0, 3, 31, "ok", GROUPS, "2025-01"),
                ("A", 0, 3, 32, "ok", TOTALS, None),
                ("B", 0, 3, 40, "ok", SINGLE, "2025-01"), ("B", 0, 3, 41, "ok", GROUPS, "2025-01"),
                ("C", 0, 3, 50, "ok", GROUPS, None), ("C", 0, 3, 51, "ok", SINGLE, None)])
    assert _bands(con, "A")["u3"] == (31, "ok")
    assert _bands(con, "B")["u3"] == (41, "ok")  # same Stand: 12411-02-03-4 sorts before -04-02-4
    assert _bands(con, "C")["u3"] == (50, "ok")


def test_incomplete_parts_give_no_band_and_the_worst_status_wins(con):
    _rows(con, [("A", 0, 1, 10, "ok", SINGLE, None), ("A", 2, 3, 10, "ok", SINGLE, None),
                ("A", 3, 4, 10, "secret", SINGLE, None), ("A", 4, 5, None, None, SINGLE, None),
                ("A", 5, 6, 10, "ok", SINGLE, None)])
    bands = _bands(con, "A")
    assert "u3" not in bands and "u6" not in bands and "total" not in bands
    assert bands["3to6"] == (20, "secret")
