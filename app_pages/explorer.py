"""Indikatoren: any indicator as time series, ranking, map and table, with its definition."""

import streamlit as st

from monitor import cards, ui
from monitor.queries import indicators
from monitor.views import indicators as views

st.title("Indikatoren")
ui.demo_notice()
left, middle, right = st.columns([3, 2, 1])
indicator_id = ui.indicator_select(indicators.catalogue(), container=left)
entry = indicators.indicator(indicator_id)
region = ui.region_select(views.explorer_regions(), container=middle)
found_years = indicators.years(indicator_id)
if not found_years:
    st.info("Für diese Auswahl liegen keine Jahre vor.")
    st.stop()
year = int(ui.radio_select(views.year_options(entry, found_years), key="year",
                           label=views.year_selector_label(entry), default=str(max(found_years)),
                           container=right, dropdown=True))
peers = ui.peers_select(views.peer_options(region), label="Weitere Vergleichsregionen")
level = ui.choice_select(views.ranking_levels(), key="level", label="Vergleichsebene",
                         default=views.default_level(entry))

series_tab, ranking_tab, map_tab = ui.tabs(["Zeitreihe", "Rangfolge", "Karte"], key="ansicht",
                                           label="Ansicht")
if series_tab.open:  # lazy tabs: only the open tab's content runs
    with series_tab:
        ui.show(views.shown_series(indicator_id, region, tuple(peers)))
if ranking_tab.open:  # lazy tabs: only the open tab's content runs
    with ranking_tab:
        ui.show(views.shown_ranking(indicator_id, year, level, region))
if map_tab.open:  # lazy tabs: only the open tab's content runs
    with map_tab:
        ui.show(views.shown_map(indicator_id, year, level, region))
cards.metadata_card(entry, expanded=True, stand=views.stand(entry))
ui.source_caption(views.source_text(entry), views.attribution_text(entry))
