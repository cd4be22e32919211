"""Vergleich: Kreis Lippe against OWL, NRW and the Kreise of most similar structure."""

import streamlit as st

from monitor import compare, ui

st.title("Vergleich")
ui.demo_notice()
config = compare.load_config()
reference = config["similarity"]["reference"]
land = config["similarity"]["land"]

st.header("Kreise ähnlicher Struktur")
peers, used = compare.peers(reference, config)
st.markdown(compare.peer_text(peers, used))
st.dataframe(compare.peer_display(peers, used), hide_index=True, key="peer_table")
st.caption("Definition und Gewichte: catalogue/peer_indicators.toml. Distanz 0 = Kreis Lippe selbst; je "
           "kleiner, desto ähnlicher.")

st.header("Indikatoren im Vergleich")
catalogue = compare.load_catalogue()
if catalogue.empty:
    st.info("Der Indikatorenkatalog ist noch nicht aufgebaut – Indikatorvergleiche folgen mit dem nächsten "
            "Datenstand.")
    st.stop()
group = ui.radio_select(compare.GROUPS, key="gruppe", label="Vergleichsgruppe", default="beide")
chosen = ui.multi_select(compare.indicator_options(catalogue), key="indikatoren", label="Indikatoren",
                         default=compare.default_indicators(catalogue, config))
regions = compare.comparison_regions(group, reference, compare.peer_keys(peers), config)
values = compare.load_values(chosen, [*regions, land])
summaries = []
columns = st.columns(2)
for i, indicator in enumerate(compare.chosen_indicators(catalogue, chosen)):
    view, summary = compare.indicator_panel(indicator, values, regions, reference, land)
    summaries.append(summary)
    with columns[i % 2]:
        ui.show(view)
if summaries:
    st.subheader("Rangfolge von Kreis Lippe")
    st.dataframe(compare.summary_table(summaries), hide_index=True, key="rank_table")
