"""Bildung & Wirtschaft: sector structure vs NRW, key industries, training against employment,
replacement pressure and mismatch by occupation group."""

import streamlit as st

from monitor import economy, gaps, ui
from monitor.markup import escape
from monitor.queries import regions

st.title("Bildung & Wirtschaft")
ui.demo_notice()
KREIS = regions.home().kreis
years = economy.employee_years(KREIS)
if not years:
    st.info("Keine Beschäftigtendaten vorhanden.")
    st.stop()
year = ui.year_select(years, key="jahr_wirtschaft", label="Jahr (Beschäftigte am 30.06.)")

st.header("Branchenstruktur und Schlüsselbranchen")
lq = economy.structure(KREIS, year)
st.markdown(escape(economy.key_industries_text(lq)))
st.caption("Standortquotient = Anteil des Abschnitts an den Beschäftigten im Kreis ÷ Anteil in NRW. Über 1: "
           "der Kreis ist auf den Abschnitt spezialisiert. Schlüsselbranche: Standortquotient über 1 und "
           "mindestens 5 % der Beschäftigten.")
ui.show(economy.lq_view(lq, KREIS, year))

st.header("Ausbildung, Beschäftigung und Ersatzbedarf")
market, region = gaps.training_market(KREIS)
training_ags = gaps.training_region(KREIS)
training_year = gaps.years(market)[0] if not market.empty else None
table = economy.sector_table(KREIS, year, training_ags, training_year)
ui.show(economy.sector_view(table, KREIS, year))
market_note = f" Ausbildungsmarkt: {region}, Berichtsjahr bis 30.09.{training_year}." if training_year else ""
st.caption(escape(economy.MAPPING_NOTE + market_note))
with st.expander("Zuordnungstabelle Berufsgruppen ↔ Wirtschaftsabschnitte"):
    st.dataframe(economy.mapping_display(), hide_index=True, key="mapping_table")
ui.show(economy.rate_view(economy.rate_series(KREIS), KREIS))
apprentices = economy.apprentices_view(KREIS)
if apprentices is not None:
    ui.show(apprentices)

st.header("Passungsprobleme nach Berufsgruppe")
if market.empty:
    st.info("Keine Zahlen zum Ausbildungsmarkt vorhanden.")
else:
    ui.show(economy.mismatch_view(gaps.market_balance(market, training_year), training_year))
