"""AppTest of Übersicht, Indikatoren and Daten & Methodik on the hand-made warehouse: the numbers and
texts shown match the values stored there."""

import pandas as pd

from monitor import db, fmt
from monitor.markup import escape
from tests.app.conftest import frame_with, run_page, texts
from tests.data_tables import open_data_tables

OVERVIEW, EXPLORER, METHODOLOGY = "app_pages/overview.py", "app_pages/explorer.py", "app_pages/methodology.py"


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_default_region_is_lippe(fixture_env):
    at = run_page(OVERVIEW)
    assert not at.exception
    assert at.selectbox(key="region").value == "05766"
    assert _metrics(at) == {"Bevölkerung": "347.149", "Betreuung U3": "33,1 %", "Ohne Abschluss": "6,9 %"}
    assert at.title[0].value == "Bildungsmonitor Kreis Lippe"
    shown = texts(at)
    assert escape("Vergleich mit Nordrhein-Westfalen.") in shown
    assert escape("Zeichen: . geheim · / nicht sicher genug · ... fällt später an · x nicht sinnvoll · "
                  "– fehlt.") in shown
    assert "Demodaten" in shown
    assert "innerhalb der Rundungsungenauigkeit" in shown  # 33,0 → 33,06 is rounding noise
    assert ":orange-badge[▲ +0,9 Pp. · ungünstiger]" in shown  # lower is better, rose
    assert escape("Ohne Abschluss in Kreis Lippe (2024): 6,9 % – gegenüber 2023 gestiegen (+0,9 Pp.); "
                  "über dem Wert für Nordrhein-Westfalen (6,3 %).") in shown  # shown literally
    assert "Arbeitslosenquote" not in shown  # not a headline indicator


