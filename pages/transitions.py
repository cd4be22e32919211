"""Übergänge: Grundschule → weiterführende Schule, Schulabschluss → Berufskolleg (rechnerisch),
Ausbildungsmarkt."""

import streamlit as st

from monitor import flows, gaps, ui
from monitor.queries import regions

st.title("Übergänge")
ui.demo_notice()
KREIS = regions.home().kreis

st.header("Von der Grundschule auf die weiterführende Schule")
shares = flows.transition_shares(KREIS)
if shares.empty:
    st.info("Keine Übergangsdaten vorhanden.")
else:
    left, right = st.columns(2)
    area = ui.region_select(flows.areas(KREIS), key="region", label="Gemeinde", container=left)
    year = ui.year_select(gaps.years(shares), key="jahr_uebergang", label="Schuljahr (Beginn)",
                          container=right)
    st.markdown(flows.transition_summary(shares, area, year))
    ui.show(flows.transition_view(shares, year, area))
    ui.show(flows.transition_trend_view(shares, area))
    st.caption(flows.ROUNDING_NOTE)

st.header("Nach dem Schulabschluss: Berufskolleg, Studium, Ausbildung")
years = flows.flow_years(KREIS)
if not years:
    st.info("Keine Daten zu Schulabgängern und Berufskollegs vorhanden.")
else:
    flow_year = ui.year_select(years, key="jahr_abgang", label="Abgangsjahr (Sommer)")
    st.info(flows.FLOW_ASSUMPTION_DE, icon=":material/calculate:")
    view, status = flows.flow_view(KREIS, flow_year)
    if view is None:
        st.warning(f"Für {flow_year} nicht berechenbar: mindestens ein Eingangswert ist "
                   f"{ui.charts.status_word(status)} – die Flüsse werden nicht geschätzt.")
    else:
        ui.show(view)
    ui.show(flows.sector_trend_view(KREIS))

st.header("Ausbildungsmarkt: Verbleib der Bewerberinnen und Bewerber")
market, region = gaps.training_market(KREIS)
if market.empty:
    st.info("Keine Zahlen zum Ausbildungsmarkt vorhanden.")
else:
    st.markdown(flows.outcome_summary(market, region))
    ui.show(flows.outcome_view(market, region))
