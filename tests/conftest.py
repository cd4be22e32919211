"""Shared fixtures: the demo warehouse, built once per test session through the real CLI."""

import logging
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


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_page_errors(request):
    """Pages run inside ``monitor.errors.guarded``, which turns an exception into a German box and a log
    entry, so AppTest's ``exception`` stays empty: fail the test on such an entry instead. A test that
    provokes one on purpose requests the fixture ``expect_page_error``."""
    from monitor import errors

    handler = _Records()
    errors.LOG.addHandler(handler)
    yield
    errors.LOG.removeHandler(handler)
    failed = [r for r in handler.records if r.getMessage().startswith(errors.PAGE_ERROR)]
    if failed and "expect_page_error" not in request.fixturenames:
        pytest.fail(f"page error: {failed[0].exc_info[1]!r}")


@pytest.fixture
def expect_page_error() -> None:
    """Marks a test that provokes a page error on purpose (see ``no_page_errors``)."""


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
