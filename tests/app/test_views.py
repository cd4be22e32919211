"""The view builders of Übersicht, Indikatoren and Daten & Methodik on the hand-made warehouse: typed
catalogue entries in, known values out; comparisons follow the configured home Kreis."""

import dataclasses

import pandas as pd
import pytest

from monitor import charts
from monitor.queries import indicators, meta, regions
from monitor.views import common, methodology, overview
from monitor.views import indicators as views

LIPPE, BARNTRUP, NRW, RB, GUETERSLOH = "05766", "05766012", "05", "057", "05754"
OWL = ["05711", "05754", "05758", "05762", "05770", "05774"]


@pytest.fixture
def u3(fixture_env):
    return indicators.indicator("childcare_rate_u3")


# --- Übersicht ---------------------------------------------------------------------------------------


def test_kpi_cards_of_the_home_kreis(fixture_env):
    cards, without = overview.kpi_cards(LIPPE)
    assert without == []
    by_id = {card.id: card for card in cards}
    assert list(by_id) == ["population_total", "childcare_rate_u3", "leavers_without_certificate_share"]
    population, u3, leavers = by_id.values()
    assert (population.title, population.value_text, population.period_text) == ("Bevölkerung", "347.149",
                                                                                  "31.12.2024")
    assert population.reference_text == ""  # counts are not compared with the Land
    assert (population.change_text, population.trend, population.judgement) == ("−0,8 %", "down",
                                                                                 "no_direction")
    assert (u3.value_text, u3.trend, u3.judgement) == ("33,1 %", "flat", "neutral")  # rounding noise
    assert u3.reference_text == "Nordrhein-Westfalen: 32,8 %"
    assert (leavers.change_text, leavers.judgement) == ("+0,9 Pp.", "worse")  # lower is better, rose
    assert leavers.sentence == ("Ohne Abschluss in Kreis Lippe (2024): 6,9 % – gegenüber 2023 gestiegen "
                                "(+0,9 Pp.); über dem Wert für Nordrhein-Westfalen (6,3 %).")
    assert leavers.life_phase == "Schule" and leavers.provenance == "synthetic"


def test_kpi_card_of_a_suppressed_value(fixture_env):
    cards, _ = overview.kpi_cards(BARNTRUP)
    card = next(c for c in cards if c.id == "childcare_rate_u3")
    assert (card.value_text, card.status, card.trend, card.judgement) == (".", "secret", "none", "none")
    assert card.sentence == "Betreuung U3 in Barntrup (2025): Wert geheim – keine Aussage möglich."


def test_kpi_cards_reference(fixture_env):
    cards, _ = overview.kpi_cards(NRW)  # the Land is its own reference: no comparison
    assert all(c.reference_text == "" for c in cards)
    cards, _ = overview.kpi_cards(LIPPE, reference=RB)
    assert next(c for c in cards if c.id == "childcare_rate_u3").reference_text == \
        "Regierungsbezirk Detmold: 32,5 %"


def test_region_without_values_lists_the_headline_titles(fixture_env):
    cards, without = overview.kpi_cards("JA05766K")
    assert cards == []
    assert without == ["Bevölkerung insgesamt", "Betreuungsquote der unter 3-Jährigen",
                       "Schulabgänger ohne Ersten Schulabschluss"]
    assert overview.without_text(without).startswith("Für diese Region nicht verfügbar: Bevölkerung "
                                                     "insgesamt, ")
    assert overview.without_text([]) == ""


def test_land_of_walks_up_the_region_dimension(fixture_env):
    assert [regions.land_of(a) for a in (LIPPE, BARNTRUP, "JA05766K", RB, NRW)] == [NRW] * 5
    assert regions.land_of("nonsense") == NRW  # unknown key: the home Land


def test_title_and_intro_name_the_home_region(fixture_env, monkeypatch):
    assert overview.title() == "Bildungsmonitor Kreis Lippe"
    assert overview.intro().endswith("Vergleich mit Nordrhein-Westfalen.")
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", GUETERSLOH)
    assert overview.title() == "Bildungsmonitor Kreis Gütersloh"


