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


def repeats_hash(con: duckdb.DuckDBPyConnection, relation: str, columns: str) -> bool:
    """Whether two rows of ``relation`` share the hash of ``columns``: never false when two rows share
    the key (equal keys hash equally), so False means no repeated key. The hashes are sorted and
    neighbours compared: a third faster than grouping millions of distinct hashes."""
    return bool(scalar(con, f"SELECT count(*) FROM (SELECT h, lag(h) OVER (ORDER BY h) AS previous"
                            f" FROM (SELECT hash({columns}) AS h FROM {relation})) WHERE h = previous"))


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: object = None) -> Any:
    """The first column of the one row of an aggregate query (``count(*)``, ``string_agg`` …, an
    ``INSERT`` reporting its row count); parameters are bound."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise ValueError(f"query returned no row: {sql[:80]}")
    return row[0]
