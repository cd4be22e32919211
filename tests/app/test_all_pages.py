"""Every registered page on the demo warehouse: runs without exception with defaults, with URL
parameters and with non-default selections; numbers shown match the warehouse."""

import pytest

from monitor import db, fmt
from monitor.navigation import PAGE_SPECS
from tests.app.conftest import run_page, texts

FILES = [spec.file for spec in PAGE_SPECS]


@pytest.fixture
def demo_env(demo_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(demo_warehouse))
    return demo_warehouse


def test_navigation_registers_the_pages():
    assert [s.title for s in PAGE_SPECS] == ["Übersicht", "Indikatoren", "Übergänge", "Versorgungslücken",
                                             "Bildung & Wirtschaft", "Vergleich", "Präsentation",
                                             "Berichte (PDF)", "Daten & Methodik"]
    assert len({s.url_path for s in PAGE_SPECS}) == len(PAGE_SPECS)


@pytest.mark.parametrize("page", FILES)
def test_page_runs_with_defaults(demo_env, page):
    at = run_page(page)
    assert not at.exception, [e.value for e in at.exception]
    assert "Demodaten" in texts(at)


@pytest.mark.parametrize("page", FILES)
def test_page_runs_with_url_parameters_and_other_selections(demo_env, page):
    at = run_page(page, region="05766020", indicator="unemployment_rate", year="2023", peers="05754,05711")
    assert not at.exception, [e.value for e in at.exception]
    for box in list(at.selectbox):
        if len(box.options) > 1:
            box.select_index(len(box.options) - 1).run()
            assert not at.exception, (box.key, [e.value for e in at.exception])


def _latest(indicator_id: str, ags: str):
    return db.query("SELECT value, status FROM mart.indicator_values WHERE indicator_id = ? AND ags = ? "
                    "ORDER BY year DESC, period DESC LIMIT 1", (indicator_id, ags)).iloc[0]


def test_overview_cards_show_warehouse_values(demo_env):
    at = run_page("app_pages/overview.py")
    shown = {m.label: m.value for m in at.metric}
    heads = db.query("SELECT id, short_title, unit, decimals FROM mart.indicators WHERE headline")
    assert len(shown) >= 5
    for row in heads.itertuples():
        if row.short_title in shown:
            latest = _latest(row.id, "05766")
            assert shown[row.short_title] == fmt.fmt_value(latest["value"], latest["status"], row.decimals,
                                                           row.unit)


def test_explorer_series_table_matches_warehouse(demo_env):
    at = run_page("app_pages/explorer.py", indicator="unemployment_rate", region="05766", tables=True)
    table = at.dataframe[0].value
    lippe = table[table["AGS"] == "05766"]
    stored = db.query("SELECT year, value FROM mart.indicator_values "
                      "WHERE indicator_id = 'unemployment_rate' AND ags = '05766' ORDER BY year")
    assert lippe["Jahr"].tolist() == stored["year"].tolist()
    assert lippe["Wert (%)"].round(1).tolist() == stored["value"].round(1).tolist()
