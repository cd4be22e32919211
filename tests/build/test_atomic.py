"""Atomic builds: CURRENT switches only after a complete build; readers never block builds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.build import PAUSE_ENV
from etl.warehouse import (
    BUILD_NAME,
    PARTIAL_SUFFIX,
    WarehouseError,
    build_lock,
    current_path,
    switch_current,
)
from tests.build.conftest import build

REPO = Path(__file__).resolve().parents[2]


def cli_build(sources: Path, warehouse: Path, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "build", "--source-dir", str(sources),
         "--warehouse-dir", str(warehouse), "--skip-mart"],
        cwd=REPO, env={**os.environ, **(env or {})}, text=True, **kwargs)


def apprentices_total(path: Path) -> float:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT value FROM core.apprentices WHERE area = 'total'"
                           " AND measure = 'apprentices'").fetchone()[0]
    finally:
        con.close()


def change_apprentices_total(sources: Path, new: str) -> None:
    path = sources / "LOCAL-AUSZUBILDENDE.csv"
    text = path.read_bytes()
    assert text.count(b";apprentices;INSGESAMT;Anzahl;4500\n") == 1
    path.write_bytes(text.replace(b";apprentices;INSGESAMT;Anzahl;4500\n",
                                  f";apprentices;INSGESAMT;Anzahl;{new}\n".encode()))


def test_killed_build_leaves_current_and_its_data(sources, tmp_path):
    warehouse = tmp_path / "wh"
    old = build(sources, warehouse)
    proc = cli_build(sources, warehouse, {PAUSE_ENV: "60"}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for line in proc.stdout:
        if "Pause" in line:
            break
    else:
        pytest.fail("build ended before the pause")
    partials = list(warehouse.glob(f"build-*{PARTIAL_SUFFIX}"))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert len(partials) == 1
    spill = Path(f"{partials[0]}.tmp")  # DuckDB's spill folder may be left behind, too
    spill.mkdir(exist_ok=True)
    (spill / "duckdb_temp_storage-0.tmp").write_bytes(b"x")
    assert current_path(warehouse) == old
    assert apprentices_total(old) == 4500.0
    # the next build cleans up the killed one and switches
    new = build(sources, warehouse)
    assert current_path(warehouse) == new != old
    assert not any(p.exists() for p in partials) and not spill.exists()


def test_reader_does_not_block_a_build_and_sees_new_data_after_switch(sources, tmp_path):
    warehouse = tmp_path / "wh"
    old = build(sources, warehouse)
    reader = duckdb.connect(str(current_path(warehouse)), read_only=True)
    change_apprentices_total(sources, "4503")
    proc = cli_build(sources, warehouse, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    new = current_path(warehouse)
    assert new != old
    assert apprentices_total(new) == 4503.0
    assert reader.execute("SELECT value FROM core.apprentices WHERE area = 'total'"
                          " AND measure = 'apprentices'").fetchone()[0] == 4500.0
    reader.close()


def test_old_builds_are_pruned_but_never_current(sources, tmp_path):
    warehouse = tmp_path / "wh"
    made = [build(sources, warehouse, keep=2) for _ in range(3)]
    assert sorted(p for p in warehouse.iterdir() if BUILD_NAME.match(p.name)) == made[1:]
    switch_current(warehouse, made[1])  # rollback to an older build, then build with keep=1
    newest = build(sources, warehouse, keep=1)
    assert sorted(p.name for p in warehouse.iterdir() if BUILD_NAME.match(p.name)) == [newest.name]
    switch_current(warehouse, newest)


def test_prune_keeps_the_current_build_even_when_it_is_old(tmp_path):
    from etl.warehouse import prune

    names = [f"build-20260101T00000{i}000000Z-1.duckdb" for i in range(4)]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    switch_current(tmp_path, tmp_path / names[0])
    removed = prune(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == [names[1]]
    assert sorted(p.name for p in tmp_path.glob("build-*")) == [names[0], names[2], names[3]]


def test_concurrent_build_fails_clearly(sources, tmp_path):
    warehouse = tmp_path / "wh"
    with build_lock(warehouse):
        proc = cli_build(sources, warehouse, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1
    assert "ein anderer Build läuft bereits" in err
    assert current_path(warehouse) is None


def test_current_path(tmp_path):
    assert current_path(tmp_path) is None
    (tmp_path / "CURRENT").write_text("../etc/passwd\n")
    with pytest.raises(WarehouseError, match="kein gültiger Build-Dateiname"):
        current_path(tmp_path)
    (tmp_path / "CURRENT").write_text("build-20260101T000000000000Z-1.duckdb\n")
    with pytest.raises(WarehouseError, match="Datei fehlt"):
        current_path(tmp_path)
    (tmp_path / "build-20260101T000000000000Z-1.duckdb").write_bytes(b"")
    assert current_path(tmp_path) == tmp_path / "build-20260101T000000000000Z-1.duckdb"
