"""Chart building blocks: colour-blind-safe palette, common styling, and visible marking of values that
are suppressed (no value) or flagged (rounded, provisional, limited)."""

import functools
import html
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from etl import status as statuses
from etl.vocabulary import is_count
from monitor import db, fmt, plotly_de
from monitor.periods import period_order
from monitor.queries import meta

#: Okabe-Ito palette (colour-blind safe).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIGHLIGHT = "#0072B2"  # Kreis Lippe / the selected region
CONTEXT = "#9E9E9E"  # other regions
MISSING = "#6E6E6E"  # marker for values without a number
#: Card and bar colours by judgement of a change (always shown together with an arrow or a word).
JUDGEMENT_COLORS = {"better": "#009E73", "worse": "#D55E00", "neutral": "#6E6E6E"}
FONT_SIZE = 16
#: characters per line of the source annotation and of the title: both stay inside a chart 600 px wide
#: (a 1280 px screen at 200 % zoom), where plotly cannot wrap text itself
SOURCE_WIDTH = 72
TITLE_WIDTH = 48
LABEL_WIDTH = 28  # characters per line of a category label of a ranking (longer ones wrap)
DEMO_LABEL = "Demodaten: synthetisch erzeugt, keine amtlichen Ergebnisse"
PARTIAL_DEMO_LABEL = "Teilweise Demodaten: nicht alle Zahlen sind amtliche Ergebnisse"
UNUSABLE = frozenset(statuses.UNUSABLE)
FLAGGED = frozenset(statuses.FLAGGED)
MISSING_LEGEND = "kein Wert (geheim/unsicher/fehlt)"
FLAGGED_LEGEND = "vorläufig/eingeschränkt (schraffiert)"
#: Plotly config for st.plotly_chart: German modebar, offline topojson stub, no logo (``plotly_de.config``
#: adds the file name of the PNG export).
PLOTLY_CONFIG = plotly_de.CONFIG


@dataclass(frozen=True)
class View:
    """A chart with the exact data it shows, its text alternative, download name and source metadata."""

    fig: go.Figure
    data: pd.DataFrame
    alt_text: str
    filename: str
    meta: Mapping[str, str] = field(default_factory=dict)

    @functools.cached_property
    def shown_fig(self) -> go.Figure:
        """The figure as a page shows it (:func:`with_assumptions`), made once per view: a cached view
        keeps it for every later page load."""
        return with_assumptions(self.fig, self.meta)


def style(fig: go.Figure, title: str, unit: str | None, source: str, height: int = 480,
          left: int = 0) -> go.Figure:
    """Large fonts, title, legend on top, unit on the value axis (set by the builders), source line with
    the Stand and the demo label (:func:`source_lines`) as annotation below the plot, de-DE separators.
    ``height`` is for a one-line title and three source lines (more lines make the chart taller);
    ``left``: room (px) for category labels, so that the source starts at the left edge of the chart."""
    title_lines = [plain(line) for line in textwrap.wrap(title, TITLE_WIDTH)] or [""]
    lines = source_lines(source)
    height += 30 * (len(title_lines) - 1) + 20 * max(0, len(lines) - 3)
    below_title = 40 + 30 * (len(title_lines) - 1) + (3 if len(title_lines) > 1 else 0)  # px from the top
    fig.update_layout(
        title={"text": "<br>".join(title_lines), "font": {"size": FONT_SIZE + 6}, "x": 0, "xanchor": "left",
               "yref": "container", "y": 0.985, "yanchor": "top",
               "pad": {"t": 20 if len(title_lines) > 1 else 0}},  # plotly lifts a wrapped title by ~15 px
        font={"size": FONT_SIZE, "family": "Source Sans Pro, Arial, sans-serif", "color": "#262730"},
        template="plotly_white",
        separators=",.",
        height=height,
        margin={"l": 10 + left, "r": 20, "t": below_title + 20, "b": 100 + 20 * len(lines)},
        # below the title in container coordinates: a legend that wraps on a narrow screen pushes the plot
        # down instead of running into the title (a layout that moves it sets yref="paper" again)
        legend={"orientation": "h", "xref": "container", "x": 0, "yref": "container",
                "y": 1 - below_title / height, "yanchor": "top", "font": {"size": FONT_SIZE}},
        hoverlabel={"font_size": FONT_SIZE},
    )
    fig.add_annotation(
        name=SOURCE_NOTE, text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, xshift=-left,
        yshift=-75, showarrow=False, xanchor="left", yanchor="top", align="left",
        font={"size": FONT_SIZE - 2, "color": "#444444"},
    )
    _plain_traces(fig)
    return fig


