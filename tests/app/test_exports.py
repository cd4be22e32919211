"""Downloads carry their context (issue 11): a gap scenario states rate, target year and age group, its
file name says what it holds, its rows follow the chart; every chart names its PNG after the view."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from monitor import charts, downloads
from monitor.queries import regions
from monitor.views import gap_tables, gaps
from tests.app.conftest import APP


@pytest.fixture
def demo(demo_warehouse, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_WAREHOUSE_DIR", str(demo_warehouse))
    return regions.home()


def test_scenario_download_states_its_assumptions(demo):
    view = gaps.kita_view(demo.kreis, "3to6", 0.97, "jugendamt", 2040)
    assert view.filename == "kita_luecke_3bis6_jugendamt_2040_quote97_Lippe"
    meta = view.meta
    assert (meta["Altersgruppe"], meta["Bedarfsquote"], meta["Zieljahr"], meta["Ebene"]) == (
        "3 bis unter 6 Jahre", "97 %", "2040", "Jugendamt")
    assert meta["Region"] == "Kreis Lippe" and meta["Zeitraum"] == "Vorausberechnung für 2040"
    assert meta["Titel"] == charts.figure_title(view.fig)
    assert "Stand" in meta["Quelle"] and meta["Stand der Daten"][:2].isdigit()
    assert meta["Annahme"] == gaps.ASSUMPTIONS_DE["3to6"]


def test_scenario_rows_follow_the_ranking_on_screen(demo):
    view = gaps.kita_view(demo.kreis, "3to6", 0.97, "jugendamt", 2040)
    table, _ = gaps.kita(demo.kreis, "3to6", 0.97, "jugendamt", 2040)
    ranked = list(gap_tables.gap_display(table, "Jugendamt")["Jugendamt"])  # the "Rangfolge" table
    bars_top_down = list(view.fig.data[0].y)[::-1]
    assert list(view.data["Jugendamt"]) == ranked == bars_top_down


def test_scenario_csv_and_xlsx_carry_the_same_context(demo):
    view = gaps.ogs_view(demo.kreis, 2029, 0.8)
    meta = downloads.build_meta(view.meta, {"build_id": "b", "synthetic": "true"}, "02.12.2026",
                                title=charts.figure_title(view.fig))
    head, rows = downloads.read_csv_table(downloads.to_csv(view.data, meta))
    assert head == {k: " ".join(v.split()) for k, v in meta.items()}
    assert head["Bedarfsquote"] == "80 %" and head["Zeitraum"] == "Schuljahr 2029/30"
    assert head["Hinweis"].startswith("Demodaten") and rows[0][0] == "Gemeinde"
    assert view.filename == "ogs_luecke_2029_30_quote80_Lippe"


def test_chart_config_names_the_png_after_the_view(demo):
    at = AppTest.from_file(str(APP), default_timeout=120)
    for key, value in {"alter": "3to6", "ziel_kita": "2040", "quote_3to6": "97"}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("app_pages/gaps.py").run()
    assert not at.exception
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    names = [c["toImageButtonOptions"].get("filename") for c in configs]
    assert names[0] == "kita_luecke_3bis6_jugendamt_2040_quote97_Lippe"
    assert all(names) and all(c["locale"] == "de" for c in configs)
