"""Berichte (PDF): a Sitzungsvorlage (one topic) or a Bericht (all topics) for a region, generated on
request and offered for download."""

import streamlit as st

from monitor import reports, ui
from monitor.markup import escape
from monitor.queries import meta

KINDS = {"vorlage": "Sitzungsvorlage (1–2 Seiten, ein Thema)", "bericht": "Bericht (alle Themen)"}

st.title("Berichte (PDF)")
st.markdown("Druckfertige, datierte Berichte mit Kernaussagen, Diagrammen, Quellen, Lizenzen und "
            "Datenstand – für Sitzungen und für die Berichterstattung an die Bezirksregierung.")
ui.demo_notice()
left, right = st.columns([3, 2])
kind = ui.choice_select(KINDS, key="report_kind", label="Art des Berichts", default="vorlage", container=left)
region = ui.region_select(reports.report_regions(), key="region", label="Region", container=right)
topic = None
if kind == "vorlage":
    topics = reports.topics_for(region)
    if not topics:
        st.info("Für diese Region liegen keine Indikatorwerte vor.")
        st.stop()
    topic = ui.choice_select({t.key: t.title for t in topics}, key="topic", label="Thema", default="schule")
    st.caption("Inhalt: Kernaussagen, drei Diagramme, Quellen mit Lizenzen, Stand der Tabellen, "
               "Datenstand.")
else:
    st.caption("Inhalt: Titelseite, Inhaltsverzeichnis, je Thema Kernaussagen, Diagramme und "
               "Indikatortabelle (Wert, Veränderung, Vergleich), Methodik, Quellen und Lizenzen, Datenstand.")

build_id = meta.build_info().get("build_id", "")
name = reports.file_name(kind, region, topic)
wanted = f"{build_id}/{name}"
if st.button("PDF erzeugen", type="primary", key="report_generate", icon=":material/picture_as_pdf:"):
    note = st.empty()

    def progress(text: str) -> None:
        note.caption(escape(text))

    with st.spinner("Der Bericht wird erzeugt – Diagramme und Satz dauern einige Sekunden …"):
        try:
            data = (reports.sitzungsvorlage(region, topic, progress=progress) if kind == "vorlage"
                    else reports.bericht(region, progress=progress))
            st.session_state["report_pdf"] = {"key": wanted, "data": data}
        except (reports.ReportError, reports.ChartExportError) as error:
            st.error(escape(error))
    note.empty()
stored = st.session_state.get("report_pdf")
if stored and stored["key"] == wanted:
    st.download_button(f"{name} herunterladen", stored["data"], file_name=name, mime="application/pdf",
                       key="report_download", on_click="ignore", icon=":material/download:")
    st.caption(escape(f"{len(stored['data']) // 1024} KB · erstellt aus dem Datenstand {build_id}."))
