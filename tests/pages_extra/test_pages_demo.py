"""The four pages on the demo warehouse (real CLI build): numbers shown match the warehouse."""

from streamlit.testing.v1 import AppTest

from monitor import fmt
from monitor.markup import escape
from tests.data_tables import open_data_tables


def markdown(app: AppTest) -> str:
    return "\n".join(m.value for m in app.markdown)


def table_with(app: AppTest, column: str):
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_gaps_page_shows_warehouse_places(demo_app, demo_db):
    app = demo_app("app_pages/gaps.py", alter="3to6", quote_3to6="90")
    open_data_tables(app.run())
    assert not app.exception
    year, places = demo_db.execute(
        "SELECT year, value FROM core.kita WHERE ags = 'JA05766020' AND age_band = '3to6' "
        "AND measure = 'places' ORDER BY year DESC LIMIT 1"
    ).fetchone()
    ranked = table_with(app, "Rang")
    assert ranked.loc[ranked["Jugendamt"] == "Jugendamt Detmold", "Plätze"].item() == fmt.fmt_number(places)
    assert escape(f"Kita-Jahr {year - 1}/{year % 100:02d}") in markdown(app)  # shown literally
    assert "Bedarfsquote 90 %" in markdown(app)


def test_transitions_page_totals_match(demo_app, demo_db):
    app = demo_app("app_pages/transitions.py", region="05766040")
    open_data_tables(app.run())
    assert not app.exception
    year, total = demo_db.execute(
        "SELECT year, value FROM core.transitions WHERE ags = '05766040' AND school_type = 'total' "
        "ORDER BY year DESC LIMIT 1"
    ).fetchone()
    school_year = f"{year}/{(year + 1) % 100:02d}"
    assert f"**Lage, Schuljahr {school_year}:** {fmt.fmt_number(total)} Übergänge" in markdown(app)


def test_economy_training_rate_matches_mart(demo_app, demo_db):
    app = demo_app("app_pages/economy.py")
    open_data_tables(app.run())
    assert not app.exception
    year, value = demo_db.execute(
        "SELECT year, value FROM mart.indicator_values WHERE indicator_id = 'training_rate' "
        "AND ags = '05766' AND value IS NOT NULL ORDER BY year DESC LIMIT 1"
    ).fetchone()
    rates = table_with(app, "Kennzahl")
    shown = rates[(rates["Jahr"] == str(year)) & rates["Kennzahl"].str.contains("Ausbildungsquote")]
    assert shown["Wert"].item() == round(value, 2)  # the chart reads the catalogue indicator
    apprentices, employees = demo_db.execute(
        "SELECT a.value, e.value FROM core.apprentices a JOIN core.employees e USING (ags, year) "
        "WHERE ags = '05766' AND year = ? AND a.area = 'total' AND a.measure = 'apprentices' "
        "AND e.place = 'work' AND e.wz_section = 'total' AND e.age_group = 'total'", [year]).fetchone()
    assert shown["Wert"].item() == round(apprentices / employees * 100, 2)  # independently from core


def test_economy_location_quotients_match_core(demo_app, demo_db):
    app = demo_app("app_pages/economy.py")
    open_data_tables(app.run())
    assert not app.exception
    lq = table_with(app, "Standortquotient").set_index("Abschnitte")
    year = int(app.selectbox(key="jahr_wirtschaft").value)

    def employees(ags: str, section: str) -> float:
        return demo_db.execute(
            "SELECT value FROM core.employees WHERE ags = ? AND year = ? AND wz_section = ? "
            "AND place = 'work' AND age_group = 'total'", [ags, year, section]).fetchone()[0]

    expected = (employees("05766", "C") / employees("05766", "total")) / (
        employees("05", "C") / employees("05", "total"))
    assert lq.loc["C", "Standortquotient"] == round(expected, 2)
    assert lq.loc["C", "Beschäftigte"] == employees("05766", "C")


def test_compare_page_ranks_lippe_with_mart_values(demo_app, demo_db):
    app = demo_app("app_pages/compare.py", gruppe="nachbarn", indikatoren="unemployment_rate")
    open_data_tables(app.run())
    assert not app.exception
    value = demo_db.execute(
        "SELECT value FROM mart.indicator_values WHERE indicator_id = 'unemployment_rate' AND ags = '05766' "
        "ORDER BY year DESC LIMIT 1"
    ).fetchone()[0]
    ranks = table_with(app, "Lesart")
    assert ranks["Wert"].item() == fmt.fmt_value(value, "ok", 1, "%")
    assert ranks["Rang"].item().endswith("von 7")
    peers = table_with(app, "Distanz")
    assert peers["Kreis"].iloc[0] == "Kreis Lippe" and len(peers) == 6


def test_economy_and_transitions_pages_follow_another_home_kreis(demo_app, demo_db, monkeypatch):
    monkeypatch.setenv("BILDUNGSMONITOR_KREIS", "05754")
    name = demo_db.execute("SELECT name FROM core.regions WHERE ags = '05754'").fetchone()[0]
    app = demo_app("app_pages/transitions.py")
    open_data_tables(app.run())
    assert not app.exception
    assert f"**Kreis {name}, Schuljahr" in markdown(app) or f"**{name}, Schuljahr" in markdown(app)
    shares = table_with(app, "Anteil (%)")
    assert "Kreis Lippe" not in set(shares["Gebiet"])
    app = demo_app("app_pages/economy.py")
    open_data_tables(app.run())
    assert not app.exception
    lq = table_with(app, "Standortquotient")
    employees = demo_db.execute(
        "SELECT value FROM core.employees WHERE ags = '05754' AND wz_section = 'C' AND place = 'work' "
        "AND age_group = 'total' ORDER BY year DESC LIMIT 1").fetchone()[0]
    assert lq.loc[lq["Abschnitte"] == "C", "Beschäftigte"].item() == employees
    land = escape("Nordrhein-Westfalen")  # the Land by name (shown literally), not a key or a literal
    assert any(f"Anteil in {land}" in c.value for c in app.caption)