#: planner's assumptions of a view's meta that the exported image states too (``with_assumptions``)
IMAGE_ASSUMPTIONS = ("Altersgruppe", "Ebene", "Bedarfsquote", "Zieljahr", "Rechtsanspruch")
SOURCE_NOTE = "source"  # name of the source annotation


def with_assumptions(fig: go.Figure, meta: Mapping[str, str]) -> go.Figure:
    """A copy of a styled chart whose source note starts with ``Annahmen: Bedarfsquote 97 % · …`` (the
    ``IMAGE_ASSUMPTIONS`` rows of ``meta``), so that the PNG export states them; unchanged without any."""
    rows = [f"{key} {meta[key]}" for key in IMAGE_ASSUMPTIONS if meta.get(key)]
    notes = [a for a in fig.layout.annotations if a.name == SOURCE_NOTE]
    if not rows or not notes:
        return fig
    out = go.Figure(fig)
    lines = [plain(line) for line in textwrap.wrap("Annahmen: " + " · ".join(rows), SOURCE_WIDTH)]
    out.update_annotations(selector={"name": SOURCE_NOTE}, text="<br>".join([*lines, notes[0].text]))
    out.update_layout(height=(fig.layout.height or 480) + 20 * len(lines),
                      margin={"b": (fig.layout.margin.b or 0) + 20 * len(lines)})
    return out


def label_room(labels: Iterable[object]) -> int:
    """Pixels the longest category label needs at the chart font (about 0.5 em per character)."""
    return int(0.5 * FONT_SIZE * max((len(str(label)) for label in labels), default=0)) + 12


def build_context() -> tuple[str | None, str | None]:
    """(Stand of the build as ``dd.mm.yyyy``, demo label or None) of the current warehouse build; (None,
    None) without a build (charts drawn in unit tests)."""
    try:
        build = meta.build_info()
    except db.WarehouseMissing:
        return None, None
    stand = fmt.fmt_date_time((build.get("built_at") or "")[:10] or None)
    if build.get("synthetic") != "true":
        return stand, None
    return stand, PARTIAL_DEMO_LABEL if meta.has_official_files() else DEMO_LABEL


def source_lines(source: str) -> list[str]:
    """The source annotation, wrapped: the source line (which names the Stand of each table), the Stand of
    the build when the line names none, and the demo label (bold, on its own line) for synthetic data."""
    stand, demo = build_context()
    text = source
    if stand and "Stand" not in source:
        text = f"{source}; Datenstand {stand}" if source else f"Datenstand {stand}"
    lines = [plain(line) for line in textwrap.wrap(text, SOURCE_WIDTH)] or [""]
    return [*lines, f"<b>{plain(demo)}</b>"] if demo else lines


def figure_title(fig: go.Figure) -> str:
    """The chart title as plain text (wrapped lines joined, markup escapes undone)."""
    return html.unescape(str(fig.layout.title.text or "").replace("<br>", " "))


#: trace attributes that may carry text from files or the warehouse (names, labels, categories);
#: `text` may hold the builders' own markup (<br>, <b>): they escape the data parts with plain()
TEXT_ATTRIBUTES = ("name", "hovertext", "x", "y", "labels")


