"""AppTest factory of the page tests: one page of the app on a given warehouse, with URL parameters."""

from collections.abc import Callable
from pathlib import Path

from streamlit.testing.v1 import AppTest

REPO_ROOT = Path(__file__).resolve().parents[2]


def app_factory(warehouse: Path, monkeypatch) -> Callable[..., AppTest]:
    """Point the read layer at ``warehouse``; returns ``make(page, **url_params)`` → an AppTest (not yet
    run) of that page with those URL parameters."""
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(warehouse))

    def make(page: str, **params: str) -> AppTest:
        app = AppTest.from_file(str(REPO_ROOT / page), default_timeout=60)
        for key, value in params.items():
            app.query_params[key] = value
        return app

    return make
