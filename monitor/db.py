"""Read-only access to the current warehouse build.

The pointer file ``CURRENT`` is resolved on every call, and connections and query results are cached per
resolved file, so a new build is picked up on the next rerun without a restart.
"""

import os
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from etl.warehouse import current_path

ENV_DIR = "BILDUNGSMONITOR_WAREHOUSE_DIR"
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "warehouse"


class WarehouseMissing(RuntimeError):
    """No usable warehouse build is available."""


def warehouse_dir() -> Path:
    """Directory holding the builds and the ``CURRENT`` pointer."""
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


def warehouse_path() -> Path | None:
    """The build file named by ``CURRENT``, or None if there is none."""
    path = current_path(warehouse_dir())
    return Path(path) if path is not None and Path(path).is_file() else None


@st.cache_resource(max_entries=3, show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True)


@st.cache_data(max_entries=1024, show_spinner=False)
def _query(path: str, sql: str, params: tuple) -> pd.DataFrame:
    cursor = _connection(path).cursor()
    try:
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run a read-only query with bound parameters on the current build (cached)."""
    path = warehouse_path()
    if path is None:
        raise WarehouseMissing(f"Kein Datenstand gefunden (Verzeichnis {warehouse_dir()}).")
    return _query(str(path), sql, tuple(params))


def table_exists(schema: str, table: str) -> bool:
    """Whether ``schema.table`` exists in the current build."""
    found = query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        (schema, table),
    )
    return bool(found["n"].iloc[0])


def build_info() -> dict[str, str]:
    """``meta.build`` as a dict (build_id, built_at, synthetic, …)."""
    rows = query("SELECT key, value FROM meta.build")
    return dict(zip(rows["key"], rows["value"], strict=True))


def regions() -> pd.DataFrame:
    """The region dimension ``core.regions`` ordered by level and key."""
    return query(
        "SELECT ags, name, level, parent, kind FROM core.regions ORDER BY "
        "list_position(['bund', 'land', 'rb', 'kreis', 'gemeindeverband', 'gemeinde', 'jugendamt',"
        " 'agentur'], level), ags"
    )


def region_names() -> dict[str, str]:
    """Map AGS → display name."""
    frame = regions()
    return dict(zip(frame["ags"], frame["name"], strict=True))


def region_label(ags: str) -> str:
    """Display name: ``Lippe`` → ``Kreis Lippe``; other names as in ``core.regions``."""
    return region_labels().get(ags, ags)


def region_labels() -> dict[str, str]:
    """AGS → display name for the current build (use in loops instead of ``region_label``)."""
    path = warehouse_path()
    return _labels(str(path)) if path is not None else {}


@lru_cache(maxsize=4)
def _labels(path: str) -> dict[str, str]:
    """AGS → display name for one build file (immutable, so cached per path in the process)."""
    labels = {}
    for row in _query(path, "SELECT ags, name, level, kind FROM core.regions", ()).itertuples():
        is_kreis = row.level == "kreis" and row.kind == "Kreis" and "kreis" not in row.name.lower()
        labels[row.ags] = f"Kreis {row.name}" if is_kreis else row.name
    return labels


def loaded_files() -> pd.DataFrame:
    """``raw.files``: every loaded file with its table code and Stand."""
    return query("SELECT file_name, table_code, title, format, stand, rows, synthetic, loaded_at "
                 "FROM raw.files ORDER BY table_code, file_name")


def findings() -> pd.DataFrame:
    """``meta.findings``: validation results (errors first)."""
    return query("SELECT severity, rule, file_name, line, table_code, message FROM meta.findings "
                 "ORDER BY severity = 'error' DESC, file_name, line")
