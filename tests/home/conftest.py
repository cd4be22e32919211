"""Fixtures for "any Kreis as the home region": a demo and a warehouse for Kreis Gütersloh (05754),
written and built through the real CLI (``python -m etl``) once per test session."""

from pathlib import Path

import pytest

from tests.conftest import run_etl

GUETERSLOH = "05754"
LIPPE = "05766"
#: The 13 Gemeinden of Kreis Gütersloh (05754004 … 05754052).
GUETERSLOH_GEMEINDEN = tuple(f"{GUETERSLOH}{n:03d}" for n in range(4, 53, 4))


@pytest.fixture(scope="session")
def gt_demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo_05754")
    run_etl("demo", "--out", str(out), "--kreis", GUETERSLOH)
    return out


@pytest.fixture(scope="session")
def gt_warehouse(tmp_path_factory, gt_demo) -> Path:
    warehouse = tmp_path_factory.mktemp("warehouse_05754")
    run_etl("build", "--source-dir", str(gt_demo), "--warehouse-dir", str(warehouse))
    return warehouse


@pytest.fixture
def gt_env(gt_warehouse, monkeypatch) -> Path:
    """The read layer on the Gütersloh build, with Gütersloh as the configured home Kreis."""
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(gt_warehouse))
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", GUETERSLOH)
    return gt_warehouse
