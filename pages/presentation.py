"""Präsentation: one message per slide along the life course (sequence in catalogue/presentation.toml).

Sidebar and navigation are hidden on this page; arrow keys (← →) or the buttons change the slide, the
slide number is the URL parameter ``folie``, the region is chosen once on slide 1."""

import streamlit as st

from monitor import indicators, presentation, ui
from monitor.markup import escape
from monitor.queries import meta, regions

presentation.hide_chrome()
ui.demo_notice()
try:
    deck = presentation.load_deck(set(indicators.catalogue()["id"]))
except presentation.ConfigError as error:
    st.error(f"Die Präsentation kann nicht gezeigt werden: {escape(error)}")
    st.stop()

number = presentation.clamp(st.query_params.get(presentation.SLIDE_PARAM, "1"), deck)
ui.set_param(presentation.SLIDE_PARAM, str(number))


def go(target: int) -> None:
    st.query_params[presentation.SLIDE_PARAM] = str(target)


options = presentation.regions()
where, back, forward = st.columns([4, 1, 1], vertical_alignment="center")
back.button("zurück", key="back", on_click=go, args=(number - 1,), disabled=number == 1, shortcut="left",
            width="stretch")
forward.button("weiter", key="next", on_click=go, args=(number + 1,), disabled=number == deck.count,
               shortcut="right", width="stretch", type="primary")

if number == 1:
    where.caption(f"Folie 1 von {deck.count} · Start")
    st.title(escape(deck.title))
    st.markdown(f"### {escape(deck.subtitle)}")
    ui.region_select(options, label="Region für die Präsentation")
    phases = list(dict.fromkeys(slide.phase for slide in deck.slides))
    st.markdown(f"**Ablauf:** {escape(' → '.join(phases))} · {deck.count - 1} Folien · mit → und ← blättern")
else:
    region, slide = presentation.chosen_region(options), deck.slides[number - 2]
    where.caption(escape(f"Folie {number} von {deck.count} · {slide.phase} · {regions.label(region)}"))
    shown = presentation.content(slide, region, meta.build_info())
    st.title(escape(shown.title))
    st.markdown(f"#### {escape(shown.headline)}")
    if shown.note:
        st.caption(escape(shown.note))
    left, right = st.columns([1, 2], gap="large")
    with left:
        period = shown.facts.period if shown.facts else ""
        left.metric(escape(f"{regions.label(shown.region)}, {period}"), shown.number, shown.delta,
                    delta_color=shown.delta_color, delta_arrow=shown.delta_arrow, border=True)
        for text in shown.details:
            left.markdown(escape(text))
    with right:
        if shown.view is None:
            st.info("Für diese Auswahl liegen keine Werte für ein Diagramm vor.")
        else:
            st.plotly_chart(shown.view.fig, key=f"slide_{number}", width="stretch", theme=None,
                            config=presentation.PLOT_CONFIG)
            st.caption(f"Textalternative: {escape(shown.view.alt_text)}")
    ui.source_caption(indicators.source_line(shown.entry),
                      f"Stand der Daten: {presentation.stand_text(shown.entry)}")

st.page_link("pages/overview.py", label="Präsentation beenden", icon=":material/close:")
with st.expander("Link zu dieser Folie"):
    ui.link_box()
