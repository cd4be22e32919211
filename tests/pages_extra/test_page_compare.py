"""AppTest runs of the Vergleich page on the demo warehouse (known values from the mart)."""

from streamlit.testing.v1 import AppTest

from monitor import fmt
from monitor.markup import escape
from tests.data_tables import open_data_tables

PAGE = "app_pages/compare.py"
LIPPE = "05766"
NEIGHBOURS = ["05711", "05754", "05758", "05762", "05770", "05774"]  # the other Kreise of RB Detmold


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def latest(con, indicator_id: str, regions: list[str]) -> dict[str, float]:
    """Values of the regions in the latest year of Lippe (latest period of the year)."""
    return dict(con.execute(
        "SELECT ags, value FROM mart.indicator_values WHERE indicator_id = ? AND list_contains(?, ags) "
        "AND year = (SELECT max(year) FROM mart.indicator_values WHERE indicator_id = ? AND ags = ?) "
        "QUALIFY row_number() OVER (PARTITION BY ags ORDER BY period DESC) = 1",
        (indicator_id, regions, indicator_id, LIPPE)).fetchall())


def test_peers_listed_with_distance_and_home_first(demo_app, demo_db):
    app = demo_app(PAGE)
    open_data_tables(app.run())
    assert not app.exception
    peers = table_with(app, "Distanz")
    assert peers["Kreis"].tolist() == ["Kreis Lippe", "Hochsauerlandkreis", "Kreis Borken", "Kreis Düren",
                                       "Oberbergischer Kreis", "Märkischer Kreis"]
    assert peers["Distanz"].tolist() == ["0,00", "0,61", "0,65", "0,65", "0,67", "1,07"]
    population = demo_db.execute("SELECT value FROM mart.population_bands WHERE ags = ? AND band = 'total' "
                                 "ORDER BY year DESC LIMIT 1", (LIPPE,)).fetchone()[0]
    assert peers["Einwohnerzahl"].iloc[0] == fmt.fmt_number(population) == "346.491"
    text = app.markdown[0].value
    assert text.startswith("**Kreise ähnlicher Struktur:** Hochsauerlandkreis, Kreis Borken")
    assert "Datenjahre: Einwohnerzahl 2025, Industrieanteil 2025, Arbeitslosenquote 2025." in text
    assert escape("Distanz 0 = Kreis Lippe selbst") in app.caption[0].value


def test_neighbour_group_from_url_ranks_unemployment(demo_app, demo_db):
    app = demo_app(PAGE, gruppe="nachbarn", indikatoren="unemployment_rate,childcare_rate_u3")
    open_data_tables(app.run())
    assert not app.exception
    ranks = table_with(app, "Lesart").set_index("Indikator")
    assert list(ranks.columns) == ["Wert", "Rang", "Lesart", "Nordrhein-Westfalen"]
    values = latest(demo_db, "unemployment_rate", [LIPPE, *NEIGHBOURS, "05"])
    own = values[LIPPE]
    better = sum(1 for a in NEIGHBOURS if values[a] < own)  # lower is better
    row = ranks.loc["Arbeitslosenquote bezogen auf alle zivilen Erwerbspersonen"]
    assert row["Rang"] == f"{better + 1} von 7"
    assert row["Wert"] == fmt.fmt_value(own, "ok", 1, "%")
    assert row["Nordrhein-Westfalen"] == fmt.fmt_value(values["05"], "ok", 1, "%")
    panel = next(d.value for d in app.dataframe if "Rang" in d.value.columns and "Jahr" in d.value.columns)
    assert len(panel) == 7 and set(panel["Region"]) >= {"Kreis Lippe", "Bielefeld", "Kreis Höxter"}


def test_indicator_selection_changes_panels(demo_app):
    app = demo_app(PAGE, indikatoren="leavers_abitur_share")
    open_data_tables(app.run())
    assert app.multiselect(key="indikatoren").value == ["leavers_abitur_share"]
    ranks = table_with(app, "Lesart")
    assert ranks["Indikator"].tolist() == ["Anteil der Schulabgänger mit allgemeiner Hochschulreife"]
    assert ranks["Rang"].tolist() == ["6 von 12"]  # Lippe + 6 neighbours + 5 peers
    app.multiselect(key="indikatoren").select("unemployment_rate").run()
    assert "unemployment_rate" in str(app.query_params["indikatoren"])
    assert len(table_with(app, "Lesart")) == 2


def test_another_home_kreis(demo_app, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05754")  # Kreis Gütersloh
    app = demo_app(PAGE, gruppe="nachbarn", indikatoren="unemployment_rate")
    open_data_tables(app.run())
    assert not app.exception
    peers = table_with(app, "Distanz")
    assert peers["Kreis"].iloc[0] == "Kreis Gütersloh" and peers["Distanz"].iloc[0] == "0,00"
    assert "Kreis Lippe" not in peers["Kreis"].tolist()[:1]
    panel = next(d.value for d in app.dataframe if "Jahr" in d.value.columns)
    assert "Kreis Lippe" in set(panel["Region"]) and len(panel) == 7
    assert any(h.value == "Rangfolge von Kreis Gütersloh" for h in app.subheader)
