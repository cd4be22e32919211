"""Präsentation: one message per slide along the life course (sequence in catalogue/presentation.toml).

Sidebar and navigation are hidden on this page; arrow keys (← →) or the buttons change the slide, the
slide number is the URL parameter ``folie``, the region is chosen once on slide 1."""

import streamlit as st

from monitor import ui
from monitor.markup import escape
from monitor.queries import indicators, meta, regions
from monitor.views import presentation as deck_view

#: Presentation mode hides the sidebar (with the page navigation) and the header by CSS injected only on
#: this page: st.set_page_config cannot differ per page, and st.navigation(position="hidden") would need a
#: mode flag in app.py. Leaving the page (the "Präsentation beenden" link) removes the style again.
CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; max-width: 100%; }
[data-testid="stMetricValue"] { font-size: 5.5rem !important; line-height: 1.1; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 1.6rem !important; }
.stMarkdown p, .stMarkdown li { font-size: 1.35rem; }
[data-testid="stCaptionContainer"] p { font-size: 1rem; }
</style>
"""
SLIDE_PARAM = deck_view.SLIDE_PARAM

st.html(CHROME_CSS)
ui.demo_notice()
try:
    deck = deck_view.load_deck(indicators.known_ids())
except deck_view.ConfigError as error:
    st.error(f"Die Präsentation kann nicht gezeigt werden: {escape(error)}")
    st.stop()

number = deck_view.clamp(st.query_params.get(SLIDE_PARAM, "1"), deck)
if st.query_params.get(SLIDE_PARAM, "1") != str(number):
    ui.not_understood(SLIDE_PARAM, st.query_params[SLIDE_PARAM], "Folie", f"Folie {number}")
ui.set_param(SLIDE_PARAM, str(number))


def go(target: int) -> None:
    st.query_params[SLIDE_PARAM] = str(target)


def chosen_region(options: list[str]) -> str:
    """The region chosen on the title slide (session, else URL, else the home Kreis), kept in the URL."""
    for candidate in (st.session_state.get("region"), st.query_params.get("region")):
        if candidate in options:
            ui.set_param("region", candidate)
            return candidate
    if "region" in st.query_params:
        ui.not_understood("region", st.query_params["region"], "Region", regions.label(options[0]))
    ui.set_param("region", options[0])
    return options[0]


options = deck_view.region_options()
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
    region, slide = chosen_region(options), deck.slides[number - 2]
    where.caption(escape(f"Folie {number} von {deck.count} · {slide.phase} · {regions.label(region)}"))
    shown = deck_view.content(slide, region, meta.build_info())
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
                            config=deck_view.PLOT_CONFIG)
            st.caption(f"Textalternative: {escape(shown.view.alt_text)}")
    ui.source_caption(deck_view.source_line(shown.entry),
                      f"Stand der Daten: {deck_view.stand_text(shown.entry)}")

st.page_link("pages/overview.py", label="Präsentation beenden", icon=":material/close:")
with st.expander("Link zu dieser Folie"):
    ui.link_box()
