"""Übersicht: the headline indicators of a region as KPI cards along the life course."""

import streamlit as st

from monitor import indicators, ui
from monitor.markup import escape

st.title("Bildungsmonitor Lippe")
st.markdown("Zentrale Kennzahlen entlang des Lebenslaufs – mit Veränderung zum Vorzeitraum und "
            "Vergleich mit Nordrhein-Westfalen.")
ui.demo_notice()
region = ui.region_select(indicators.overview_regions())
cards, without = indicators.kpi_cards(region)
if not cards:
    st.info("Für diese Region liegen keine Leitindikatoren vor.")
ui.kpi_grid(cards, region=region)
if without:
    st.caption(escape("Für diese Region nicht verfügbar: " + ", ".join(without) + "."))
st.caption("Farbe, Pfeil und Wort zeigen die Entwicklung gegenüber dem Vorzeitraum in Richtung des "
           "Indikators (günstiger/ungünstiger); grau: kaum verändert, ohne Wertung oder nicht vergleichbar. "
           "Zeichen: . geheim · / unsicher · ... fällt später an · x nicht sinnvoll · – fehlt.")
