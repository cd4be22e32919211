"""Fixtures for the page tests: a small hand-made warehouse (see fixture_warehouse.py) and an AppTest
factory that points the read layer at it."""

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.pages_extra import fixture_warehouse
from tests.pages_extra.apps import app_factory

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def page_warehouse(tmp_path_factory) -> Path:
    return fixture_warehouse.build(tmp_path_factory.mktemp("pages_extra_warehouse"))


@pytest.fixture
def page_app(page_warehouse, monkeypatch) -> Callable[..., AppTest]:
    """``page_app("app_pages/gaps.py", quote_u3="50")`` → an AppTest (not yet run) with URL parameters."""
    return app_factory(page_warehouse, monkeypatch)


@pytest.fixture
def demo_app(demo_warehouse, monkeypatch) -> Callable[..., AppTest]:
    """Like ``page_app`` but on the demo warehouse built through the real CLI (shared session fixture)."""
    return app_factory(demo_warehouse, monkeypatch)


@pytest.fixture
def demo_db(demo_warehouse):
    """A read-only connection to the demo build, for expected values computed independently."""
    from etl.warehouse import current_path

    con = duckdb.connect(str(current_path(demo_warehouse)), read_only=True)
    yield con
    con.close()
