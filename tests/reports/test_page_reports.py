"""The Berichte page: choosing type, region and topic, generating the PDF and offering the download."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from monitor import db

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "reports.py"


def page(monkeypatch, warehouse: Path, **params: str) -> AppTest:
    monkeypatch.setenv(db.ENV_DIR, str(warehouse))
    app = AppTest.from_file(str(PAGE), default_timeout=120)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def test_page_offers_topics_of_the_region_without_generating(demo_warehouse, monkeypatch):
    at = page(monkeypatch, demo_warehouse, region="JA05766020", topic="schule")
    assert not at.exception, [e.value for e in at.exception]
    topics = at.get("button_group")[1].proto.options
    assert [o.content for o in topics] == ["Rahmenbedingungen", "Frühe Bildung", "Versorgungslücken"]
    assert not at.get("download_button")


def test_page_generates_the_pdf_for_download(demo_warehouse, monkeypatch):
    at = page(monkeypatch, demo_warehouse, region="05766020", topic="schule")
    at.button(key="report_generate").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label.startswith("Sitzungsvorlage_Detmold_Schule_")
    stored = at.session_state["report_pdf"]
    assert stored["data"].startswith(b"%PDF") and stored["key"].endswith(".pdf")
    assert any("KB · erstellt aus dem Datenstand" in c.value for c in at.caption)
