"""Fixtures for the presentation and link tests: the demo warehouse and an AppTest runner."""

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from monitor.navigation import PAGE_SPECS

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "app_pages/presentation.py"


def run_app(page: str = PAGE, **params: str) -> AppTest:
    """Run the app with URL parameters, then switch to ``page`` (the parameters are set again, since the
    first page may rewrite them)."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page != PAGE_SPECS[0].file:
        for key, value in params.items():
            at.query_params[key] = value
        at.switch_page(page).run()
    return at


@pytest.fixture
def demo_env(demo_warehouse, monkeypatch) -> Path:
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(demo_warehouse))
    monkeypatch.delenv("BILDUNGSMONITOR_PRESENTATION", raising=False)
    return demo_warehouse


@pytest.fixture
def demo_db(demo_warehouse):
    """Read-only connection to the current demo build (to check what the slides show)."""
    name = (demo_warehouse / "CURRENT").read_text(encoding="utf-8").strip()
    con = duckdb.connect(str(demo_warehouse / name), read_only=True)
    yield con
    con.close()
