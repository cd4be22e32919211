"""The page "Daten laden" (AppTest): hidden without a configured hash, password check, preview of an
upload, rejection with nothing stored, a failed load reported on the page and in the log."""

import pytest
from streamlit.testing.v1 import AppTest

from etl import warehouse
from etl.warehouse import current_path
from monitor import admin, db, navigation
from monitor.markup import escape
from tests.upload.conftest import REPO_ROOT
from tests.upload.fixtures import STATISTIC, unemployment_text

PASSWORD = "richtig-geheim"


@pytest.fixture(scope="module")
def stored_hash() -> str:
    return admin.hash_password(PASSWORD)


@pytest.fixture
def page(target, monkeypatch, stored_hash):
    """An AppTest of pages/upload.py on a private warehouse copy, data folder = the test's tmp folder."""
    monkeypatch.setenv(db.ENV_DIR, str(target.warehouse_dir))
    monkeypatch.setenv(admin.ENV_DATA, str(target.uploads_dir.parent))
    monkeypatch.setenv(admin.ENV_HASH, stored_hash)
    return AppTest.from_file(str(REPO_ROOT / "app_pages" / "upload.py"), default_timeout=60)


def _login(app: AppTest, password: str) -> AppTest:
    app.run()
    app.text_input(key="upload_password").input(password)
    app.button[0].click().run()
    return app


def _texts(app: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "caption", "info", "error", "success", "warning")
             for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


def test_hash_round_trip_and_malformed_hash():
    stored = admin.hash_password(PASSWORD)
    assert stored.startswith("scrypt$16384$8$1$") and PASSWORD not in stored
    assert admin.verify_password(PASSWORD, stored) and not admin.verify_password("falsch", stored)
    assert stored != admin.hash_password(PASSWORD)  # a new salt each time
    assert not admin.verify_password(PASSWORD, "scrypt$x")
    assert not admin.verify_password(PASSWORD, "md5$a$b$c$d$e")


def test_page_hidden_without_configured_hash(monkeypatch, stored_hash):
    monkeypatch.delenv(admin.ENV_HASH, raising=False)
    assert navigation.page_specs() == navigation.PAGE_SPECS
    monkeypatch.setenv(admin.ENV_HASH, stored_hash)
    assert navigation.page_specs()[-1] == navigation.UPLOAD_SPEC


def test_page_itself_refuses_without_hash(page, monkeypatch):
    monkeypatch.delenv(admin.ENV_HASH)
    page.run()
    assert not page.exception
    assert "nicht eingerichtet" in _texts(page) and not page.text_input


def test_wrong_password_rejected(page):
    _login(page, "falsch")
    assert not page.exception
    assert "Das Passwort ist falsch." in _texts(page) and not page.get("file_uploader")


def test_right_password_shows_upload_and_preview(page):
    _login(page, PASSWORD)
    assert not page.exception and "Das Passwort ist falsch." not in _texts(page)
    page.get("file_uploader")[0].set_value(("13211-02-05-4.csv", unemployment_text().encode(), "text/csv"))
    page.run()
    assert not page.exception, [e.value for e in page.exception]
    shown = {m.label: m.value for m in page.metric}
    assert shown == {"Tabelle": r"13211\-02\-05\-4", "Format": "ffcsv5", "Zeilen": "24"}  # shown literally
    assert "Prüfung ohne Befund." in _texts(page) and r"Lippe, Kreis \(05766\)" in _texts(page)
    assert "**Thema:** Arbeitslosigkeit" in _texts(page)
    symbols = page.dataframe[0].value.to_dict("records")
    assert symbols == [{"Zeichen": ".", "Bedeutung": "geheim", "Anzahl": 2}]
    assert page.button(key="upload_confirm")


def test_malformed_upload_rejected_nothing_stored(page, target):
    _login(page, PASSWORD)
    page.get("file_uploader")[0].set_value(("13211-02-05-4.csv", b"Statistik_Code;x\n1;2;3\n", "text/csv"))
    page.run()
    assert "Abgelehnt: Datei nicht lesbar" in _texts(page)
    assert not target.uploads_dir.exists()


def test_failed_load_reported_and_logged(page, target):
    before = current_path(target.warehouse_dir)
    _login(page, PASSWORD)
    page.text_input(key="upload_user").input("Erika Muster")
    page.get("file_uploader")[0].set_value(("13211-02-05-4.csv", unemployment_text().encode(), "text/csv"))
    page.run()
    with warehouse.build_lock(target.warehouse_dir):  # a build is running elsewhere
        page.button(key="upload_confirm").click().run()
    assert "Build fehlgeschlagen" in _texts(page)
    assert current_path(target.warehouse_dir) == before
    assert not (target.uploads_dir / "13211-02-05-4.csv").exists()
    log = page.dataframe[-1].value  # the load log is the last table
    assert log["Name"].tolist() == ["Erika Muster"] and log["Ergebnis"].str.startswith("Fehler").all()


def test_preview_shows_markup_from_the_file_literally(page):
    title = "![x](http://evil.example/p.png) [Anmelden](http://evil.example) :red[rot] <img src=x>"
    _login(page, PASSWORD)
    text = unemployment_text().replace(STATISTIC, title)
    page.get("file_uploader")[0].set_value(("13211-02-05-4.csv", text.encode(), "text/csv"))
    page.run()
    shown = _texts(page)
    assert not page.exception and f"**Titel:** {escape(title)}" in shown
    assert "](http" not in shown and ":red[" not in shown and shown.count("<img") == shown.count("\\<img")