def test_symbol_hint_from_the_status_vocabulary():
    assert common.symbol_hint() == ("Zeichen: . geheim · / nicht sicher genug · ... fällt später an · "
                                    "x nicht sinnvoll · – fehlt.")


# --- region choices ----------------------------------------------------------------------------------


def test_region_choices_follow_the_home_kreis(fixture_env, monkeypatch):
    regions = views.overview_regions()
    assert len(regions) == 30
    assert regions[0] == LIPPE and regions[1:17] == [f"0576{n:04d}" for n in range(6004, 6068, 4)]
    assert regions[17:22] == ["JA05766008", "JA05766020", "JA05766040", "JA05766044", "JA05766K"]
    assert regions[22:] == [NRW, RB, *[a for a in OWL]]
    assert len(views.explorer_regions()) == 30 + 53 - 7  # plus the other Kreise of the Land
    peers = views.peer_options(BARNTRUP)
    assert peers[:7] == [LIPPE, *OWL] and BARNTRUP not in peers and len(peers) == 53 + 15
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", GUETERSLOH)
    assert views.overview_regions() == [GUETERSLOH, NRW, RB, "05711", "05758", "05762", LIPPE, "05770",
                                        "05774"]
    assert views.ranking_levels()["gemeinde"] == "Gemeinden im Kreis Gütersloh"
    assert views.peer_options(GUETERSLOH)[0] == "05711"


def test_ranking_levels_name_home_kreis_and_land(fixture_env):
    assert views.ranking_levels() == {"gemeinde": "Gemeinden im Kreis Lippe",
                                      "kreis": "Kreise und kreisfreie Städte in Nordrhein-Westfalen"}
    assert views.default_level(indicators.indicator("unemployment_rate")) == "kreis"  # no Gemeinde values
    assert views.default_level(indicators.indicator("childcare_rate_u3")) == "gemeinde"


# --- Indikatoren -------------------------------------------------------------------------------------


def test_series_view_compares_a_gemeinde_with_its_kreis_land_and_rb(fixture_env, u3):
    view = views.series_view(u3, BARNTRUP, [GUETERSLOH], meta.build_info())
    assert list(dict.fromkeys(view.data["AGS"])) == [BARNTRUP, LIPPE, NRW, RB, GUETERSLOH]
    barntrup = view.data[view.data["AGS"] == BARNTRUP].set_index("Jahr")
    assert barntrup.loc[2025, "Anzeige"] == "." and pd.isna(barntrup.loc[2025, "Wert (%)"])
    assert view.alt_text == ("Liniendiagramm Betreuungsquote der unter 3-Jährigen für Barntrup im Vergleich "
                             "mit Kreis Gütersloh, Kreis Lippe, Nordrhein-Westfalen, Regierungsbezirk "
                             "Detmold von 2021 (24,1 %) bis 2025 (.).")
    assert view.filename == "betreuung_u3_zeitreihe_Barntrup"
    assert view.meta["Region"] == "Barntrup"


def test_series_view_of_counts_has_no_land_line(fixture_env):
    entry = indicators.indicator("population_total")
    view = views.series_view(entry, LIPPE, [GUETERSLOH], meta.build_info())
    assert set(view.data["AGS"]) == {LIPPE, GUETERSLOH}
    assert view.alt_text == ("Liniendiagramm Bevölkerung insgesamt für Kreis Lippe im Vergleich mit Kreis "
                             "Gütersloh von 31.12.2020 (348.391) bis 31.12.2024 (347.149).")
    frame, keys = views.series_frame(entry, LIPPE, [])
    assert keys == [LIPPE] and views.series_alt(entry, frame.iloc[0:0], LIPPE) == \
        "Liniendiagramm Bevölkerung insgesamt: für Kreis Lippe liegen keine Werte vor."


