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

#: chart type on a 1920×1080 slide (2.4 % of the height, as large as the slide's body text); other
#: screens scale it with :func:`font_size` (the page passes the browser's viewport in)
FONT = 26
SMALL_FONT = 22  # bar charts with many bars (the Gemeinden of the home Kreis)
MIN_FONT = 14  # never smaller, whatever the screen
DESIGN = (1920, 1080)  # the slide size FONT is chosen for
MANY_BARS = 9
HOME_WIDTH = 7  # line width of the home region; comparison lines are thinner and dashed
OTHER_WIDTH = 3.5
CHAR_WIDTH = 0.55  # average character width in em (margin for the direct labels)
CLOSE = 0.08  # line ends closer than 8 % of the value range get labels above and below each other


def scale(viewport: tuple[int, int] | None) -> float:
    """Size of the slide against the 1920×1080 design (the smaller of the width and height ratios, as
    the page's root font size), to two decimals (it keys the cached slide content): 1.0 without a known
    viewport, 0.67 at 1280×720."""
    if not viewport or min(viewport) <= 0:
        return 1.0
    return round(min(viewport[0] / DESIGN[0], viewport[1] / DESIGN[1]), 2)


def font_size(base: int, factor: float) -> int:
    """A chart font size of the design scaled to the slide, never below ``MIN_FONT``."""
    return max(MIN_FONT, round(base * factor))


def enlarge(fig: go.Figure, home: str, factor: float = 1.0) -> go.Figure:
    """Slide version of a chart whose home-region trace (or bar) is named ``home`` (display name);
    ``factor``: the slide size against 1920×1080 (:func:`scale`), which all chart type follows."""
    font = font_size(FONT, factor)
    notes = [a for a in fig.layout.annotations if not str(a.text or "").startswith("Quelle")]
    fig.layout.annotations = notes
    # the legend (only the markers of values without a number) at the bottom, horizontal, as large as the
    # axis text (plotly makes room for a legend in container coordinates)
    fig.update_layout(title={"text": ""}, font={"size": font},
                      legend={"font": {"size": font}, "orientation": "h", "xref": "container", "x": 0,
                              "yref": "container", "y": 0, "yanchor": "bottom", "xanchor": "left"},
                      margin={"t": round(2 * font), "b": round(0.8 * font), "l": 10, "r": 20},
                      height=None, autosize=True, hoverlabel={"font_size": font})
    fig.update_annotations(font={"size": font})
    fig.update_traces(textfont={"size": font}, selector={"type": "scatter"})
    if any(trace.type == "bar" for trace in fig.data):
        return _bars(fig, charts.plain(home), factor)
    return _lines(fig, charts.plain(home), font)


def _value_range(fig: go.Figure, values) -> list[float]:
    """Value axis of a bar slide: from 0 (or the lowest value) to just past the longest bar or the
    reference line (plotly's autorange would also make room for the reference label above the plot)."""
    shown = [float(v) for v in values if v is not None and v == v]
    lines = [float(s.x0) for s in fig.layout.shapes
             if s.type == "line" and s.xref == "x" and s.x0 is not None]
    high, low = max([*shown, *lines, 0.0]), min([*shown, 0.0])
    return [low * 1.04, (high * 1.04) or 1.0]


def _is_line(trace) -> bool:
    return trace.type == "scatter" and trace.mode == "lines+markers"


def _lines(fig: go.Figure, home: str, font: int) -> go.Figure:
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
    for note in fig.layout.annotations:  # break labels above the plot, away from the line-end labels
        if note.xref == "x" and str(note.text or "").startswith("Bruch"):
            late = note.x > (len(years) - 1) / 2
            note.update(y=1, yanchor="bottom", xanchor="right" if late else "left", xshift=-6 if late else 6)
    for trace in fig.data:
        if not _is_line(trace):
            continue
        mine = trace.name == home
        # comparison markers: open squares larger than the home circles, so that a comparison line lying
        # under the home line (same values) still shows around its markers
        symbols = [s if s != "circle" else ("circle" if mine else "square-open") for s in trace.marker.symbol]
        width = (HOME_WIDTH if mine else OTHER_WIDTH) * max(font / FONT, 0.6)
        trace.update(line={"width": width, "dash": "solid" if mine else "dash"},
                     marker={"size": round((16 if mine else 24) * font / FONT), "symbol": symbols,
                             "line": {"width": 0 if mine else 3, "color": trace.line.color}},
                     showlegend=False)
    labels = _end_labels([t for t in fig.data if _is_line(t)], home, years, font)
    for label in labels:
        fig.add_annotation(label)
    longest = max((len(t.name) for t in lines), default=0)
    fig.update_layout(showlegend=len(fig.data) > len(lines),
                      margin={"r": int(longest * font * CHAR_WIDTH) + 30})
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


def _end_labels(lines: list, home: str, years: list[str], font: int) -> list[dict]:
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
        shift = 0 if not close else (font * 0.7 if rank == 0 else -font * 0.7 * rank)
        labels.append({"x": years.index(str(x)), "xref": "x", "y": y, "yref": "y", "yshift": shift,
                       "xshift": 14, "xanchor": "left", "yanchor": "middle", "showarrow": False,
                       "text": f"<b>{trace.name}</b>" if mine else trace.name,
                       "font": {"size": font, "color": trace.line.color}})
    return labels


def _bars(fig: go.Figure, home: str, factor: float) -> go.Figure:
    """Home bar outlined in black with a bold label; the values as a column right of the plot area (never
    clipped, never crossed by the reference line); smaller type when there are many bars."""
    bars = next(t for t in fig.data if t.type == "bar" and t.y is not None and t.y[:1] != (None,))
    categories = [str(c) for c in bars.y]
    size = font_size(FONT if len(categories) < MANY_BARS else SMALL_FONT, factor)
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
    fig.update_xaxes(range=_value_range(fig, bars.x), autorange=False)
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