def plain(text: str) -> str:
    """Text shown literally by plotly, which reads a subset of HTML (<a href>, <b>, <br>, <img>-free
    but clickable links) in titles, names, labels and annotations."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain_value(value):
    if isinstance(value, str):
        return plain(value)
    if hasattr(value, "dtype") and value.dtype.kind in "OUS":  # numpy arrays of labels
        value = value.tolist()
    if isinstance(value, tuple | list) and any(isinstance(v, str) for v in value):
        return [plain(v) if isinstance(v, str) else v for v in value]
    return value


def _plain_traces(fig: go.Figure) -> None:
    """Escape every text of every trace (and Sankey node labels) so data cannot become markup."""
    for trace in fig.data:
        for attribute in TEXT_ATTRIBUTES:
            if attribute in trace and trace[attribute] is not None:
                trace[attribute] = _plain_value(trace[attribute])
        if trace.type == "sankey" and trace.node.label is not None:
            trace.node.label = _plain_value(trace.node.label)


def unit_title(unit: str | None) -> str:
    """Axis title for a unit: percent → ``%``; counts → ``Anzahl``."""
    return "%" if fmt.is_percent(unit) else (unit or "")


status_word = statuses.word
def display_order(data: pd.DataFrame, value: str) -> pd.DataFrame:
    """Rows as a ranking chart shows them from top to bottom: largest value first, rows without a value
    last, ties in their given order. Tables and downloads of a ranking use this order."""
    return data.sort_values(value, ascending=False, na_position="last", kind="stable")


def line_chart(data: pd.DataFrame, *, x: str, y: str, series: str, title: str, unit: str | None,
               source: str, highlight: str | None = None, status: str = "status",
               decimals: int = 1, breaks: Sequence[tuple[str, str]] = ()) -> go.Figure:
    """One line per ``series``; NULL values leave a gap and get a grey marker at the baseline.
    ``breaks``: (x category, label) of series breaks, drawn as a dotted line with the label."""
    fig = go.Figure()
    for i, (name, part) in enumerate(data.groupby(series, sort=False)):
        colour = HIGHLIGHT if name == highlight else PALETTE[(i + 1) % len(PALETTE)]
        flagged = part[status].isin(FLAGGED)
        fig.add_trace(go.Scatter(
            x=part[x], y=part[y], name=str(name), mode="lines+markers", connectgaps=False,
            line={"color": colour, "width": 4 if name == highlight else 2.5},
            marker={"size": [12 if f else 8 for f in flagged], "symbol": ["diamond-open" if f else "circle"
                    for f in flagged]},
            text=[fmt.fmt_value(v, s, decimals, unit) for v, s in zip(part[y], part[status], strict=True)],
            hovertemplate="%{fullData.name}, %{x}: %{text}<extra></extra>",
        ))
    _missing_markers(fig, data, position=x, label=series, status=status, horizontal=False)
    fig.update_yaxes(title_text=unit_title(unit), rangemode="tozero", tickformat=",~f")
    categories = period_order(data[x].astype(str))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=categories)
    for where, label in breaks:
        # between the last category before the break and the first one on the new basis; positions as
        # category indexes (plotly reads a numeric-looking string such as "2022" as an index)
        position = categories.index(where) - 0.5
        fig.add_shape(type="line", x0=position, x1=position, xref="x", y0=0, y1=1, yref="paper",
                      line={"dash": "dot", "color": MISSING, "width": 2})
        fig.add_annotation(x=position, xref="x", y=1, yref="paper", text=f"Bruch: {label}", showarrow=False,
                           xanchor="left", yanchor="top", xshift=4, bgcolor="rgba(255,255,255,0.8)",
                           font={"size": FONT_SIZE - 2, "color": MISSING})  # inside the plot
    return style(fig, title, unit, source)


def bar_ranking(data: pd.DataFrame, *, category: str, value: str, title: str, unit: str | None,
                source: str, highlight: Iterable[str] = (), status: str = "status",
                decimals: int = 1, reference: tuple[str, float] | None = None) -> go.Figure:
    """Horizontal bars sorted by value (largest on top); highlighted categories in blue, flagged values
    hatched, NULL values as a grey marker with the status word; optional reference line (e.g. NRW)."""
    frame = display_order(data, value).iloc[::-1]  # plotly draws the first category at the bottom
    marked = set(highlight)
    colours = [HIGHLIGHT if c in marked else CONTEXT for c in frame[category]]
    patterns = ["/" if s in FLAGGED else "" for s in frame[status]]
    fig = go.Figure(go.Bar(
        x=frame[value], y=frame[category], orientation="h", marker={"color": colours,
        "pattern": {"shape": patterns}}, name=unit_title(unit) or "Wert", showlegend=False,
        text=[fmt.fmt_value(v, s, decimals, unit) for v, s in zip(frame[value], frame[status], strict=True)],
        textposition="outside", cliponaxis=False, hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    if frame[status].isin(FLAGGED).any():
        fig.add_trace(go.Bar(x=[None], y=[None], orientation="h", name=FLAGGED_LEGEND,
                             marker={"color": CONTEXT, "pattern": {"shape": "/"}}))
    _missing_markers(fig, frame, position=category, label=category, status=status, horizontal=True)
    if reference is not None and not fmt.is_missing(reference[1]) and not is_count(unit):
        shown = fmt.fmt_value(reference[1], "ok", decimals, unit)
        add_reference(fig, reference[1], f"{reference[0]}: {shown}")
    fig.update_xaxes(title_text=unit_title(unit), rangemode="tozero", tickformat=",~f")
    names = [str(c) for c in dict.fromkeys(frame[category])]
    wrapped = {name: textwrap.wrap(name, LABEL_WIDTH, break_long_words=False) or [""] for name in names}
    fig.update_yaxes(type="category", automargin=True, tickmode="array", tickvals=[plain(n) for n in names],
                     ticktext=["<br>".join(plain(line) for line in wrapped[n]) for n in names])
    rows = max((len(lines) for lines in wrapped.values()), default=1)
    fig = style(fig, title, unit, source, height=max(420, (34 + 18 * (rows - 1)) * len(frame) + 200),
                left=label_room(line for lines in wrapped.values() for line in lines))
    fig.update_layout(margin={"r": 20 + label_room(fig.data[0].text or [])})  # labels past the longest bar
    return fig


#: plot width (px) the value labels are fitted to: a 640 px wide screen (1280 px at 200 % zoom)
NARROW_PLOT = 350


def add_reference(fig: go.Figure, x: float, label: str) -> None:
    """A dashed reference line at ``x`` (e.g. NRW) on a bar ranking, labelled above the plot, that crosses
    no value label: a bar ending left of the line carries its label inside its end when the label would
    not fit between bar end and line; every other label stays outside the bar end."""
    bars = fig.data[0]
    values = [None if fmt.is_missing(v) else float(v) for v in bars.x]
    known = [v for v in values if v is not None]
    span = (max([*known, x, 0.0]) - min([*known, 0.0])) or 1.0
    rooms = [label_room([t]) / NARROW_PLOT * span for t in bars.text or [""] * len(values)]  # in data units
    inside = [v is not None and 0 <= v < x and x - v < r <= v for v, r in zip(values, rooms, strict=True)]
    bars.update(textposition=["inside" if i else "outside" for i in inside], insidetextanchor="end",
                textfont={"color": [("#FFFFFF" if c == HIGHLIGHT else "#262730") if i else "#262730"
                                    for i, c in zip(inside, bars.marker.color, strict=True)]})
    right = x > min([*known, 0.0]) + span / 2  # label to the side with more room (never cut off)
    fig.add_vline(x=x, line={"color": "#000000", "dash": "dash", "width": 2}, annotation_text=plain(label),
                  annotation_position="top left" if right else "top right",
                  annotation={"yanchor": "bottom"})  # above the plot, not over the top bar


def _missing_markers(fig: go.Figure, data: pd.DataFrame, *, position: str, label: str, status: str,
                     horizontal: bool) -> None:
    """Grey markers for rows without a value, drawn on a hidden 0–1 overlay axis so that they do not
    suggest any number."""
    rows = data[data[status].isin(UNUSABLE)]
    if rows.empty:
        return
    words = [fmt.missing_marker(s) for s in rows[status]]
    hover = [f"{n}: kein Wert ({w})" for n, w in zip(rows[label], words, strict=True)]
    base = [0.01] * len(rows)
    common = {"mode": "markers+text", "name": MISSING_LEGEND, "text": words, "hovertext": hover,
              "hoverinfo": "text", "marker": {"symbol": "x-thin-open", "size": 14, "color": MISSING,
                                              "line": {"width": 3, "color": MISSING}},
              "textfont": {"color": MISSING, "size": FONT_SIZE - 2}}
    if horizontal:
        fig.add_trace(go.Scatter(x=base, y=rows[position], xaxis="x2", textposition="middle right", **common))
        fig.update_layout(xaxis2={"overlaying": "x", "range": [0, 1], "visible": False})
    else:
        fig.add_trace(go.Scatter(x=rows[position], y=base, yaxis="y2", textposition="top center", **common))
        fig.update_layout(yaxis2={"overlaying": "y", "range": [0, 1], "visible": False})
