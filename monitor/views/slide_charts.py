"""Slide styling of the presentation charts: large type, the height taken from the slide (the page gives
the chart the room left between headline and footer), the home region drawn last (on top) and told apart
without colour, direct labels at the line ends instead of a legend, and room for the bar value labels.

Works on figures of ``charts.line_chart`` and ``charts.bar_ranking``; the data of the traces is kept
(only their order changes: the home region last). Also the short chart name (aria-label) and the data
table of the text alternative, both in the order of the chart."""

import pandas as pd
import plotly.graph_objects as go

from monitor import charts
from monitor.markup import escape

FONT = 22
SMALL_FONT = 19  # bar charts with many bars (the Gemeinden of the home Kreis)
MANY_BARS = 9
HOME_WIDTH = 7  # line width of the home region; comparison lines are thinner and dashed
OTHER_WIDTH = 3.5
CHAR_WIDTH = 0.55  # average character width in em (margin for the direct labels)
CLOSE = 0.08  # line ends closer than 8 % of the value range get labels above and below each other


def enlarge(fig: go.Figure, home: str) -> go.Figure:
    """Slide version of a chart whose home-region trace (or bar) is named ``home`` (display name)."""
    notes = [a for a in fig.layout.annotations if not str(a.text or "").startswith("Quelle")]
    fig.layout.annotations = notes
    fig.update_layout(title={"text": ""}, font={"size": FONT}, legend={"font": {"size": FONT - 2}},
                      margin={"t": 50, "b": 20, "l": 10, "r": 20}, height=None, autosize=True,
                      hoverlabel={"font_size": FONT})
    fig.update_annotations(font={"size": FONT - 4})
    if any(trace.type == "bar" for trace in fig.data):
        return _bars(fig, charts.plain(home))
    return _lines(fig, charts.plain(home))


def _is_line(trace) -> bool:
    return trace.type == "scatter" and trace.mode == "lines+markers"


def _lines(fig: go.Figure, home: str) -> go.Figure:
    """Home line last, thick and solid with round markers; other lines thinner, dashed, square markers;
    each line labelled at its end (the legend keeps only the markers of missing values)."""
    lines = [t for t in fig.data if _is_line(t)]
    fig.data = tuple([t for t in lines if t.name != home] + [t for t in lines if t.name == home]
                     + [t for t in fig.data if not _is_line(t)])
    ordered = fig.layout.xaxis.categoryarray  # charts.line_chart orders the periods chronologically
    years = list(ordered) if ordered else sorted({str(x) for t in lines for x in t.x})
    if not ordered:
        _move_breaks(fig, list(dict.fromkeys(str(x) for t in lines for x in t.x)), years)
    # years in order even when one line starts later; a fixed range (labels at the line ends would widen
    # the autorange: plotly makes room for annotations in data coordinates)
    fig.update_xaxes(categoryorder="array", categoryarray=years, range=[-0.5, len(years) - 0.5],
                     autorange=False)
    for trace in fig.data:
        if not _is_line(trace):
            continue
        mine = trace.name == home
        symbols = [s if s != "circle" else ("circle" if mine else "square") for s in trace.marker.symbol]
        trace.update(line={"width": HOME_WIDTH if mine else OTHER_WIDTH, "dash": "solid" if mine else "dash"},
                     marker={"size": 16 if mine else 11, "symbol": symbols}, showlegend=False)
    labels = _end_labels([t for t in fig.data if _is_line(t)], home, years)
    for label in labels:
        fig.add_annotation(label)
    longest = max((len(t.name) for t in lines), default=0)
    fig.update_layout(showlegend=len(fig.data) > len(lines),
                      margin={"r": int(longest * FONT * CHAR_WIDTH) + 30})
    return fig


def _move_breaks(fig: go.Figure, shown: list[str], years: list[str]) -> None:
    """Series-break lines and labels sit between two categories, given as index positions in the order the
    years first appear (``shown``); move them to the same place on the sorted axis (``years``)."""
    def moved(position: float) -> float:
        return years.index(shown[int(position + 0.5)]) - 0.5

    for shape in fig.layout.shapes:
        if shape.xref == "x" and shape.x0 is not None:
            shape.update(x0=moved(shape.x0), x1=moved(shape.x1))
    for note in fig.layout.annotations:
        if note.xref == "x" and str(note.text or "").startswith("Bruch"):
            note.update(x=moved(note.x))


