"""SQL identifiers from table and column names (DuckDB quoting). Values are always bound, never formatted."""

import duckdb


def ident(name: str) -> str:
    """``raw`` → ``"raw"``; embedded quotes doubled."""
    return '"' + name.replace('"', '""') + '"'


def raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The loaded source tables (schema raw, without the file register raw.files), sorted."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw'"
        " AND table_name <> 'files' ORDER BY 1").fetchall()]