def test_ranking_view_of_the_gemeinden(fixture_env, u3):
    view = views.ranking_view(u3, 2025, "gemeinde", BARNTRUP, meta.build_info())
    assert len(view.data) == 16 and view.data.iloc[-1]["AGS"] == BARNTRUP  # no value: listed last
    assert view.data.iloc[0]["Anzeige"] == "39,7 %"
    assert view.alt_text == ("Balkendiagramm Betreuungsquote der unter 3-Jährigen 2025 für 16 Gemeinden im "
                             "Kreis Lippe: höchster Wert Lemgo (39,7 %), niedrigster Wert Leopoldshöhe "
                             "(26,4 %). 1 Region ohne Wert (geheim, unsicher oder fehlend).")
    assert views.ranking_reference(u3, 2025, "gemeinde") == ("Kreis Lippe", 33.06)
    assert views.ranking_reference(u3, 2025, "kreis") == ("Nordrhein-Westfalen", 32.8)
    assert views.ranking_reference(u3, 2019, "kreis") is None


def test_ranking_and_map_of_the_kreise_of_the_land(fixture_env, u3):
    view = views.ranking_view(u3, 2025, "kreis", LIPPE, meta.build_info())
    assert len(view.data) == 53
    assert view.alt_text.startswith("Balkendiagramm Betreuungsquote der unter 3-Jährigen 2025 für 53 Kreise "
                                     "und kreisfreie Städte in Nordrhein-Westfalen: höchster Wert Herne")
    shown = views.map_view(u3, 2025, "gemeinde", BARNTRUP, meta.build_info())
    assert shown.alt_text.startswith("Karte Betreuungsquote der unter 3-Jährigen 2025 für 16 Gemeinden")
    assert shown.filename == "betreuung_u3_karte_gemeinden_2025_Lippe" and len(shown.data) == 16
    empty = views.ranking_view(indicators.indicator("unemployment_rate"), 2025, "gemeinde", LIPPE,
                               meta.build_info())
    assert empty.data.empty and empty.alt_text.endswith("2025: keine Werte vorhanden.")


def test_source_and_attribution_texts(fixture_env):
    entry = indicators.indicator("leavers_without_certificate_share")
    assert views.source_text(entry) == ("Quelle: Statistische Ämter des Bundes und der Länder, "
                                        "Regionaldatenbank Deutschland, Tabelle 21111-02-06-4 (Stand "
                                        "13.03.2025, 16:40 Uhr); eigene Berechnungen")
    assert views.attribution_text(entry).startswith("© Statistische Ämter des Bundes und der Länder, "
                                                    "Deutschland, 2025.")
    assert views.stand(entry) == "2025-03-13T16:40:08"
    assert views.choice_label(entry) == "Schule – Schulabgänger ohne Ersten Schulabschluss"


def test_download_meta_names_source_licence_stand_and_definition(fixture_env):
    entry = indicators.indicator("population_total")
    sheet = common.download_meta(entry, meta.build_info(), LIPPE)
    assert sheet["Quelle"] == ("Quelle: Statistische Ämter des Bundes und der Länder, Regionaldatenbank "
                              "Deutschland, Tabelle 12411-02-03-4 (Stand 19.01.2026, 13:58 Uhr); "
                              "eigene Berechnungen")
    assert sheet["Lizenz und Namensnennung"].startswith("© Statistische Ämter des Bundes und der Länder, "
                                                       "Deutschland, 2026. Dieses Werk ist lizenziert")
    assert sheet["Stand der Daten"] == "19.01.2026, 13:58 Uhr"
    assert sheet["Definition"] == "Definition von Bevölkerung insgesamt."
    assert sheet["Brüche in der Zeitreihe"] == "ab 2022: Ab 2022 Zensus 2022.; Zensus-2022-Bruch."
    assert sheet["Region"] == "Kreis Lippe"
    assert sheet["Hinweis"].startswith("Demodaten")


# --- Daten & Methodik --------------------------------------------------------------------------------


