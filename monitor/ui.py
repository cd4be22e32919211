"""Shared page parts: demo notice, widgets bound to ``st.query_params`` (a copied URL reproduces the
view), chart block with table and downloads, metadata card, source caption."""

import functools
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from pandas.io.formats.style import Styler

from etl.catalogue import Indicator
from etl.vocabulary import AREAS
from monitor import charts, db, downloads, errors, fmt, link_notice, links, navigation, plotly_de, provenance
from monitor.markup import escape
from monitor.queries import regions
from monitor.queries.meta import build_info

LIST_SEPARATOR = link_notice.LIST_SEPARATOR
not_understood = link_notice.report  # for values a page reads from the URL itself (the slide number)
VERSION_PARAM = links.VERSION_PARAM  # build id in the URL: a shared link notices newer data
LINK_SLOT = "_link_slot"  # session key of the sidebar placeholder holding the "Link kopieren" box
PLACEHOLDER = "Bitte wählen …"  # instead of Streamlit's "Choose an option"
DATA_EXPANDER = "Daten als Tabelle und Download"


def ensure_warehouse() -> None:
    """Stop the page with a German message when no warehouse build is available."""
    try:
        path = db.warehouse_path()
    except RuntimeError:  # the pointer names a missing or invalid build; its server path goes to the log
        reference = errors.log_exception("Datenstand nicht lesbar")
        st.error(f"Der aktuelle Datenstand ist nicht lesbar (Fehlernummer {reference}, Einzelheiten im "
                 "Server-Protokoll).")
        st.stop()
    if path is None:
        st.error(
            "Es ist noch kein Datenstand geladen. Bitte zuerst die Daten aufbereiten: "
            "`python -m etl build --source-dir <Ordner> --warehouse-dir data/warehouse`."
        )
        st.stop()


def demo_notice() -> None:
    """Checks the warehouse and shows a notice on every page while the build holds synthetic data."""
    ensure_warehouse()
    build = build_info()
    _version_notice(build.get("build_id", ""), build.get("built_at"))
    link_notice.start()
    st.sidebar.markdown(f"**Bildungsmonitor {escape(regions.label(regions.home().kreis))}**")
    st.session_state[LINK_SLOT] = st.sidebar.empty()
    refresh_link()
    text = provenance.demo_notice_text()
    if text:
        st.warning(text, icon="⚠️")


def _version_notice(build_id: str, built_at: str | None) -> None:
    """Note when a shared link was made with another data version (both Stand dates); the URL then
    carries the current one."""
    linked = st.query_params.get(VERSION_PARAM)
    if linked and linked != build_id:
        st.info(escape(links.version_notice(linked, build_id, built_at)), icon=":material/update:")
    st.query_params[VERSION_PARAM] = build_id


def current_url() -> str:
    """Full URL of the current view: the page's own address (``navigation.current_page_url``) with all URL
    parameters."""
    params = {key: st.query_params.get(key) or "" for key in st.query_params}
    return links.page_url(navigation.current_page_url(), params)


def set_param(key: str, value: str) -> None:
    """Write a URL parameter and update the "Link kopieren" box (instead of ``st.query_params[key] = …``)."""
    st.query_params[key] = value
    refresh_link()


def refresh_link() -> None:
    """(Re)draw the "Link kopieren" box in the sidebar with the current URL (no-op before ``demo_notice``)."""
    slot = st.session_state.get(LINK_SLOT)
    if slot is not None:
        link_box(slot.container())


def link_box(container=st) -> None:
    """"Link kopieren": the full URL of this view with the build id, in a code box with a copy button."""
    container.caption(":material/link: **Link kopieren** – diese Ansicht mit Auswahl und Datenstand "
                      "(Symbol rechts im Feld kopiert den Link)")
    container.code(current_url(), language=None, wrap_lines=True)


def region_label(ags: str) -> str:
    """Display name of a region (see ``db.region_label``)."""
    return regions.label(ags)


def region_select(options: Sequence[str], *, key: str = "region", label: str = "Region",
                  default: str | None = None, container=st) -> str:
    """Select box over AGS keys, shown with names, bound to the URL parameter ``key`` (default: the home
    Kreis)."""
    options = list(dict.fromkeys(options))
    default = default or regions.home().kreis
    link_notice.initial(key, options, default if default in options else options[0], label=label,
                        shown=region_label)
    value = container.selectbox(label, options, key=key, format_func=region_label, placeholder=PLACEHOLDER)
    set_param(key, value)
    return value


