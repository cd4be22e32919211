"""Indikatoren: any indicator as time series, ranking, map and table, with its definition."""

import streamlit as st

from monitor import indicators, ui
from monitor.queries import meta

st.title("Indikatoren")
ui.demo_notice()
catalogue = indicators.catalogue()
left, middle, right = st.columns([3, 2, 1])
indicator_id = ui.indicator_select(catalogue, container=left)
region = ui.region_select(indicators.overview_regions() + indicators.kreise(), container=middle)
year = ui.year_select(indicators.years(indicator_id), container=right)
peers = ui.peers_select(indicators.peer_options(region), label="Weitere Vergleichsregionen")
entry = indicators.indicator(indicator_id)
build = meta.build_info()
level = ui.choice_select(indicators.RANKING_LEVELS, key="level", label="Vergleichsebene",
                         default="gemeinde" if indicators.has_values(indicator_id, "gemeinde") else "kreis")

series_tab, ranking_tab, map_tab = st.tabs(["Zeitreihe", "Rangfolge", "Karte"], key="ansicht",
                                           bind="query-params")
with series_tab:
    ui.show(indicators.series_view(entry, region, peers, build))
with ranking_tab:
    ui.show(indicators.ranking_view(entry, year, level, region, build))
with map_tab:
    ui.show(indicators.map_view(entry, year, level, region, build))
ui.metadata_card(entry, expanded=True)
ui.source_caption(indicators.source_line(entry), indicators.attribution(entry))
