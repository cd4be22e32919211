"""Übergänge: Grundschule → weiterführende Schule, Schulabschluss → Berufskolleg (rechnerisch),
Ausbildungsmarkt."""

import streamlit as st

from monitor import charts, ui
from monitor.queries import flows as flow_data
from monitor.queries import regions
from monitor.views import flows, training

st.title("Übergänge")
ui.demo_notice()
HOME = regions.home()
KREIS = HOME.kreis

st.header("Von der Grundschule auf die weiterführende Schule")
transition_years = flows.transition_years(KREIS)
if not transition_years:
    st.info("Keine Übergangsdaten vorhanden.")
else:
    left, right = st.columns(2)
    area = ui.region_select([KREIS, *HOME.gemeinden], key="region", label="Gemeinde", container=left)
    year = int(ui.radio_select(flows.school_year_options(transition_years), key="jahr_uebergang",
                               label="Schuljahr", default=str(transition_years[0]), container=right,
                               dropdown=True))
    st.markdown(flows.transition_summary(KREIS, area, year))
    ui.show(flows.transition_view(KREIS, year, area))
    ui.show(flows.transition_trend_view(KREIS, area))
    st.caption(flows.rounding_note())

st.header("Nach dem Schulabschluss: Berufskolleg, Studium, Ausbildung")
years = flow_data.flow_years(KREIS)
if not years:
    st.info("Keine Daten zu Schulabgängern und Berufskollegs vorhanden.")
else:
    flow_year = int(ui.radio_select(flows.leaving_year_options(years), key="jahr_abgang",
                                    label="Schuljahr der Abgänger", default=str(max(years)), dropdown=True))
    st.info(flows.FLOW_ASSUMPTION_DE, icon=":material/calculate:")
    view, status = flows.flow_view(KREIS, flow_year)
    if view is None:
        st.warning(f"Für {flow_year} nicht berechenbar: mindestens ein Eingangswert ist "
                   f"{charts.status_word(status)} – die Flüsse werden nicht geschätzt.")
    else:
        ui.show(view)
    ui.show(flows.sector_trend_view(KREIS))

st.header("Ausbildungsmarkt: Verbleib der Bewerberinnen und Bewerber")
market_ags = training.region(KREIS, HOME.agentur)
if market_ags is None:
    st.info("Keine Zahlen zum Ausbildungsmarkt vorhanden.")
else:
    st.markdown(flows.outcome_summary(market_ags))
    ui.show(flows.outcome_view(market_ags))