def test_catalogue_search_over_typed_entries(fixture_env):
    assert [e.id for e in methodology.catalogue_search("quote")] == ["childcare_rate_u3", "unemployment_rate"]
    assert [e.id for e in methodology.catalogue_search("BEVÖLKERUNG insgesamt")] == ["population_total"]
    assert [e.id for e in methodology.catalogue_search("frühe bildung")] == ["childcare_rate_u3"]  # area
    everything = methodology.catalogue_search("  ")
    assert len(everything) == 4 and methodology.count_text(everything) == "4 von 4 Indikatoren"
    groups = methodology.by_area(everything)
    assert [area for area, _ in groups] == ["Rahmenbedingungen", "Frühe Bildung", "Schule",
                                            "Arbeit & Wirtschaft"]
    assert [(e.id, stand) for e, stand in groups[0][1]] == [("population_total", "2026-01-19T13:58:12")]
    assert groups[1][1][0][1] is None  # no file of its table in the build


def test_sources_overview_and_attributions(fixture_env):
    table = methodology.sources_overview().set_index("Tabelle")
    assert table.loc["12411-02-03-4", "Stand"] == "19.01.2026, 13:58 Uhr"
    assert table.loc["12411-02-03-4", "Namensnennung"].startswith("© Statistische Ämter des Bundes und der "
                                                                  "Länder, Deutschland, 2026.")
    assert table.loc["12411-01-01-4", "Stand"] == "nicht geladen"
    assert table.loc["12411-01-01-4", "Belegt"].startswith("Aufbau in einer echten Datei gesehen; Codes in "
                                                           "einer echten Datei gesehen.")
    texts = methodology.attributions()
    assert "Statistik der Bundesagentur für Arbeit, eigene Berechnungen" in texts
    assert any(t.startswith("© GeoBasis-DE / BKG …") for t in texts)
    assert ("Datenlizenz Deutschland – Namensnennung – Version 2.0", "https://www.govdata.de/dl-de/by-2-0") \
        in methodology.licences()


def test_unsafe_licence_address_is_not_linked(fixture_env, monkeypatch):
    monkeypatch.setattr(methodology.sources, "licences", lambda: [("L", "javascript:alert(1)"),
                                                                  ("M", "https://x.example/a)(b")])
    assert methodology.licences() == [("L", ""), ("M", "")]


def test_files_findings_and_build_line(fixture_env):
    files = methodology.files_overview()
    assert files.iloc[0]["Datei"] == "12411-02-03-4_flat.csv"
    assert files.iloc[0]["Stand"] == "19.01.2026, 13:58 Uhr"
    findings = methodology.findings_overview()
    assert findings.iloc[0].to_dict() == {"Schwere": "Warnung", "Regel": "sum_check",
                                          "Datei": "21111-02-06-4.csv", "Zeile": 17,
                                          "Tabelle": "21111-02-06-4",
                                          "Meldung": "Teile ergeben nicht die Summe (Rundung)"}
    assert methodology.build_line(meta.build_info()) == ("Build: build-fixture-1 · erstellt: 26.11.2026, "
                                                         "07:00 Uhr · Version: abc1234")


def test_coverage_view_counts_values_by_status(fixture_env):
    view = methodology.coverage_view(meta.build_info())
    assert view.data.to_dict("records") == [
        {"Status": "ohne Kennzeichen", "Zeichen": "", "Anzahl Werte": 1167},
        {"Status": "geheim", "Zeichen": ".", "Anzahl Werte": 1}]
    assert view.alt_text.startswith("Balkendiagramm: 1.168 Indikatorwerte, davon 1.167 mit Zahl;")
    assert view.meta == {"Datenstand (Build)": "build-fixture-1"}


