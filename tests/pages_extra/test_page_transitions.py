"""AppTest runs of the Übergänge page on the fixture warehouse."""

from streamlit.testing.v1 import AppTest

from monitor import db
from monitor.views import flows as views
from tests.data_tables import open_data_tables
from tests.pages_extra import mart_fixture
from tests.pages_extra.fixture_warehouse import STAND

#: the fixture warehouse with its mart (the page reads only mart tables)
mart_warehouse, mart_app = mart_fixture.mart_warehouse, mart_fixture.mart_app
PAGE = "app_pages/transitions.py"


def markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_gemeinde_from_url_shows_known_shares(mart_app):
    app = mart_app(PAGE, region="05766020", jahr_uebergang="2023")
    open_data_tables(app.run())
    assert not app.exception
    assert (
        "**Detmold, Schuljahr 2023/24:** 600 Übergänge aus Klasse 4; davon Gymnasium 43,3 %, "
        "Gesamtschule 26,7 %, Realschule 20,0 %." in markdown(app)
    )
    assert app.selectbox(key="region").value == "05766020"


def test_suppressed_school_type_is_flagged_not_zero(mart_app):
    app = mart_app(PAGE)
    open_data_tables(app.run())
    shares = table_with(app, "Anteil (%)")
    row = shares[(shares["Gebiet"] == "Lügde") & (shares["Schulform"] == "Förderschule")]
    assert row["Status"].item() == "geheim" and row["Anteil (%)"].isna().item()


def test_rechnerische_flows_keep_leavers_and_state_assumption(mart_app):
    app = mart_app(PAGE, jahr_abgang="2024")
    open_data_tables(app.run())
    assert any("Rechnerische Darstellung" in i.value for i in app.info)
    flows = table_with(app, "Personen (rechnerisch)")
    per_cert = flows.groupby("Abschluss")["Personen (rechnerisch)"].sum()
    assert abs(per_cert["ohne Ersten Schulabschluss"] - 182) <= 1  # 180 + (2024 - 2022)
    assert abs(per_cert["Allgemeine Hochschulreife"] - 1252) <= 1
    ahr = flows[flows["Abschluss"] == "Allgemeine Hochschulreife"]
    assert not ahr["Ziel"].str.startswith("Über").any()


def test_market_outcome_numbers(mart_app):
    app = mart_app(PAGE)
    open_data_tables(app.run())
    assert "2.339 gemeldete Bewerber, davon 121 unversorgt und 300 mit Alternative" in markdown(app)
    outcome = table_with(app, "Verbleib")
    placed = outcome[outcome["Verbleib"].str.startswith("eingemündet")]
    assert placed["Personen"].tolist() == [1918.0, 1918.0]  # 2339 - 300 - 121


def test_primus_and_other_schools_have_their_labels(mart_app):
    app = mart_app(PAGE, jahr_uebergang="2024")
    open_data_tables(app.run())
    shares = table_with(app, "Anteil (%)")
    lage = shares[shares["Gebiet"] == "Lage"].set_index("Schulform")
    total = lage["Übergänge"].sum()
    assert lage.loc["PRIMUS-Schule", "Übergänge"] == 10 and lage.loc["Sonstige", "Übergänge"] == 5
    assert lage.loc["PRIMUS-Schule", "Anteil (%)"] == round(10 / total * 100, 1)


def test_source_lines_name_the_loaded_tables_with_stand(page_warehouse, monkeypatch):
    monkeypatch.setenv(db.ENV_DIR, str(page_warehouse))
    stand = "08.02.2026, 02:47 Uhr"
    assert STAND == "2026-02-08T02:47:00"
    assert views.source("transitions") == (
        "Quelle: lokale Daten des Kreises (Vorlage), "
        f"Tabelle LOCAL-UEBERGAENGE (Stand {stand}); eigene Berechnungen")
    # 21311-01-01-4-B has no file in the build: not named
    assert views.source("sectors") == (
        "Quelle: lokale Daten des Kreises (Vorlage), "
        f"Tabelle LOCAL-IABE (Stand {stand}); Statistische Ämter des "
        f"Bundes und der Länder, Regionaldatenbank Deutschland, Tabelle 21311-01-01-4 (Stand {stand}); "
        "eigene Berechnungen")
