"""Warehouse files: one DuckDB file per build, a CURRENT pointer, a build lock and pruning.

Layout of ``data/warehouse/``::

    build-20261126T070102123456Z-4711.duckdb           a finished build (kept for rollback)
    build-20261126T080000000000Z-4712.duckdb.partial   a build in progress, failed or killed
    CURRENT                                            the file name of the build being served
    .build.lock                                        held (flock) while a build runs

Readers call :func:`current_path` on every run and key their caches by the returned path; a build
never writes into a file a reader may have open, so readers never block builds (docs/WAREHOUSE.md).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

POINTER = "CURRENT"
LOCK = ".build.lock"
PARTIAL_SUFFIX = ".partial"
BUILD_NAME = re.compile(r"^build-\d{8}T\d{12}Z-\d+\.duckdb$")


class WarehouseError(RuntimeError):
    """The warehouse folder is in a state the build or a reader cannot work with."""


def current_path(warehouse_dir: str | Path) -> Path | None:
    """Path of the build CURRENT points to, or None when no build has been switched to yet.

    Raises WarehouseError when CURRENT names something that is not a build file or is missing.
    """
    pointer = Path(warehouse_dir) / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not BUILD_NAME.match(name):
        raise WarehouseError(f"{pointer}: kein gültiger Build-Dateiname: {name!r}")
    path = pointer.parent / name
    if not path.is_file():
        raise WarehouseError(f"{pointer} verweist auf {name}, die Datei fehlt")
    return path


def new_build_name(now: datetime | None = None) -> str:
    """File name of a new build: UTC timestamp (sortable, microseconds) and process id."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    return f"build-{stamp}-{os.getpid()}.duckdb"


@contextmanager
def build_lock(warehouse_dir: Path) -> Iterator[None]:
    """Hold the exclusive build lock; a second concurrent build fails at once with WarehouseError.

    The lock is an flock, so the kernel releases it when a build process dies.
    """
    warehouse_dir.mkdir(parents=True, exist_ok=True)
    with open(warehouse_dir / LOCK, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WarehouseError(
                f"{warehouse_dir}: ein anderer Build läuft bereits (Sperre {LOCK} ist belegt)"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_partials(warehouse_dir: Path) -> list[Path]:
    """Delete leftovers of failed or killed builds (call only while holding the build lock)."""
    removed = []
    leftovers = [*warehouse_dir.glob(f"build-*{PARTIAL_SUFFIX}*"), *warehouse_dir.glob(f".{POINTER}.*.tmp")]
    for path in leftovers:  # build file, its .wal and .tmp spill folder; unfinished pointer writes
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path)
    return removed


def switch_current(warehouse_dir: Path, build_file: Path) -> None:
    """Point CURRENT at build_file atomically (temporary file + fsync + os.replace)."""
    if not BUILD_NAME.match(build_file.name) or build_file.parent != warehouse_dir:
        raise WarehouseError(f"{build_file} ist keine Build-Datei in {warehouse_dir}")
    tmp = warehouse_dir / f".{POINTER}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(build_file.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, warehouse_dir / POINTER)
    dir_fd = os.open(warehouse_dir, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def prune(warehouse_dir: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` builds; never the one CURRENT points to."""
    current = current_path(warehouse_dir)
    builds = sorted(p for p in warehouse_dir.iterdir() if BUILD_NAME.match(p.name))
    removed = []
    for path in builds[: max(len(builds) - max(keep, 1), 0)]:
        if path != current:
            path.unlink()
            removed.append(path)
    return removed
