"""Read-only access to the current warehouse build: connection, bound queries and the per-build cache.

The pointer file ``CURRENT`` is resolved on every call, and connections and query results are cached per
resolved file, so a new build is picked up on the next rerun without a restart. Only the modules of
``monitor.queries`` call :func:`query`.

The caches are plain bounded maps in the server process, shared by all sessions and keyed by the build file
and the (hashable, scalar) arguments: a hit costs a dictionary look-up, where ``st.cache_data`` hashed the
arguments and unpickled the result (rebuilding and re-validating every plotly figure) on each call.

:func:`settle` keeps the long-lived objects (modules, cached views) out of the garbage collector's way, so
Streamlit's full collection after every script run (``runner.postScriptGC``) does not walk them each time.
"""

import atexit
import functools
import gc
import os
import sys
import threading
from collections import OrderedDict
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


_GROWTH = {"fills": 0, "modules": 0}  # cache entries made and modules seen since the last settle()
_GROWTH_LOCK = threading.Lock()


def settle() -> None:
    """Called after every page run: when the run left new long-lived objects (a first import of a page's
    modules, new cache entries), collect once and freeze everything alive (``gc.freeze``). Streamlit's full
    collection after each run then skips the ~200,000 objects of pandas, plotly, DuckDB and the caches
    (about 75 ms of every page load on this machine) and walks only what the run itself made. Frozen objects
    are still freed by reference counting; the next settle unfreezes first, so cyclic garbage among them (an
    evicted cached figure) is collected then."""
    modules = len(sys.modules)
    with _GROWTH_LOCK:
        if not _GROWTH["fills"] and modules == _GROWTH["modules"]:
            return
        _GROWTH.update(fills=0, modules=modules)
    gc.unfreeze()
    gc.collect()
    gc.freeze()


_MEMOS: list["Memo"] = []


@atexit.register
def _release() -> None:
    """Drop the cached results before the interpreter shuts down (DuckDB's bindings report objects still
    alive at their teardown as leaked)."""
    for memo in _MEMOS:
        memo.clear()
    gc.unfreeze()


class Memo:
    """A bounded map (least recently used entry dropped first), safe to share between the script threads
    of all sessions. Two sessions missing the same key at once may both compute it; the last one stays."""

    def __init__(self, size: int) -> None:
        _MEMOS.append(self)
        self._size = size
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute: Callable[[], R]) -> R:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        value = compute()
        with _GROWTH_LOCK:
            _GROWTH["fills"] += 1
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_QUERIES = Memo(1024)


def _run(path: str, sql: str, params: tuple) -> pd.DataFrame:
    cursor = _connection(path).cursor()
    try:
        return cursor.execute(sql, list(params)).df()
    finally:
        cursor.close()


def _hashable(value):
    return tuple(_hashable(v) for v in value) if isinstance(value, list | tuple) else value


def query(sql: str, params: list | tuple = ()) -> pd.DataFrame:
    """Run a read-only query with bound parameters on the current build (cached; the caller gets its own
    copy of the frame and may change it)."""
    path, bound = current_build(), tuple(params)
    return _QUERIES.get((path, sql, _hashable(bound)), lambda: _run(path, sql, bound)).copy()


def per_build(func: Callable[P, R]) -> Callable[P, R]:
    """Cache a computation per warehouse build, keyed by the resolved build file and the arguments (which
    must be hashable: scalars and tuples), so a new build is picked up on the next rerun. The result is
    one object shared by every session: callers read it and never change it (copy first; views hold a
    plotly figure, a data frame and a meta dict)."""
    memo = Memo(128)

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        key = (current_build(), args, tuple(sorted(kwargs.items())))
        return memo.get(key, lambda: func(*args, **kwargs))

    wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
    return wrapper
