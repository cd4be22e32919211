"""Provenance (official / synthetic / mixed) travels with every mart value like the status does."""

import duckdb
import pytest

from etl.catalogue import load_indicators
from etl.mart import SQL_DIR, build_mart
from etl.status import PROVENANCES, combine_provenance
from tests.indicators.fixture_core import LIPPE, create_core

#: real population, demo Kita and school files; employees from a table with a real and a demo file
FILES = [("12411-02-03-4", False), ("12411-09i", False), ("22543-03-01-4", True), ("22541-01-04-4", True),
         ("LOCAL-KITA", True), ("21111-01-03-4", True), ("13111-07-05-4", False), ("13111-07-05-4", True)]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    create_core(connection)
    connection.execute("CREATE SCHEMA raw; CREATE TABLE raw.files (table_code TEXT, synthetic BOOLEAN)")
    connection.executemany("INSERT INTO raw.files VALUES (?, ?)", FILES)
    build_mart(connection, load_indicators())
    yield connection
    connection.close()


def _provenance(con, indicator_id: str, ags: str = LIPPE) -> set[str | None]:
    return {r[0] for r in con.execute("SELECT provenance FROM mart.indicator_values WHERE indicator_id = ?"
                                      " AND ags = ?", [indicator_id, ags]).fetchall()}


@pytest.mark.parametrize(("values", "expected"), [
    (["official", "official"], "official"), (["synthetic", "synthetic"], "synthetic"),
    (["official", "synthetic"], "mixed"), (["mixed", "official"], "mixed"), (["official", None], "official"),
    ([None], None)])
def test_python_and_sql_combine_alike(values, expected):
    assert combine_provenance(values) == expected
    sql = duckdb.connect()
    sql.execute("CREATE SCHEMA mart")
    for name in ("status.sql", "mart/macros.sql"):
        sql.execute((SQL_DIR / name).read_text(encoding="utf-8"))
    sql.execute("CREATE TABLE p (v TEXT)")
    sql.executemany("INSERT INTO p VALUES (?)", [(v,) for v in values])
    assert sql.execute("SELECT mart.worst_provenance(v) FROM p").fetchone()[0] == expected
    pair = (values + [None])[:2]
    assert sql.execute("SELECT mart.provenance_combine(?, ?)", pair).fetchone()[0] == combine_provenance(pair)


def test_unknown_provenance_is_rejected():
    with pytest.raises(ValueError, match="unknown provenance"):
        combine_provenance(["amtlich"])


def test_table_provenance(con):
    assert dict(con.execute("SELECT * FROM mart.table_provenance").fetchall()) == {
        "12411-02-03-4": "official", "12411-09i": "official", "22543-03-01-4": "synthetic",
        "22541-01-04-4": "synthetic", "LOCAL-KITA": "synthetic", "21111-01-03-4": "synthetic",
        "13111-07-05-4": "mixed"}


def test_official_population_with_demo_kita_is_mixed(con):
    assert _provenance(con, "population_total") == {"official"}
    assert _provenance(con, "childcare_rate_u3") == {"mixed"}  # demo children in care / real population
    assert _provenance(con, "pupils_share_gy") == {"synthetic"}
    assert _provenance(con, "employees_55plus_share") == {"mixed"}  # one real and one demo file


def test_provenance_vocabulary_and_unknown_inputs(con):
    found = {r[0] for r in con.execute("SELECT DISTINCT provenance FROM mart.indicator_values").fetchall()}
    assert found == {*PROVENANCES, None}
    # NULL only where no input table has a file record (here: VHS and the projection, not in FILES)
    assert _provenance(con, "vhs_hours_per_1000") == {"official"}  # unknown VHS input ignored
    assert con.execute("SELECT count(*) FROM mart.obs WHERE provenance IS NULL AND topic = 'population'"
                       ).fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM mart.gap_inputs WHERE provenance = 'mixed'").fetchone()[0] > 0
    lq = con.execute("SELECT DISTINCT lq_provenance FROM mart.location_quotients").fetchall()
    assert lq == [("mixed",)]
