"""Präsentation: one message per slide along the life course (sequence in catalogue/presentation.toml).

Sidebar and navigation are hidden on this page; arrow keys (← →) or the buttons change the slide, the
slide number is the URL parameter ``folie``, the region is chosen once on slide 1. Every slide fits the
screen (1920×1080, 1280×720 …) without scrolling: type scales with the screen, the chart takes the room
left between headline and footer, sources and Stand stand in one footer line; the text alternative and
the data table are in the page for screen readers but not on screen."""

import streamlit as st

from etl.catalogue import Indicator
from monitor import ui
from monitor.charts import View
from monitor.markup import escape
from monitor.queries import indicators, regions
from monitor.views import presentation as deck_view
from monitor.views import slide_charts

#: Presentation mode hides the sidebar (with the page navigation) and the header by CSS injected only on
#: this page: st.set_page_config cannot differ per page, and st.navigation(position="hidden") would need a
#: mode flag in app.py. Leaving the page (the "Präsentation beenden" link) removes the style again.
#: The root font size follows the screen (16:9: 2.2 % of the height), so a slide looks the same at
#: 1920×1080 and 1280×720; the main block is one screen high and the slide body takes what is left.
CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
html { font-size: clamp(11px, min(2.2vh, 1.24vw), 26px) !important; }
[data-testid="stMainBlockContainer"] { padding: 0.7rem 2rem 0.4rem; max-width: 100%; height: 100vh;
  display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0;
  height: 100%; gap: 0.6rem; }
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] > * { flex-shrink: 0; }
[data-testid="stLayoutWrapper"]:has(> .st-key-slide_body),
[data-testid="stLayoutWrapper"]:has(> .st-key-slide_chart) { flex: 1 1 0 !important; min-height: 0; }
.st-key-slide_body, .st-key-slide_chart, .st-key-slide_body [data-testid="stHorizontalBlock"],
.st-key-slide_body [data-testid="stLayoutWrapper"]:has(> [data-testid="stHorizontalBlock"]),
.st-key-slide_body [data-testid="stColumn"] > [data-testid="stVerticalBlock"] { height: 100%; min-height: 0; }
.st-key-slide_nav { gap: 0.8rem; align-items: center; }
.st-key-slide_nav [data-testid="stAlert"] > div { padding: 0.3rem 0.8rem; }
.st-key-slide_nav [data-testid="stAlert"] p { font-size: 0.8rem; }
.st-key-slide_where p { font-size: 0.9rem; }
.st-key-slide_where p { white-space: nowrap; }
.st-key-slide_nav > [data-testid="stElementContainer"]:has([data-testid="stAlert"]) { flex: 1 1 0;
  min-width: 8rem; }