def test_overview_of_another_home_kreis(fixture_env, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05754")
    at = run_page(OVERVIEW)
    assert not at.exception
    assert at.title[0].value == "Bildungsmonitor Kreis Gütersloh"
    assert at.selectbox(key="region").value == "05754"
    assert at.selectbox(key="region").options[:3] == ["Kreis Gütersloh", "Nordrhein-Westfalen",
                                                       "Regierungsbezirk Detmold"]
    assert "Kreis Lippe" in at.selectbox(key="region").options


def test_overview_gemeinde_with_suppressed_value_from_url(fixture_env):
    at = run_page(OVERVIEW, region="05766012")
    assert not at.exception
    assert at.selectbox(key="region").value == "05766012"
    assert _metrics(at)["Betreuung U3"] == "."
    assert escape("Wert geheim – keine Aussage möglich.") in texts(at)


def test_overview_changing_region_updates_url_and_cards(fixture_env):
    at = run_page(OVERVIEW)
    at.selectbox(key="region").set_value("05").run()
    assert at.query_params["region"] == "05"
    assert _metrics(at)["Bevölkerung"] == "18.034.454"
    assert "Nordrhein-Westfalen: " not in texts(at)  # no comparison of NRW with itself


def test_overview_unknown_region_in_url_falls_back(fixture_env):
    at = run_page(OVERVIEW, region="nonsense")
    assert not at.exception
    assert at.selectbox(key="region").value == "05766"


def test_explorer_defaults(fixture_env):
    at = run_page(EXPLORER)
    assert not at.exception
    assert at.selectbox(key="indicator").value == "population_total"  # area A comes first
    assert at.selectbox(key="indicator").options == [
        "Rahmenbedingungen – Bevölkerung insgesamt", "Frühe Bildung – Betreuungsquote der unter 3-Jährigen",
        "Schule – Schulabgänger ohne Ersten Schulabschluss", "Arbeit & Wirtschaft – Arbeitslosenquote"]
    assert at.selectbox(key="year").value == "2024"
    assert at.selectbox(key="year").label == "Jahr (Stichtag 31.12.)"
    assert at.query_params["indicator"] == "population_total"


def test_explorer_from_url_shows_table_of_values(fixture_env):
    at = run_page(EXPLORER, indicator="childcare_rate_u3", region="05766012", year="2025", level="gemeinde",
                  peers="05754", tables=True)
    assert not at.exception
    assert at.selectbox(key="indicator").value == "childcare_rate_u3"
    assert at.multiselect(key="peers").value == ["05754"]
    assert len(at.get("plotly_chart")) == 1  # lazy tabs: only the open one (Zeitreihe) runs
    series = at.dataframe[0].value
    barntrup = series[series["AGS"] == "05766012"].set_index("Jahr")
    assert barntrup.loc[2025, "Anzeige"] == "."
    assert barntrup.loc[2025, "Status"] == "geheim"
    assert pd.isna(barntrup.loc[2025, "Wert (%)"])  # no number, never 0
    assert set(series["AGS"]) == {"05766012", "05766", "05", "057", "05754"}  # a Gemeinde: with its Kreis
    stored = db.query("SELECT value FROM mart.indicator_values WHERE indicator_id = 'childcare_rate_u3' "
                      "AND ags = '05' AND year = 2023")["value"].iloc[0]
    nrw = series[(series["AGS"] == "05") & (series["Jahr"] == 2023)]
    assert nrw.iloc[0]["Wert (%)"] == stored
    assert nrw.iloc[0]["Anzeige"] == fmt.fmt_value(stored, "ok", 1, "%")
    alt = "Textalternative: " + escape(
        "Liniendiagramm Betreuungsquote der unter 3-Jährigen für Barntrup im Vergleich "
        "mit Kreis Gütersloh, Kreis Lippe, Nordrhein-Westfalen, Regierungsbezirk Detmold von 2021 (24,1 %) "
        "bis 2025 (.).")
    assert alt in texts(at)
    at = run_page(EXPLORER, indicator="childcare_rate_u3", region="05766012", year="2025", level="gemeinde",
                  peers="05754", ansicht="Rangfolge", tables=True)  # the tab as its URL parameter names it
    ranking = at.dataframe[0].value
    assert len(ranking) == 16
    assert ranking.iloc[-1]["AGS"] == "05766012"  # no value: listed last


def test_explorer_switching_indicator_keeps_valid_year(fixture_env):
    at = run_page(EXPLORER, indicator="population_total", year="2020", ansicht="Rangfolge")
    at.selectbox(key="indicator").set_value("unemployment_rate").run()
    assert not at.exception
    assert at.selectbox(key="year").value == "2025"  # 2020 does not exist for this indicator
    at.segmented_control(key="level").set_value("kreis").run()
    ranking = open_data_tables(at).dataframe[0].value
    assert len(ranking) == 53


def test_explorer_metadata_card(fixture_env):
    at = run_page(EXPLORER, indicator="leavers_without_certificate_share")
    shown = texts(at)
    assert "**Zähler:** Zähler von Ohne Abschluss" in shown
    assert "**Rundung:** " + escape("Schuldaten auf 5 gerundet.") in shown
    assert "**Ebenen:** Kreis, Gemeinde" in shown
    assert "**Stand der Daten:** " + escape("13.03.2025, 16:40 Uhr") in shown
    assert escape("Quelle: Statistische Ämter des Bundes und der Länder, Regionaldatenbank Deutschland, "
                  "Tabelle 21111-02-06-4 (Stand 13.03.2025, 16:40 Uhr); eigene Berechnungen") in shown


def test_methodology_lists_catalogue_sources_build_and_findings(fixture_env):
    at = run_page(METHODOLOGY)
    assert not at.exception
    shown = texts(at)
    assert "4 von 4 Indikatoren" in shown
    assert escape("© GeoBasis-DE / BKG … (Verwaltungsgrenzen") in shown
    assert escape("Statistik der Bundesagentur für Arbeit, eigene Berechnungen") in shown
    licence = "- [Datenlizenz Deutschland – Namensnennung – Version 2\\.0](https://www.govdata.de/dl-de/by-2-0)"
    assert licence in shown
    assert escape("Build: build-fixture-1 · erstellt: 26.11.2026, 07:00 Uhr · Version: abc1234") in shown
    findings = frame_with(at, "Meldung")
    assert findings.iloc[0]["Meldung"] == "Teile ergeben nicht die Summe (Rundung)"
    files = frame_with(at, "Datei")
    assert files.iloc[0]["Stand"] == "19.01.2026, 13:58 Uhr"
    sources = frame_with(at, "Namensnennung").set_index("Tabelle")
    assert sources.loc["12411-02-03-4", "Stand"] == "19.01.2026, 13:58 Uhr"
    assert sources.loc["22543-03-01-4", "Stand"] == "nicht geladen"
    legend = next(t.value for t in at.table if "Im Monitor" in t.value.columns)
    symbols = legend.set_index("Zeichen in der Quelle")  # cells escaped: "-" and "*" are no list bullets
    assert symbols.loc[escape("-"), "Anzeige in Tabellen"] == "0"
    assert symbols.loc[escape("*"), "Anzeige in Tabellen"] == escape(".")
    assert symbols.loc[escape("(leeres Feld)"), "In Diagrammen"] == escape("– fehlt")
    assert symbols.loc[escape("."), "Im Monitor"] == escape("kein Wert, nie als 0 (geheim)")


def test_methodology_search_from_url(fixture_env):
    at = run_page(METHODOLOGY, q="quote")
    assert "2 von 4 Indikatoren" in texts(at)
    at.text_input(key="q").set_value("Bevölkerung").run()
    assert "1 von 4 Indikatoren" in texts(at)
    assert at.query_params["q"] == "Bevölkerung"


def test_missing_warehouse_shows_german_message(tmp_path, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(tmp_path))
    at = run_page(OVERVIEW)
    assert not at.exception
    assert "noch kein Datenstand geladen" in texts(at)


def test_link_from_an_older_build_shows_a_notice(fixture_env):
    at = run_page(OVERVIEW, stand="build-old")
    assert "Dieser Link wurde mit einem anderen Datenstand erstellt" in texts(at)
    assert at.query_params["stand"] == "build-fixture-1"
    at.run()
    assert "anderen Datenstand" not in texts(at)


def test_explorer_level_without_values_shows_a_note(fixture_env):
    for tab in ("Rangfolge", "Karte"):
        at = run_page(EXPLORER, indicator="unemployment_rate", level="gemeinde", region="05766", ansicht=tab)
        assert not at.exception
        infos = [i.value for i in at.info]
        assert len([i for i in infos if i.startswith("Für diese Auswahl liegen keine Werte vor.")]) == 1


def test_metadata_card_shows_no_sql_and_no_ids(fixture_env):
    at = run_page(EXPLORER, indicator="childcare_rate_u3")
    shown = texts(at)
    assert "SELECT" not in shown and "mart." not in shown and "technisch" not in shown
    assert "**Berechnung:** Zähler ÷ Nenner × 100" in shown
    at = run_page(METHODOLOGY)
    labels = [e.label for e in at.expander]
    assert escape("Betreuungsquote der unter 3-Jährigen") in labels
    assert not any("(childcare_rate_u3)" in label for label in labels)
