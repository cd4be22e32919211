"""Übersicht: the headline indicators of a region as KPI cards along the life course."""

import streamlit as st

from monitor import cards, ui
from monitor.markup import escape
from monitor.views import common, overview
from monitor.views.indicators import overview_regions

heading = st.container()  # above the demo notice, filled once the warehouse is known to be readable
ui.demo_notice()
heading.title(escape(overview.title()))
heading.markdown(escape(overview.intro()))
region = ui.region_select(overview_regions())
shown, without = overview.kpi_cards(region)
if not shown:
    st.info("Für diese Region liegen keine Leitindikatoren vor.")
cards.kpi_grid(shown, region=region)
if without:
    st.caption(escape(overview.without_text(without)))
st.caption(escape(f"{overview.legend()} {common.symbol_hint()}"))
