"""Bildung & Wirtschaft: sector structure against the Land, key industries, training against employment,
replacement pressure and mismatch by occupation group."""

import streamlit as st

from monitor import ui
from monitor.markup import escape
from monitor.queries import economy as data
from monitor.queries import regions
from monitor.views import economy as views
from monitor.views import training

st.title("Bildung & Wirtschaft")
ui.demo_notice()
HOME = regions.home()
KREIS = HOME.kreis
years = data.employee_years(KREIS)
if not years:
    st.info("Keine Beschäftigtendaten vorhanden.")
    st.stop()
year = ui.year_select(years, key="jahr_wirtschaft", label="Jahr (Beschäftigte am 30.06.)")

st.header("Branchenstruktur und Schlüsselbranchen")
st.markdown(escape(views.key_industries_text(KREIS, year)))
land = regions.label(HOME.land)
st.caption(escape(f"Standortquotient = Anteil des Abschnitts an den Beschäftigten im Kreis ÷ Anteil in "
                  f"{land}. Über 1: der Kreis ist auf den Abschnitt spezialisiert. Schlüsselbranche: "
                  "Standortquotient über 1 und mindestens 5 % der Beschäftigten."))
ui.show(views.lq_view(KREIS, year))

st.header("Ausbildung, Beschäftigung und Ersatzbedarf")
market_ags = training.region(KREIS, HOME.agentur)
market_years = training.years(market_ags)
market_year = market_years[0] if market_years else None
ui.show(views.sector_view(KREIS, year, market_ags, market_year))
st.caption(escape(views.market_note(market_ags, market_year)))
with st.expander("Zuordnungstabelle Berufsgruppen ↔ Wirtschaftsabschnitte"):
    st.dataframe(views.mapping_display(), hide_index=True, key="mapping_table")
ui.show(views.rate_view(KREIS))
apprentices = views.apprentices_view(KREIS)
if apprentices is not None:
    ui.show(apprentices)

st.header("Passungsprobleme nach Berufsgruppe")
if market_ags is None or market_year is None:
    st.info("Keine Zahlen zum Ausbildungsmarkt vorhanden.")
else:
    ui.show(training.mismatch_view(market_ags, market_year))
