"""SQL identifiers from table and column names (DuckDB quoting). Values are always bound, never formatted."""

from typing import Any

import duckdb


def ident(name: str) -> str:
    """``raw`` → ``"raw"``; embedded quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The loaded source tables (schema raw, without the file register raw.files), sorted."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
        " AND table_name <> 'files' ORDER BY 1").fetchall()]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The first column of the one row of an aggregate query (``count(*)``, ``string_agg`` …, an
    ``INSERT`` reporting its row count); parameters are bound."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise ValueError(f"query returned no row: {sql[:80]}")
    return row[0]