def test_symbol_legend_from_the_status_vocabulary():
    legend = methodology.symbol_legend()
    rows = {r["Zeichen in der Quelle"]: (r["Im Monitor"], r["Anzeige in Tabellen"])
            for r in legend.to_dict("records")}
    assert rows["-"] == ("Wert 0, angezeigt als Zahl 0 (nie als Strich)", "0")  # a true zero is never a dash
    assert rows["."] == rows["*"] == ("kein Wert, nie als 0 (geheim)", ".")
    assert rows["/"] == ("kein Wert, nie als 0 (nicht sicher genug)", "/")
    assert rows["(leeres Feld)"] == ("kein Wert, nie als 0 (fehlt)", "–")
    markers = dict(zip(legend["Zeichen in der Quelle"], legend["In Diagrammen"], strict=True))
    assert markers["(leeres Feld)"] == "– fehlt" and markers["x"] == "x nicht sinnvoll"
    assert markers["-"] == "" and markers["p"] == ""  # values with a number get no marker
    # the chart marker is the same text
    data = pd.DataFrame({"label": ["A", "B"], "value": [None, 1.0], "status": ["missing", "ok"]})
    fig = charts.bar_ranking(data, category="label", value="value", title="T", unit="%", source="Q")
    assert list(next(t for t in fig.data if t.name == charts.MISSING_LEGEND).text) == ["– fehlt"]
    assert "Bindestrich „-“" in methodology.DASHES and "„– fehlt“" in methodology.DASHES
    assert rows["( )"] == ("Wert mit Kennzeichen (eingeschränkt)", "(1.234)")
    assert rows["p"] == ("Wert mit Kennzeichen (vorläufig)", "1.234p")
    assert rows["e"] == ("Wert", "1.234")
    assert len(legend) == 13



def test_explorer_periods_follow_the_period_type(fixture_env, u3):
    kita = dataclasses.replace(u3, stichtag="01.03. (Kinder), 31.12. des Vorjahres (Bevölkerung)")
    assert views.year_selector_label(kita) == "Kita-Jahr"
    assert views.year_options(kita, [2024, 2025]) == {"2025": "2024/25", "2024": "2023/24"}
    frame, _ = views.series_frame(kita, BARNTRUP, [])
    assert list(dict.fromkeys(frame["when"])) == ["2020/21", "2021/22", "2022/23", "2023/24", "2024/25"]
    assert views.series_alt(kita, frame, BARNTRUP).endswith("von Kita-Jahr 2020/21 (24,1 %) bis Kita-Jahr "
                                                             "2024/25 (.).")
    ranking = views.ranking_view(kita, 2025, "gemeinde", BARNTRUP, meta.build_info())
    title = ranking.fig.layout.title.text.replace("<br>", " ")
    assert "Betreuung U3 Kita-Jahr 2024/25: Gemeinden im Kreis Lippe" in title
    population = indicators.indicator("population_total")
    assert views.year_selector_label(population) == "Jahr (Stichtag 31.12.)"
    assert views.year_options(population, [2024]) == {"2024": "2024"}


def test_a_jugendamt_is_compared_with_its_kreis(fixture_env, u3):
    home = regions.home()
    assert views.kreis_of(home.gemeinden[0]) == LIPPE
    assert views.kreis_of(LIPPE) is None and views.kreis_of(NRW) is None
    mapped = dataclasses.replace(home, jugendaemter=("JA05766K",))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(regions, "home", lambda: mapped)
        assert views.kreis_of("JA05766K") == LIPPE  # its series is compared with the Kreis
        assert "JA05766K" in views.overview_regions() and "JA05766K" in views.explorer_regions()


def test_files_overview_groups_thousands(fixture_env, monkeypatch):
    files = pd.DataFrame({"file_name": ["a.csv"], "table_code": ["T"], "format": ["ffcsv"],
                          "stand": ["2026-01-19"], "rows": [633788], "loaded_at": ["2026-01-19 13:58:00"]})
    monkeypatch.setattr(meta, "loaded_files", lambda: files)
    methodology.files_overview.cache_clear()  # cached per build: this build's real files were read before
    assert methodology.files_overview()["Zeilen"].tolist() == ["633.788"]
    methodology.files_overview.cache_clear()