def _end_labels(lines: list, home: str, years: list[str]) -> list[dict]:
    """Name of each line right of its last value (bold for the home region); ends that lie close together
    get their labels above and below (the higher value above, the home region above on a tie)."""
    ends = []
    for trace in lines:
        points = [(x, y) for x, y in zip(trace.x, trace.y, strict=True) if y is not None and y == y]
        if points:
            ends.append((trace, *points[-1]))
    values = [y for _, _, y in ends]
    spread = (max(values) - min(values)) if values else 0.0
    scale = max([abs(v) for v in values] + [1e-9])
    close = len(ends) > 1 and spread < CLOSE * scale
    order = sorted(ends, key=lambda end: (end[2], end[0].name == home), reverse=True)
    labels = []
    for rank, (trace, x, y) in enumerate(order):
        mine = trace.name == home
        shift = 0 if not close else (FONT * 0.7 if rank == 0 else -FONT * 0.7 * rank)
        labels.append({"x": years.index(str(x)), "xref": "x", "y": y, "yref": "y", "yshift": shift,
                       "xshift": 14, "xanchor": "left", "yanchor": "middle", "showarrow": False,
                       "text": f"<b>{trace.name}</b>" if mine else trace.name,
                       "font": {"size": FONT, "color": trace.line.color}})
    return labels


def _bars(fig: go.Figure, home: str) -> go.Figure:
    """Home bar outlined in black with a bold label; the values as a column right of the plot area (never
    clipped, never crossed by the reference line); smaller type when there are many bars."""
    bars = next(t for t in fig.data if t.type == "bar" and t.y is not None and t.y[:1] != (None,))
    categories = [str(c) for c in bars.y]
    size = FONT if len(categories) < MANY_BARS else SMALL_FONT
    bars.update(marker={"line": {"width": [4 if c == home else 0 for c in categories], "color": "#000000"}},
                textposition="none")
    texts = [str(t) for t in (bars.text or [])]
    for index, (category, text) in enumerate(zip(categories, texts, strict=True)):
        mine = category == home
        fig.add_annotation(x=1, xref="paper", xanchor="left", xshift=12, y=index, yref="y", showarrow=False,
                           text=f"<b>{text}</b>" if mine else text, font={"size": size, "color": "#262730"})
    fig.update_yaxes(tickmode="array", tickvals=categories, tickfont={"size": size},
                     ticktext=[f"<b>{c}</b>" if c == home else c for c in categories])
    fig.update_traces(textfont={"size": size}, selector={"type": "scatter"})
    longest = max((len(t) for t in texts), default=0)
    fig.update_layout(margin={"r": int(longest * size * CHAR_WIDTH) + 40})
    return fig


# --- text alternative ------------------------------------------------------------------------------


def chart_label(view: charts.View) -> str:
    """Short name of a slide chart for assistive technology (aria-label), e.g. ``Liniendiagramm 2016 bis
    2025: Kreis Lippe, Nordrhein-Westfalen``; the full description follows it in the page."""
    kind = "Balkendiagramm" if _bar_order(view) else "Liniendiagramm"
    years = sorted(set(view.data["Jahr"]))
    when = str(years[0]) if len(years) == 1 else f"{years[0]} bis {years[-1]}"
    return f"{kind} {when}: {', '.join(dict.fromkeys(in_display_order(view)['Region']))}"


def data_table(view: charts.View) -> pd.DataFrame:
    """The slide's data for the table alternative, in the order of the chart (bars from top to bottom):
    region, period, shown value and status, text cells escaped (st.table reads Markdown)."""
    frame = in_display_order(view)[["Region", "Zeitraum", "Anzeige", "Status"]]
    return frame.rename(columns={"Anzeige": "Wert"}).map(escape).reset_index(drop=True)


def _bar_order(view: charts.View) -> list[str]:
    """Categories of the bars from top to bottom (plotly draws the first category at the bottom); empty
    for a line chart."""
    bars = [t for t in view.fig.data if t.type == "bar" and t.y is not None and t.y[:1] != (None,)]
    return [str(c) for c in reversed(bars[0].y)] if bars else []


def in_display_order(view: charts.View) -> pd.DataFrame:
    order = {name: i for i, name in enumerate(_bar_order(view))}
    if not order:
        return view.data
    keys = [order.get(charts.plain(name), len(order)) for name in view.data["Region"]]
    return view.data.assign(_at=keys).sort_values("_at", kind="stable").drop(columns="_at")
