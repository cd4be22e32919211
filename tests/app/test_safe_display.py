"""What a URL parameter or a failing page can put into the browser: the ``stand`` parameter is shown
literally, an unexpected error becomes a German box with a reference while the traceback goes to the log."""

import logging
import re
import tomllib

from streamlit.testing.v1 import AppTest

from monitor.markup import escape
from tests.app.conftest import APP, run_page

PHISHING = "x](https://evil.example/login) ![p](https://evil.example/p.png) :red[Achtung]"
CONFIG = APP.parent / ".streamlit" / "config.toml"


def test_stand_parameter_is_shown_literally(fixture_env):
    at = run_page("app_pages/overview.py", stand=PHISHING)
    notice = next(i.value for i in at.info if "anderen Datenstand" in i.value)
    assert escape(PHISHING) in notice
    assert "](https" not in notice and ":red[" not in notice
    assert at.query_params["stand"] == "build-fixture-1"


def _failing_page() -> None:
    from monitor import errors

    def page() -> None:
        raise RuntimeError("geheim: /srv/daten/pfad")

    errors.guarded(page)


def test_page_error_shows_reference_and_logs_traceback(caplog, expect_page_error):
    caplog.set_level(logging.ERROR, logger="monitor.errors")
    at = AppTest.from_function(_failing_page).run()
    assert not at.exception
    shown = at.error[0].value
    reference = re.search(r"Fehlernummer ([0-9a-f]{8})", shown).group(1)
    assert "/srv/daten" not in shown and "RuntimeError" not in shown
    record = next(r for r in caplog.records if reference in r.getMessage())
    assert record.exc_info[0] is RuntimeError and "/srv/daten/pfad" in str(record.exc_info[1])


def test_config_hides_error_details():
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"


def test_unreadable_warehouse_names_a_reference_not_the_server_path(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.ERROR, logger="monitor.errors")
    (tmp_path / "CURRENT").write_text("build-20260101T000000000000Z-1.duckdb", encoding="utf-8")
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(tmp_path))
    at = run_page("app_pages/overview.py")
    shown = at.error[0].value
    reference = re.search(r"Fehlernummer ([0-9a-f]{8})", shown).group(1)
    assert "nicht lesbar" in shown and str(tmp_path) not in shown
    assert any(reference in r.getMessage() and str(tmp_path) in str(r.exc_info[1]) for r in caplog.records)
