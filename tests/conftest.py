"""Shared fixtures: the demo warehouse, built once per test session through the real CLI."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLES_DIR = REPO_ROOT.parent / "shared" / "samples"


def run_etl(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m etl ARGS` from the repository root; fail the test with its output on error."""
    result = subprocess.run(
        [sys.executable, "-m", "etl", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"python -m etl {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def demo_sources(tmp_path_factory) -> Path:
    """The synthetic demo files in the official formats (default seed)."""
    out = tmp_path_factory.mktemp("demo")
    run_etl("demo", "--out", str(out))
    return out


@pytest.fixture(scope="session")
def demo_warehouse(tmp_path_factory, demo_sources) -> Path:
    """A warehouse directory (with CURRENT) built from the demo files; also exported for the read layer."""
    warehouse = tmp_path_factory.mktemp("warehouse")
    run_etl("build", "--source-dir", str(demo_sources), "--warehouse-dir", str(warehouse))
    os.environ["BILDUNGSMONITOR_WAREHOUSE_DIR"] = str(warehouse)
    return warehouse


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES_DIR.is_dir():
        pytest.skip("../shared/samples is not present (real official files are only used when available)")
    return SAMPLES_DIR
