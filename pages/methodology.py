"""Daten & Methodik: indicator catalogue, sources and licences, data vintage, findings, symbols."""

import streamlit as st

from monitor import fmt, indicators, ui
from monitor.markup import escape
from monitor.queries import meta

st.title("Daten & Methodik")
ui.demo_notice()

st.header("Indikatorenkatalog")
search = ui.text_search(key="q", label="Katalog durchsuchen (Titel, Definition, Quelle …)")
found = indicators.catalogue_search(search)
st.caption(f"{len(found)} von {len(indicators.catalogue())} Indikatoren")
for area, group in found.groupby("area_label", sort=False):
    st.subheader(escape(area))
    for entry in group.to_dict("records"):
        entry["stand"] = indicators.stand(entry.get("sources", []))
        ui.metadata_card(entry, label=f"{entry['title']} ({entry['id']})")

st.header("Quellen, Lizenzen und Namensnennung")
for text in indicators.FIXED_ATTRIBUTIONS:
    st.markdown(f"- {text}")
st.dataframe(indicators.sources_overview(), hide_index=True, key="sources_table")

st.header("Datenstand")
build = meta.build_info()
st.markdown(f"**Build:** {escape(build.get('build_id', '–'))} · "
            f"**erstellt:** {escape(fmt.fmt_date_time(build.get('built_at')))} · "
            f"**Version:** {escape(build.get('git_revision', '–'))}")
st.dataframe(indicators.files_overview(), hide_index=True, key="files_table")
ui.show(indicators.coverage_view(build))

st.header("Prüfergebnisse der Datenaufbereitung")
findings = indicators.findings_overview()
if findings.empty:
    st.success("Keine Auffälligkeiten bei der Prüfung der geladenen Dateien.")
else:
    st.dataframe(findings, hide_index=True, key="findings_table")

st.header("Zeichenerklärung")
st.dataframe(indicators.SYMBOL_LEGEND, hide_index=True, key="symbols_table")
st.markdown("Unterdrückte oder fehlende Werte werden nie als 0 gezeigt oder verrechnet: ein abgeleiteter "
            "Wert aus einem geheimen Eingangswert ist selbst unbekannt und trägt dessen Kennzeichen.")
