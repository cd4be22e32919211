"""Fixtures: a private copy of the session's demo warehouse (loads must not touch the shared one)."""

import shutil
from pathlib import Path

import pytest

from etl import upload
from etl.warehouse import POINTER, current_path

REPO_ROOT = Path(__file__).resolve().parents[2]


def copy_warehouse(source: Path, target: Path) -> Path:
    """CURRENT and the build it names, copied into a new warehouse folder."""
    target.mkdir(parents=True)
    build = current_path(source)
    shutil.copy2(build, target / build.name)
    shutil.copy2(source / POINTER, target / POINTER)
    return target


@pytest.fixture
def target(tmp_path, demo_sources, demo_warehouse) -> upload.Target:
    """Uploads folder and warehouse copy of one test; the build reads the demo folder first."""
    warehouse = copy_warehouse(demo_warehouse, tmp_path / "warehouse")
    return upload.Target(tmp_path / "uploads", warehouse, (demo_sources,))
