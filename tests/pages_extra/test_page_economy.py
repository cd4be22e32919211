"""AppTest runs of the Bildung & Wirtschaft page on the fixture warehouse."""

import pytest
from streamlit.testing.v1 import AppTest

from monitor.markup import escape
from tests.data_tables import open_data_tables
from tests.pages_extra import mart_fixture

#: the fixture warehouse with its mart (the page reads only mart tables)
mart_warehouse, mart_app = mart_fixture.mart_warehouse, mart_fixture.mart_app
PAGE = "app_pages/economy.py"


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_training_mapped_to_sectors_and_mismatch(mart_app):
    app = mart_app(PAGE)
    open_data_tables(app.run())
    assert not app.exception
    sectors = table_with(app, "Ausbildungsstellen (zugeordnet)").set_index("Wirtschaftsbereich")
    assert "darunter Verarbeitendes Gewerbe (C)" not in sectors.index  # part of B-E, not counted twice
    assert len(sectors) == 10  # the positions that add up to all employees
    production = sectors.loc["Produzierendes Gewerbe ohne Baugewerbe (B-E)"]
    # groups 25 (0.6 × 180), 26 (0.7 × 300) and 71 (0.3 × 220) → 384 places for 38,400 employees
    assert production["Ausbildungsstellen (zugeordnet)"] == pytest.approx(384.0)
    assert production["Beschäftigte"] == 38_400
    assert production["Stellen je 100 Beschäftigte"] == pytest.approx(1.0)
    mismatch = table_with(app, "Unversorgte je 100 unbesetzte Stellen").set_index("Berufsgruppe")
    assert mismatch.loc["71 Berufe in Unternehmensführung und -organisation"].iloc[2] == pytest.approx(750.0)
    health = mismatch.loc["81 Medizinische Gesundheitsberufe"]
    assert health["Status"] == "geheim"  # unfilled places suppressed → ratio unknown, not 0


def test_year_from_url_and_key_industry_text(mart_app):
    app = mart_app(PAGE, jahr_wirtschaft="2023")
    open_data_tables(app.run())
    assert not app.exception
    assert app.selectbox(key="jahr_wirtschaft").value == 2023
    lq = table_with(app, "Standortquotient").set_index("Abschnitte")
    assert lq.loc["C", "Wirtschaftsbereich"] == "darunter Verarbeitendes Gewerbe (C)"
    assert not {"B-F", "G-U"} & set(lq.index)  # aggregates of other rows are not ranked
    share = lq.loc["B-E", "Anteil Region (%)"]
    assert share == pytest.approx(round(38_400 / lq["Beschäftigte"].drop("C").sum() * 100, 1))
    text = "\n".join(m.value for m in app.markdown)
    # shown literally
    assert text.startswith(escape("Schlüsselbranchen: Produzierendes Gewerbe ohne Baugewerbe (B-E) ("))
    assert f"{share:.1f}".replace(".", ",") + " % der Beschäftigten" in text
    assert any("2023" in c.value for c in app.caption if c.value.startswith("Textalternative"))


def test_apprentices_per_100_employees_aged_50_and_over(mart_app):
    app = mart_app(PAGE)
    open_data_tables(app.run())
    assert not app.exception
    rates = table_with(app, "Kennzahl")
    year = rates[rates["Jahr"] == "2024"].set_index("Kennzahl")
    total = year.loc["Auszubildende je 100 Beschäftigte (Ausbildungsquote)", "Beschäftigte"]
    older = year.loc["Auszubildende je 100 Beschäftigte ab 50 Jahren"]
    # 50 to under 60, 60 to under 65 and 65 and over: 20 %, 8 % and 2 % of all employees
    assert older["Beschäftigte"] == sum(round(total * share) for share in (0.2, 0.08, 0.02))
    assert older["Auszubildende"] == 6300
    assert older["Wert"] == pytest.approx(round(6300 / older["Beschäftigte"] * 100, 2))
