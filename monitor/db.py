"""Read-only access to the current warehouse build: connection, bound queries and the per-build cache.

The pointer file ``CURRENT`` is resolved on every call, and connections and query results are cached per
resolved file, so a new build is picked up on the next rerun without a restart. Only the modules of
``monitor.queries`` call :func:`query`.
"""

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

import duckdb
import pandas as pd
import streamlit as st

from etl.warehouse import POINTER, current_path

ENV_DIR = "BILDUNGSMONITOR_WAREHOUSE_DIR"
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "warehouse"
P = ParamSpec("P")
R = TypeVar("R")


class WarehouseMissing(RuntimeError):
    """No usable warehouse build is available."""


def warehouse_dir() -> Path:
    """Directory holding the builds and the ``CURRENT`` pointer."""
    return Path(os.environ.get(ENV_DIR) or DEFAULT_DIR)


def warehouse_path() -> Path | None:
    """The build file named by ``CURRENT``, or None if there is none. The pointer is parsed again only
    when its file changes (``etl build`` replaces it atomically: new inode and mtime)."""
    directory = warehouse_dir()
    try:
        stamp = os.stat(directory / POINTER)
    except FileNotFoundError:
        return None
    return _resolved(str(directory), stamp.st_ino, stamp.st_mtime_ns, stamp.st_size)


@functools.lru_cache(maxsize=16)
def _resolved(directory: str, inode: int, mtime_ns: int, size: int) -> Path | None:
    path = current_path(directory)
    return Path(path) if path is not None and Path(path).is_file() else None


def current_build() -> str:
    """The resolved build file as text (the cache key of everything derived from the build)."""
    path = warehouse_path()
    if path is None:
        raise WarehouseMissing(f"Kein Datenstand gefunden (Verzeichnis {warehouse_dir()}).")
    return str(path)


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
    return _query(current_build(), sql, tuple(params))


def per_build(func: Callable[P, R]) -> Callable[P, R]:
    """Cache a computation per warehouse build: ``st.cache_data`` keyed by the resolved build file and the
    arguments, so a new build is picked up on the next rerun."""
    @functools.wraps(func)
    def with_path(path: str, *args, **kwargs):
        return func(*args, **kwargs)

    cached = st.cache_data(max_entries=128, show_spinner=False)(with_path)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        return cached(current_build(), *args, **kwargs)

    return wrapper