def peers_select(options: Sequence[str], *, key: str = "peers", label: str = "Vergleichsregionen",
                 default: Sequence[str] = (), container=st) -> list[str]:
    """Multiselect of AGS keys bound to the URL (comma separated)."""
    options = list(options)
    link_notice.initial_list(key, options, default, label, region_label)
    value = container.multiselect(label, options, key=key, format_func=region_label,
                                  placeholder="Regionen auswählen …")
    set_param(key, LIST_SEPARATOR.join(value))
    return list(value)


def indicator_select(catalogue: Sequence[Indicator], *, key: str = "indicator", label: str = "Indikator",
                     default: str | None = None, container=st) -> str:
    """Select box over indicator ids (in catalogue order), shown as ``Bereich – Titel``."""
    ids = [entry.id for entry in catalogue]
    labels = {entry.id: f"{AREAS.get(entry.area, entry.area)} – {entry.title}" for entry in catalogue}
    link_notice.initial(key, ids, default if default in ids else ids[0], label=label,
                        shown=lambda i: labels.get(i, i))
    value = container.selectbox(label, ids, key=key, format_func=lambda i: labels.get(i, i),
                                placeholder=PLACEHOLDER)
    set_param(key, value)
    return value


def year_select(years: Sequence[int], *, key: str = "year", label: str = "Jahr",
                default: int | None = None, container=st) -> int:
    """Select box over years (newest first), bound to the URL."""
    years = sorted({int(y) for y in years}, reverse=True)
    if not years:
        st.info("Für diese Auswahl liegen keine Jahre vor.")
        st.stop()
    link_notice.initial(key, years, default if default in years else years[0], parse=int, label=label)
    value = container.selectbox(label, years, key=key, placeholder=PLACEHOLDER)
    set_param(key, str(value))
    return int(value)


class _PlainFigure(go.Figure):
    """A figure's plain form (``to_dict``), made once: ``st.plotly_chart`` calls ``to_dict`` on every page
    load, a deep copy and a base64 pass over every value and the whole plotly_white template. This stand-in
    returns the stored result (the chart sent is the same); ``st.plotly_chart`` uses nothing else of it, so
    the Figure constructor (a full validation) is skipped."""

    def __init__(self, spec: dict) -> None:  # no Figure.__init__: only to_dict is ever called
        for trace in spec.get("data", []):
            trace.pop("uid", None)  # plotly.io.to_json drops uids in place: done once here
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def prepared(fig: go.Figure) -> go.Figure:
    """The figure for ``st.plotly_chart``, its plain form kept with it: only for figures that no one changes
    afterwards (the cached views of ``show``)."""
    found = fig.__dict__.get("_plain_figure")
    if found is None:
        found = fig.__dict__["_plain_figure"] = _PlainFigure(fig.to_dict())
    return found


def chart_block(fig: go.Figure, data: pd.DataFrame, alt_text: str, filename: str,
                meta: Mapping[str, str] | None = None, shown: go.Figure | None = None) -> None:
    """Chart, text alternative, expandable data table and CSV/XLSX download of exactly ``data``; both files
    state the context rows of ``meta`` (completed with title, build Stand and demo note), the chart its
    assumptions (``charts.with_assumptions``; ``shown``: that figure, when already made) and the PNG export
    of the modebar is named ``filename``."""
    shown = shown if shown is not None else charts.with_assumptions(fig, meta or {})
    st.plotly_chart(shown, key=f"chart_{filename}",
                    config=plotly_de.config(filename), width="stretch", alt=alt_text, theme=None)
    st.caption(f"Textalternative: {escape(alt_text)}")
    # lazy: table and download buttons are made and sent only while the expander is open (opening reruns)
    with st.expander(DATA_EXPANDER, key=data_key(filename), on_change="rerun") as panel:
        if panel.open:
            _table_and_downloads(fig, data, filename, meta)


def german_numbers(data: pd.DataFrame) -> pd.DataFrame | Styler:
    """``data`` with its decimal columns shown in de-DE form (``1.234,5``; decimals by
    ``fmt.table_decimals``), the numbers themselves kept for sorting."""
    decimal = [c for c in data.columns if pd.api.types.is_float_dtype(data[c])]
    if not decimal:
        return data
    formats = {c: functools.partial(fmt.fmt_number, decimals=fmt.table_decimals(data[c])) for c in decimal}
    return data.style.format(formats)


def data_key(filename: str) -> str:
    """Session key of a chart's "Daten als Tabelle und Download" expander (True while open)."""
    return f"data_{filename}"


