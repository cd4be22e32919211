"""Fixtures for the dashboard tests: a small hand-made warehouse and an AppTest runner."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from monitor.navigation import PAGE_SPECS
from tests.app import fixture_warehouse
from tests.data_tables import open_data_tables

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture(scope="session")
def fixture_dir(tmp_path_factory) -> Path:
    """The hand-made warehouse (exact known values, see fixture_warehouse.py)."""
    return fixture_warehouse.build(tmp_path_factory.mktemp("fixture_wh"))


@pytest.fixture
def fixture_env(fixture_dir, monkeypatch) -> Path:
    """Point the read layer at the fixture warehouse for one test."""
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(fixture_dir))
    return fixture_dir


def run_page(page_file: str, timeout: float = 60, *, tables: bool = False, **params: str) -> AppTest:
    """Run the app with URL parameters, then switch to ``page_file`` (after a first run, as AppTest needs);
    ``tables``: then open every chart's data expander (lazy: its table exists only while open)."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page_file != PAGE_SPECS[0].file:
        at.switch_page(page_file).run()
    return open_data_tables(at) if tables else at


def texts(at: AppTest) -> str:
    """All markdown, caption, metric, warning and error texts of a run, joined (for assertions)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [w.value for w in at.warning] + [e.value for e in at.error] + [i.value for i in at.info]
    return "\n".join(str(p) for p in parts)


def frame_with(at: AppTest, column: str):
    """The first table shown that has ``column`` (AppTest does not expose dataframe keys)."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no table with column {column!r}")
