"""Every source of catalogue/sources.toml goes the whole way: a file in one of its formats is parsed,
loaded (raw), staged (official layouts; the template goes from raw straight to core) and reaches its
core table with every column the core SQL declares.

The demo generator writes every catalogued table in its real layout, so the session's demo build
(``demo_warehouse``) is the input. A table that only fills gaps of another one (fallback blocks of the
core SQL) reaches core in a second build without the tables it stands in for.
"""

import re
import shutil
from pathlib import Path

import duckdb
import pytest

from etl.build import REQUIRES, SQL_DIR, run_build
from etl.catalogue import load_sources
from etl.warehouse import current_path

TABLES = {t["code"]: t for t in load_sources()["table"]}
#: table code -> (codes it stands in for, why): it feeds core only where those tables have no value
FALLBACK = {
    "13111-54i": (("13111-07-05-4", "13111-05-03-4"),
                  "LDB employees (31.12.) only for region-years the Regio tables do not cover"),
    "21311-01-01-4-B": (("21311-01-01-4",), "students 'regionale Ebenen' only where 21311-01-01-4 has none"),
}
#: catalogued tables the demo does not write, with the reason (none today: the demo covers them all)
NOT_IN_DEMO: dict[str, str] = {}
CREATE = re.compile(r"CREATE TABLE core\.(\w+)\s*\((.*?)\);", re.DOTALL)


def formats(table: dict) -> list[str]:
    return table.get("formats") or [table["format"]]


def declared_columns(core: str) -> list[str]:
    """The columns of ``CREATE TABLE core.<core>`` in etl/sql/core/<core>.sql, in order."""
    match = CREATE.search((SQL_DIR / "core" / f"{core}.sql").read_text(encoding="utf-8"))
    assert match and match.group(1) == core, f"etl/sql/core/{core}.sql declares no core.{core}"
    return [column.split()[0].strip('"') for column in match.group(2).split(",")]


def required_codes(core: str) -> set[str]:
    """Table codes named by the ``-- @requires`` blocks of the core SQL."""
    text = (SQL_DIR / "core" / f"{core}.sql").read_text(encoding="utf-8")
    return {code.strip() for m in REQUIRES.finditer(text) if m.group(1) for code in m.group(1).split(",")}


def _exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND"
                       " table_name = ?", [schema, table]).fetchone()[0] == 1


@pytest.fixture(scope="module")
def con(demo_warehouse: Path):
    connection = duckdb.connect(str(current_path(demo_warehouse)), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def fallback_con(tmp_path_factory, demo_sources: Path):
    """A build (no mart) of the demo files without the tables that the FALLBACK tables stand in for."""
    root = tmp_path_factory.mktemp("fallback")
    primaries = {code for stands_in, _ in FALLBACK.values() for code in stands_in}
    sources = root / "sources"
    shutil.copytree(demo_sources, sources, ignore=lambda _, names: [
        n for n in names if any(n.startswith(code + ".") or n.startswith(code + "_") for code in primaries)])
    connection = duckdb.connect(str(run_build(sources, root / "warehouse", with_mart=False)), read_only=True)
    yield connection
    connection.close()


def test_catalogue_names_its_core_tables():
    for code, table in TABLES.items():
        core = table["core"]
        assert (SQL_DIR / "core" / f"{core}.sql").is_file(), f"{code}: no etl/sql/core/{core}.sql"
        assert code in required_codes(core), f"{code}: etl/sql/core/{core}.sql has no -- @requires {code}"
        assert not table.get("same_as") or table["same_as"] in TABLES, code
    assert set(FALLBACK) <= set(TABLES) and set(NOT_IN_DEMO) <= set(TABLES)


def test_the_demo_writes_every_catalogued_table(con):
    files = dict(con.execute("SELECT table_code, format FROM raw.files").fetchall())
    missing = set(TABLES) - set(files) - set(NOT_IN_DEMO)
    assert not missing, f"catalogued tables without a demo file: {sorted(missing)}"
    assert set(files) <= set(TABLES), f"demo files of uncatalogued tables: {sorted(set(files) - set(TABLES))}"
    wrong = {code: fmt for code, fmt in files.items() if fmt not in formats(TABLES[code])}
    assert not wrong, f"demo file in a format its table is not delivered in: {wrong}"


@pytest.mark.parametrize("code", sorted(set(TABLES) - set(NOT_IN_DEMO)))
def test_source_reaches_its_core_table(con, fallback_con, code):
    table = TABLES[code]
    core = table["core"]
    assert con.execute("SELECT core FROM meta.sources WHERE table_code = ?", [code]).fetchone() == (core,)
    assert con.execute(f'SELECT count(*) FROM raw."{code}"').fetchone()[0] > 0, f"raw.{code} is empty"
    if formats(table) != ["template"]:  # the template is already in core's vocabulary: raw -> core
        assert _exists(con, "stage", code), f"no stage.{code}"
        assert con.execute(f'SELECT count(*) FROM stage."{code}"').fetchone()[0] > 0, f"stage.{code} is empty"
    columns = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'core' AND table_name = ?"
        " ORDER BY ordinal_position", [core]).fetchall()]
    assert columns == declared_columns(core)
    built = fallback_con if code in FALLBACK else con
    row = built.execute("SELECT count(*), count(ags), count(period), count(year), count(value),"
                        f" count(status) FROM core.{core} WHERE table_code = ?", [code]).fetchone()
    rows = row[0]
    assert rows > 0, f"core.{core} has no row from {code}"
    assert row[1:] == (rows, rows, rows, row[4], rows) and row[4] > 0, (
        f"core.{core} rows from {code}: ags, period, year, status always set and some values: {row}")