def _table_and_downloads(fig: go.Figure, data: pd.DataFrame, filename: str,
                         meta: Mapping[str, str] | None) -> None:
    # a cell without a value stays empty (the grid would write "None"); the Status column says why
    st.dataframe(german_numbers(data), hide_index=True, key=f"table_{filename}", width="stretch",
                 placeholder="")
    build = build_info()
    labelled = downloads.with_status_labels(data)
    demo = charts.build_context()[1]
    meta = downloads.build_meta(meta, build, fmt.fmt_date_time(build.get("built_at")),
                                title=charts.figure_title(fig), demo=f"{demo}." if demo else None)
    left, right = st.columns(2)
    # Files are generated only when clicked (callables), not on every rerun.
    left.download_button("CSV (Excel, deutsch)", lambda: downloads.to_csv(labelled, meta),
                         file_name=f"{filename}.csv", mime="text/csv", key=f"csv_{filename}",
                         on_click="ignore")
    right.download_button(
        "XLSX mit Quellenblatt", lambda: downloads.to_xlsx(labelled, meta), file_name=f"{filename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"xlsx_{filename}",
        on_click="ignore",
    )


def show(view: charts.View) -> None:
    """``chart_block`` for a prepared view; a German note instead of an empty chart."""
    if view.data.empty:
        st.info("Für diese Auswahl liegen keine Werte vor. Bitte eine andere Region, Ebene oder ein "
                "anderes Jahr wählen.")
        return
    chart_block(view.fig, view.data, view.alt_text, view.filename, view.meta, prepared(view.shown_fig))


def source_caption(*sources: str) -> None:
    """Caption line ``Quelle: …`` below a table or text block."""
    text = "; ".join(s for s in sources if s)
    if text:
        st.caption(escape(text if text.startswith("Quelle") else f"Quelle: {text}"))


def choice_select(options: Mapping[str, str], *, key: str, label: str, default: str, container=st) -> str:
    """Segmented choice between a few options (code → German label), bound to the URL."""
    codes = list(options)
    link_notice.initial(key, codes, default if default in codes else codes[0], label=label, shown=options.get)
    value = container.segmented_control(label, codes, key=key, format_func=options.get, required=True)
    value = value if value in codes else default
    set_param(key, value)
    return value


def radio_select(options: Mapping[str, str], *, key: str, label: str, default: str, container=st,
                 dropdown: bool = False) -> str:
    """Radio buttons (or a select box) over ``options`` (code → German label), bound to the URL."""
    codes = list(options)
    link_notice.initial(key, codes, default if default in codes else codes[0], label=label, shown=options.get)
    if dropdown:
        value = container.selectbox(label, codes, key=key, format_func=options.get, placeholder=PLACEHOLDER)
    else:
        value = container.radio(label, codes, key=key, format_func=options.get, horizontal=True)
    set_param(key, value)
    return value


def multi_select(options: Mapping[str, str], *, key: str, label: str, default: Sequence[str]) -> list[str]:
    """Multiselect over ``options`` (code → German label), bound to the URL (comma separated)."""
    link_notice.initial_list(key, options, default, label, lambda code: options.get(code, code))
    value = st.multiselect(label, list(options), key=key, format_func=lambda code: options.get(code, code),
                           placeholder=PLACEHOLDER)
    set_param(key, LIST_SEPARATOR.join(value))
    return list(value)


def number_slider(label: str, *, key: str, default: int, low: int, high: int, step: int = 1,
                  help_text: str | None = None) -> int:
    """Integer slider bound to the URL (invalid URL values fall back to ``default``)."""
    link_notice.initial(key, range(low, high + 1), default, parse=int, label=label)
    value = st.slider(label, low, high, step=step, key=key, help=help_text)
    set_param(key, str(value))
    return int(value)


def tabs(labels: Sequence[str], *, key: str, label: str) -> Sequence:
    """``st.tabs`` bound to the URL parameter ``key`` (the tab label); a label not understood is named in
    the page's notice (Streamlit itself drops it silently and opens the first tab)."""
    raw = st.query_params.get(key)
    if raw is not None and raw not in labels:
        not_understood(key, raw, label, labels[0])
    chosen = st.tabs(list(labels), key=key, bind="query-params")
    refresh_link()  # Streamlit has just dropped a label not understood from the URL
    return chosen


def text_search(*, key: str, label: str) -> str:
    """Text input bound to the URL."""
    st.session_state[key] = st.session_state.get(key, st.query_params.get(key, ""))
    value = st.text_input(label, key=key)
    set_param(key, value)
    return value