.st-key-slide_nav button { min-height: 2rem; padding: 0.2rem 1rem; }
.st-key-slide_nav button p, .st-key-slide_nav a p { font-size: 0.9rem; }
h1 { font-size: 2.3rem !important; padding: 0 0 1rem !important; line-height: 1.15 !important; }
.st-key-slide_headline h2 { font-size: 1.35rem; padding: 0 0 1rem; line-height: 1.3; }
.st-key-slide_subtitle h2 { font-size: 1.75rem; }
.st-key-slide_body [data-testid="stColumn"] { height: 100%; min-height: 0; }
[data-testid="stMetricValue"] { font-size: 4.2rem !important; line-height: 1.1; }
[data-testid="stMetricLabel"] p, [data-testid="stMetricDelta"] { font-size: 1.15rem !important; }
.st-key-slide_details p { font-size: 1.1rem; line-height: 1.4; }
.st-key-slide_footer p { font-size: 0.85rem; color: #3d3f4a; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; margin: 0 !important; }
.st-key-slide_footer [data-testid="stCaptionContainer"] { margin: 0 !important; }
.st-key-slide_alternative { position: absolute !important; width: 1px !important; height: 1px !important;
  min-width: 0 !important; max-width: 1px !important; overflow: hidden !important; clip-path: inset(50%);
  white-space: nowrap; margin: -1px; padding: 0 !important; border: 0; }
.st-key-slide_alternative * { overflow: visible !important; }  /* no scrollable region inside (axe) */
[data-testid="stLayoutWrapper"]:has(> .st-key-slide_viewport), .st-key-slide_viewport,
[data-testid="stElementContainer"]:has(.st-key-slide_viewport) { display: none !important; }
</style>
"""
#: Reports the browser's viewport (width, height) to the script, at once and after a resize (F11, a
#: projector): the slide charts scale their type with it (plotly sizes text in pixels only). Sends only
#: when the size differs from the one the script already knows (``data``), so a slide change costs no run.
VIEWPORT_JS = """
export default function(component) {
  const { setStateValue, data } = component;
  const known = Array.isArray(data) ? data : [0, 0];
  const report = () => {
    const size = [window.innerWidth, window.innerHeight];
    if (Math.abs(size[0] - known[0]) > 8 || Math.abs(size[1] - known[1]) > 8) {
      setStateValue("size", size);
    }
  };
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 250); };
  report();
  window.addEventListener("resize", later);
  return () => { window.removeEventListener("resize", later); clearTimeout(timer); };
}
"""
VIEWPORT_KEY = "slide_viewport_size"
viewport_reporter = st.components.v2.component("slide_viewport", js=VIEWPORT_JS)
SLIDE_PARAM = deck_view.SLIDE_PARAM

st.html(CHROME_CSS)
ui.ensure_warehouse()
try:
    deck = deck_view.load_deck(indicators.known_ids())
except deck_view.ConfigError as error:
    ui.demo_notice()
    st.error(f"Die Präsentation kann nicht gezeigt werden: {escape(error)}")
    st.stop()

LINKED = {key: st.query_params.get(key) for key in (SLIDE_PARAM, "region")}  # as the link gave them
number = deck_view.clamp(LINKED[SLIDE_PARAM] or "1", deck)


def go(target: int) -> None:
    st.query_params[SLIDE_PARAM] = str(target)


def chosen_region(options: list[str]) -> str:
    """The region chosen on the title slide (session, else URL, else the home Kreis)."""
    for candidate in (st.session_state.get("region"), st.query_params.get("region")):
        if candidate in options:
            return candidate
    return options[0]


def report_not_understood(region: str | None) -> None:
    """Notices for a slide number or region of the link that could not be used (after the notice slot of
    ``ui.demo_notice`` exists)."""
    if LINKED[SLIDE_PARAM] not in (None, str(number)):
        ui.not_understood(SLIDE_PARAM, LINKED[SLIDE_PARAM], "Folie", f"Folie {number}")
    if region is not None and LINKED["region"] not in (None, region):
        ui.not_understood("region", LINKED["region"], "Region", regions.label(region))


def navigation(where: str, shown: deck_view.Content | None = None, region: str | None = None) -> None:
    """One row: slide number, demo notice, data table and link, end, back and forward (``region``: kept in
    the URL)."""
    with st.container(key="slide_nav", horizontal=True, vertical_alignment="center"):
        with st.container(key="slide_where", width="content"):
            st.markdown(f"**{escape(where)}**")
        ui.demo_notice()
        report_not_understood(region)
        ui.set_param(SLIDE_PARAM, str(number))
        if region is not None:
            ui.set_param("region", region)
        if shown is not None and shown.view is not None:
            with st.popover("Tabelle", help="Daten der Folie als Tabelle"):
                st.table(slide_charts.data_table(shown.view), hide_index=True)
                st.caption(escape(deck_view.source_line(shown.entry)))
        with st.popover("Link"):
            ui.link_box()
        st.page_link("app_pages/overview.py", label="Beenden", icon=":material/close:",
                     help="Präsentation beenden")
        st.button("zurück", key="back", on_click=go, args=(number - 1,), disabled=number == 1,
                  shortcut="left")
        st.button("weiter", key="next", on_click=go, args=(number + 1,), disabled=number == deck.count,
                  shortcut="right", type="primary")


def footer(text: str) -> None:
    with st.container(key="slide_footer"):
        st.caption(escape(text))


def title_slide(options: list[str]) -> None:
    navigation(f"Folie 1 von {deck.count} · Start · {regions.label(regions.home().kreis)}")
    st.title(escape(deck.title))
    with st.container(key="slide_subtitle"):
        st.markdown(f"## {escape(deck.subtitle)}")  # h2 under the title (axe heading-order)
    ui.region_select(options, label="Region für die Präsentation")
    phases = list(dict.fromkeys(slide.phase for slide in deck.slides))
    st.markdown(f"**Ablauf:** {escape(' → '.join(phases))} · {deck.count - 1} Folien · mit → und ← blättern")


def viewport() -> tuple[int, int] | None:
    """The browser's viewport as last reported (None before the first report)."""
    with st.container(key="slide_viewport"):
        known = st.session_state.get(VIEWPORT_KEY)
        size = viewport_reporter(key="slide_viewport_reporter", data=known,
                                 on_size_change=lambda: None).get("size")
    if isinstance(size, list) and len(size) == 2:
        st.session_state[VIEWPORT_KEY] = size
        return int(size[0]), int(size[1])
    return None


def content_slide(options: list[str]) -> None:
    region, slide = chosen_region(options), deck.slides[number - 2]
    shown = deck_view.shown_content(slide, region, slide_charts.scale(viewport()))
    navigation(f"Folie {number} von {deck.count} · {slide.phase} · {regions.label(region)}", shown, region)
    st.title(escape(shown.title))
    with st.container(key="slide_headline"):
        st.markdown(f"## {escape(shown.headline)}")  # h2: the slide's message under its title
        if shown.note:
            st.caption(escape(shown.note))
    with st.container(key="slide_body"):
        left, right = st.columns([2, 3], gap="large")
    with left:
        period = shown.facts.period if shown.facts else ""
        st.metric(escape(f"{regions.label(shown.region)}, {period}"), shown.number, shown.delta,
                  delta_color=shown.delta_color, delta_arrow=shown.delta_arrow, border=True)
        with st.container(key="slide_details"):
            for text in shown.details:
                st.markdown(escape(text))
    with right:
        if shown.view is None:
            st.info("Für diese Auswahl liegen keine Werte für ein Diagramm vor.")
        else:
            with st.container(key="slide_chart"):
                st.plotly_chart(ui.prepared(shown.view.fig), key=f"slide_{number}", width="stretch",
                                height="stretch", theme=None, config=deck_view.PLOT_CONFIG,
                                alt=slide_charts.chart_label(shown.view))
            alternative(shown.view, shown.entry)
    footer(deck_view.footer_line(shown.entry))


def alternative(view: View, entry: Indicator) -> None:
    """Text alternative and data table of the chart: read by screen readers, not shown on screen."""
    with st.container(key="slide_alternative"):
        st.markdown(f"Textalternative zum Diagramm: {escape(view.alt_text)}")
        st.table(slide_charts.data_table(view), hide_index=True,
                 alt=f"Daten: {slide_charts.chart_label(view)}")
        st.markdown(escape(deck_view.source_line(entry)))


options = deck_view.region_options()
if number == 1:
    title_slide(options)
else:
    content_slide(options)
