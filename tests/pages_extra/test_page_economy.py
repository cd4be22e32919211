"""AppTest runs of the Bildung & Wirtschaft page on the fixture warehouse."""

import pytest
from streamlit.testing.v1 import AppTest

from monitor.markup import escape

PAGE = "pages/economy.py"


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_training_mapped_to_sectors_and_mismatch(page_app):
    app = page_app(PAGE)
    app.run()
    assert not app.exception
    sectors = table_with(app, "Ausbildungsstellen (zugeordnet)").set_index("Wirtschaftsabschnitt")
    manufacturing = sectors.loc["Verarbeitendes Gewerbe"]
    # groups 25 (0.6 × 180), 26 (0.6 × 300) and 71 (0.3 × 220) → 354 places; 55+: 0.25 × 35,000
    assert manufacturing["Ausbildungsstellen (zugeordnet)"] == pytest.approx(354.0)
    assert manufacturing["Beschäftigte ab 55"] == 8750
    assert manufacturing["Stellen je 100 Beschäftigte ab 55"] == pytest.approx(4.0)
    mismatch = table_with(app, "Unversorgte je 100 unbesetzte Stellen").set_index("Berufsgruppe")
    assert mismatch.loc["71 Berufe in Unternehmensführung und -organisation"].iloc[2] == pytest.approx(750.0)
    health = mismatch.loc["81 Medizinische Gesundheitsberufe"]
    assert health["Status"] == "geheim"  # unfilled places suppressed → ratio unknown, not 0


def test_year_from_url_and_key_industry_text(page_app):
    app = page_app(PAGE, jahr_wirtschaft="2023")
    app.run()
    assert not app.exception
    assert app.selectbox(key="jahr_wirtschaft").value == 2023
    lq = table_with(app, "Standortquotient").set_index("Abschnitt")
    share = lq.loc["C", "Anteil Region (%)"]
    text = "\n".join(m.value for m in app.markdown)
    assert text.startswith(escape("Schlüsselbranchen: Verarbeitendes Gewerbe ("))  # shown literally
    assert f"{share:.1f}".replace(".", ",") + " % der Beschäftigten" in text
    assert any("2023" in c.value for c in app.caption if c.value.startswith("Textalternative"))
