"""Fixtures for the warehouse build tests: small source files and a finished build."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.build import run_build
from etl.warehouse import current_path
from tests.build.fixtures import write_sources


def build(sources: Path, warehouse: Path, **kwargs) -> Path:
    """One in-process build without the mart step (tested separately)."""
    kwargs.setdefault("with_mart", False)
    return run_build(sources, warehouse, **kwargs)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return write_sources(tmp_path / "sources")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> duckdb.DuckDBPyConnection:
    """Read-only connection to a build of the consistent fixture set."""
    root = tmp_path_factory.mktemp("built")
    build(write_sources(root / "sources"), root / "warehouse")
    con = duckdb.connect(str(current_path(root / "warehouse")), read_only=True)
    yield con
    con.close()
