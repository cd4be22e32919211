"""Vergleich: the home Kreis against the other Kreise of its Regierungsbezirk, its Land and the Kreise of
most similar structure."""

import streamlit as st

from monitor import ui
from monitor.markup import escape
from monitor.queries import compare, indicators, regions
from monitor.views import compare as view

st.title("Vergleich")
ui.demo_notice()
home = regions.home()
config = compare.load_config()

st.header("Kreise ähnlicher Struktur")
peer_text, peer_table = view.peer_section(home.kreis)
st.markdown(peer_text)
st.dataframe(peer_table, hide_index=True, key="peer_table")
st.caption(escape(view.peer_caption(home.kreis)))

st.header("Indikatoren im Vergleich")
catalogue = indicators.catalogue()
if not catalogue:
    st.info("Der Indikatorenkatalog ist noch nicht aufgebaut – Indikatorvergleiche folgen mit dem nächsten "
            "Datenstand.")
    st.stop()
group = ui.radio_select(view.groups(home), key="gruppe", label="Vergleichsgruppe", default="beide")
chosen = ui.multi_select(view.indicator_options(catalogue), key="indikatoren", label="Indikatoren",
                         default=view.default_indicators(catalogue, config))
members = view.comparison_regions(group, home, compare.peer_keys(home.kreis, config))
summaries = []
columns = st.columns(2)
for i, entry in enumerate(view.chosen_indicators(catalogue, chosen)):
    panel, summary = view.shown_panel(entry.id, tuple(members), home.kreis, home.land)
    summaries.append(summary)
    with columns[i % 2]:
        ui.show(panel)
if summaries:
    st.subheader(escape(f"Rangfolge von {regions.label(home.kreis)}"))
    st.dataframe(view.summary_table(summaries, home.land), hide_index=True, key="rank_table")
