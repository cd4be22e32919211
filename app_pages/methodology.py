"""Daten & Methodik: indicator catalogue, sources and licences, data vintage, findings, symbols."""

import streamlit as st

from monitor import cards, ui
from monitor.markup import escape
from monitor.queries import meta
from monitor.views import methodology

st.title("Daten & Methodik")
ui.demo_notice()

st.header("Indikatorenkatalog")
search = ui.text_search(key="q", label="Katalog durchsuchen (Titel, Definition, Quelle …)")
count, groups = methodology.catalogue_section(search)
st.caption(escape(count))
for area, group in groups:
    st.subheader(escape(area))
    for entry, stand in group:
        cards.metadata_card(entry, label=entry.title, stand=stand)

st.header("Quellen, Lizenzen und Namensnennung")
for text in methodology.attributions():
    st.markdown(f"- {escape(text)}")
st.markdown("**Lizenzen:**")
for name, url in methodology.licences():
    st.markdown(f"- [{escape(name)}]({url})" if url else f"- {escape(name)}")
st.dataframe(methodology.sources_overview(), hide_index=True, key="sources_table")

st.header("Datenstand")
build = meta.build_info()
st.markdown(escape(methodology.build_line(build)))
st.dataframe(methodology.files_overview(), hide_index=True, key="files_table")
ui.show(methodology.shown_coverage())

st.header("Prüfergebnisse der Datenaufbereitung")
findings = methodology.findings_overview()
if findings.empty:
    st.success("Keine Auffälligkeiten bei der Prüfung der geladenen Dateien.")
else:
    st.dataframe(findings, hide_index=True, key="findings_table")

st.header("Zeichenerklärung")
# a static, wrapped table keeps every column readable; st.table reads Markdown in cells, hence escaped
st.table(methodology.symbol_legend().map(escape), hide_index=True)
st.markdown(escape(methodology.DASHES))
st.markdown(escape(methodology.NEVER_ZERO))
