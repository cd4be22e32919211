"""AppTest runs of the Vergleich page on the fixture warehouse."""

from streamlit.testing.v1 import AppTest

PAGE = "pages/compare.py"


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_peers_listed_with_distance_and_lippe_first(page_app):
    app = page_app(PAGE)
    app.run()
    assert not app.exception
    peers = table_with(app, "Distanz")
    assert peers["Kreis"].iloc[0] == "Kreis Lippe" and peers["Distanz"].iloc[0] == "0,00"
    assert len(peers) == 6  # Lippe + k = 5 peers
    assert peers["Einwohnerzahl"].iloc[0] == "347.149"
    assert "Kreise ähnlicher Struktur:" in app.markdown[0].value


def test_owl_group_from_url_ranks_unemployment(page_app):
    app = page_app(PAGE, gruppe="owl", indikatoren="unemployment_rate,childcare_rate_u3")
    app.run()
    assert not app.exception
    ranks = table_with(app, "Lesart").set_index("Indikator")
    # Lippe 5.5 % is the lowest rate in the fixture → rank 1 of Lippe + 6 OWL regions
    assert ranks.loc["Arbeitslosenquote", "Wert"] == "5,5 %"
    assert ranks.loc["Arbeitslosenquote", "Rang"] == "1 von 7"
    # Höxter (05762) has a suppressed U3 rate: not ranked, shown as unknown
    childcare = next(d.value for d in app.dataframe if "Region" in d.value.columns
                     and (d.value["Region"] == "Kreis Höxter").any() and d.value["Status"].eq("geheim").any())
    hoexter = childcare[childcare["Region"] == "Kreis Höxter"]
    assert hoexter["Rang"].isna().item() and hoexter["Wert"].isna().item()
    assert ranks.loc["Betreuungsquote unter 3 Jahre", "Rang"].endswith("von 6")


def test_indicator_selection_changes_panels(page_app):
    app = page_app(PAGE, indikatoren="leavers_abitur_share")
    app.run()
    assert app.multiselect(key="indikatoren").value == ["leavers_abitur_share"]
    ranks = table_with(app, "Lesart")
    assert ranks["Indikator"].tolist() == ["Abgänger mit allgemeiner Hochschulreife"]
    app.multiselect(key="indikatoren").select("unemployment_rate").run()
    assert "unemployment_rate" in str(app.query_params["indikatoren"])
    assert len(table_with(app, "Lesart")) == 2
