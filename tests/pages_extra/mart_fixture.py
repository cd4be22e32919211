"""The hand-made page warehouse (fixture_warehouse.py) with a real mart on top: the economy and
transitions pages read only mart tables, so their page tests run ``etl.mart.build_mart`` over the fixture's
core tables (core tables the fixture leaves out are created empty, missing columns added as NULL)."""

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl import mart, sectors
from tests.pages_extra import fixture_warehouse
from tests.pages_extra.apps import app_factory

REPO_ROOT = Path(__file__).resolve().parents[2]
CORE_SQL = REPO_ROOT / "etl" / "sql" / "core"


def _complete_core(con: duckdb.DuckDBPyConnection) -> None:
    """Create the core tables of etl/sql/core that the fixture lacks and add the columns it leaves out."""
    con.execute("CREATE SCHEMA ddl")
    for name in sorted(mart.CORE_TABLES - {"regions", "region_groups"}):
        create = re.search(r"CREATE TABLE core\.\w+\s*\(.*?\);", (CORE_SQL / f"{name}.sql").read_text(
            encoding="utf-8"), re.S).group(0)
        con.execute(create.replace("core.", "ddl."))
        want = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                           "WHERE table_schema = 'ddl' AND table_name = ?", [name]).fetchall()
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'core' "
            "AND table_name = ?", [name]).fetchall()}
        if not have:
            con.execute(create)
        for column, kind in want:
            if column not in have and have:
                con.execute(f'ALTER TABLE core.{name} ADD COLUMN "{column}" {kind}')
    con.execute("DROP SCHEMA ddl CASCADE")


def build(directory: Path) -> Path:
    """fixture_warehouse.build plus the mart; returns the directory (with CURRENT)."""
    fixture_warehouse.build(directory)
    con = duckdb.connect(str(next(directory.glob("build-*.duckdb"))))
    try:
        _complete_core(con)
        mart.build_mart(con)
    finally:
        con.close()
    return directory


@pytest.fixture(scope="session")
def mart_warehouse(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("pages_extra_mart_warehouse"))


@pytest.fixture
def mart_app(mart_warehouse, monkeypatch) -> Callable[..., AppTest]:
    """``mart_app("app_pages/economy.py", jahr_wirtschaft="2023")`` → an AppTest (not yet run) on the fixture
    warehouse with its mart."""
    return app_factory(mart_warehouse, monkeypatch)


def small_mart(obs: list[tuple], indicator_ids: tuple[str, ...] = (), mapping: Path | None = None
               ) -> duckdb.DuckDBPyConnection:
    """An in-memory mart over hand-made ``mart.obs`` rows (topic, ags, year, key, value, status): the
    catalogue indicators ``indicator_ids`` computed by their real formulas, the occupation mapping
    (default: the catalogue file) and the dashboard tables of location_quotients.sql, economy.sql and
    flows.sql. Provenance of every row: synthetic."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA mart")
    con.execute((mart.SQL_DIR / "status.sql").read_text(encoding="utf-8"))
    mart._run(con, "macros.sql")
    con.execute("CREATE TABLE mart.obs (topic TEXT, ags TEXT, period TEXT, year INTEGER, key TEXT, "
                "value DOUBLE, status TEXT, provenance TEXT)")
    con.executemany("INSERT INTO mart.obs VALUES (?, ?, CAST(? AS TEXT), ?, ?, CASE WHEN status_usable(?) "
                    "THEN ? END, ?, 'synthetic')",
                    [(t, a, y, y, k, s, v, s) for t, a, y, k, v, s in obs])
    mart._run(con, "formulas.sql")
    mart._run(con, "location_quotients.sql")
    indicators = [i for i in mart.load_indicators() if i.id in {*indicator_ids, "training_rate"}]
    mart._build_catalogue_table(con, indicators)
    mart._build_values(con, indicators)
    sectors.build_tables(con, *([mapping] if mapping else []))
    for name in ("economy.sql", "flows.sql"):
        mart._run(con, name)
    return con
