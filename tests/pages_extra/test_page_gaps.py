"""AppTest runs of the Versorgungslücken page on the fixture warehouse (known values in its docstring)."""

from streamlit.testing.v1 import AppTest

PAGE = "app_pages/gaps.py"


def markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def rank_row(app: AppTest, area: str, column: str) -> str:
    """Cell of the first ranked table (column ``Rang``) that lists ``area``."""
    for element in app.dataframe:
        frame = element.value
        if "Rang" in frame.columns and column in frame.columns and (frame.iloc[:, 1] == area).any():
            return frame.loc[frame.iloc[:, 1] == area, column].item()
    raise AssertionError(f"{area} not in a ranked table")


def test_defaults_show_known_gap_and_unknown_for_suppressed(page_app):
    app = page_app(PAGE)
    app.run()
    assert not app.exception
    assert rank_row(app, "Jugendamt Detmold", "Lücke") == "124"  # 1830 * 0.45 - 700
    assert rank_row(app, "Jugendamt Lage", "Lücke") == "."  # secret population, not 0
    assert rank_row(app, "Jugendamt Lage", "Rang") == "–"
    assert "Bedarfsquote 45 %" in markdown(app)
    assert str(app.query_params["quote_u3"]) in {"45", "['45']"}


def test_rate_from_url_and_from_slider(page_app):
    app = page_app(PAGE, quote_u3="50")
    app.run()
    assert rank_row(app, "Jugendamt Detmold", "Lücke") == "215"  # 1830 * 0.5 - 700
    app.slider(key="quote_u3").set_value(40).run()
    assert rank_row(app, "Jugendamt Detmold", "Lücke") == "32"  # 732 - 700
    assert "40" in str(app.query_params["quote_u3"])


def test_gemeinde_level_projection_and_training(page_app):
    app = page_app(PAGE, ebene="gemeinde", ziel_kita="2030", jahr_ausbildung="2024")
    app.run()
    assert not app.exception
    assert rank_row(app, "Lage", "Kinder") == "."
    # Detmold: own projection 2030/2025 = 0.95 → 1830 * 0.95 = 1738.5 children, demand 782.3
    assert rank_row(app, "Detmold", "Bedarf") == "782"
    assert "Kinder vorausberechnet für 2030" in markdown(app)
    assert "Berufsgruppe" not in markdown(app)  # lazy tabs: the closed ones do not run
    app = page_app(PAGE, ebene="gemeinde", ziel_kita="2030", jahr_ausbildung="2024",
                   bereich="Ausbildungsplätze")
    app.run()
    assert not app.exception
    # the groups by code and name, never by code alone
    assert "Berufsgruppe **71 Berufe in Unternehmensführung und \\-organisation** (110 mehr Bewerber " \
        "als Stellen)" in markdown(app)
    assert "Berufsgruppe **62 Verkaufsberufe** (50 Stellen mehr)" in markdown(app)
    assert app.selectbox(key="jahr_ausbildung").value == "2024"
    assert "2023/24" in app.selectbox(key="jahr_ausbildung").options  # labelled as in the texts


def test_ogs_before_the_legal_right_has_no_gap(page_app):
    app = page_app(PAGE, schuljahr_ogs="2025", bereich="Offener Ganztag")
    app.run()
    assert "Rechtsanspruch für 0 von 4 Klassen" in markdown(app)
    assert "In keiner Region fehlen rechnerisch Plätze (OGS" in markdown(app)


def test_invalid_url_values_fall_back_to_defaults(page_app):
    app = page_app(PAGE, quote_u3="abc", ebene="mond", alter="x")
    app.run()
    assert not app.exception
    assert rank_row(app, "Jugendamt Detmold", "Lücke") == "124"


def test_kreis_without_jugendamt_mapping_works_per_gemeinde(page_app, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05762")  # Höxter: no Jugendämter, no Gemeinden here
    app = page_app(PAGE, ebene="jugendamt")
    app.run()
    assert not app.exception
    assert [r.options for r in app.radio if r.label == "Ebene"] == [["Gemeinde"]]
    note = "\n".join(c.value for c in app.caption).replace("\\", "")  # markdown escapes
    assert "Kreis Höxter" in note and "catalogue/jugendamt_mapping.csv" in note
    app = page_app(PAGE, ebene="jugendamt", bereich="Ausbildungsplätze")
    app.run()
    assert not app.exception
    infos = "\n".join(i.value for i in app.info)
    assert "Für Kreis Höxter liegen keine Zahlen zum Ausbildungsmarkt vor." in infos
