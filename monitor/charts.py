"""Chart building blocks: colour-blind-safe palette, common styling, and visible marking of values that
are suppressed (no value) or flagged (rounded, provisional, limited)."""

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from etl import status as statuses
from etl.vocabulary import is_count
from monitor import fmt

#: Okabe-Ito palette (colour-blind safe).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIGHLIGHT = "#0072B2"  # Kreis Lippe / the selected region
CONTEXT = "#9E9E9E"  # other regions
MISSING = "#6E6E6E"  # marker for values without a number
#: Card and bar colours by judgement of a change (always shown together with an arrow or a word).
JUDGEMENT_COLORS = {"better": "#009E73", "worse": "#D55E00", "neutral": "#6E6E6E"}
FONT_SIZE = 16
SOURCE_WIDTH = 110  # characters per line of the source annotation
TITLE_WIDTH = 75
UNUSABLE = frozenset(statuses.UNUSABLE)
FLAGGED = frozenset(statuses.FLAGGED)
MISSING_LEGEND = "kein Wert (geheim/unsicher/fehlt)"
FLAGGED_LEGEND = "vorläufig/eingeschränkt (schraffiert)"
#: Plotly config for st.plotly_chart: offline topojson stub, no logo, German-friendly export.
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/", "toImageButtonOptions": {"scale": 2}}


@dataclass(frozen=True)
class View:
    """A chart with the exact data it shows, its text alternative, download name and source metadata."""

    fig: go.Figure
    data: pd.DataFrame
    alt_text: str
    filename: str
    meta: Mapping[str, str] = field(default_factory=dict)


def style(fig: go.Figure, title: str, unit: str | None, source: str, height: int = 480) -> go.Figure:
    """Large fonts, title, legend on top, unit on the value axis (set by the builders), source line as
    annotation below the plot, de-DE separators."""
    title_lines = [plain(line) for line in textwrap.wrap(title, TITLE_WIDTH)] or [""]
    fig.update_layout(
        title={"text": "<br>".join(title_lines), "font": {"size": FONT_SIZE + 6}, "x": 0, "xanchor": "left",
               "yref": "container", "y": 0.985, "yanchor": "top"},
        font={"size": FONT_SIZE, "family": "Source Sans Pro, Arial, sans-serif", "color": "#262730"},
        template="plotly_white",
        separators=",.",
        height=height,
        margin={"l": 10, "r": 20, "t": 110, "b": 120},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": FONT_SIZE}},
        hoverlabel={"font_size": FONT_SIZE},
    )
    lines = [plain(line) for line in textwrap.wrap(source, SOURCE_WIDTH)] or [""]
    fig.update_layout(margin={"b": 100 + 20 * len(lines), "t": 80 + 30 * len(title_lines)})
    fig.add_annotation(
        text="<br>".join(lines), xref="paper", yref="paper", x=0, y=0, yshift=-75, showarrow=False,
        xanchor="left", yanchor="top", align="left", font={"size": FONT_SIZE - 2, "color": "#444444"},
    )
    _plain_traces(fig)
    return fig


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
    fig.update_xaxes(type="category")
    categories = list(dict.fromkeys(data[x].astype(str)))
    for where, label in breaks:
        # between the last category before the break and the first one on the new basis; positions as
        # category indexes (plotly reads a numeric-looking string such as "2022" as an index)
        position = categories.index(where) - 0.5
        fig.add_shape(type="line", x0=position, x1=position, xref="x", y0=0, y1=1, yref="paper",
                      line={"dash": "dot", "color": MISSING, "width": 2})
        fig.add_annotation(x=position, xref="x", y=1, yref="paper", text=f"Bruch: {label}", showarrow=False,
                           xanchor="left", yanchor="bottom", font={"size": FONT_SIZE - 2, "color": MISSING})
    return style(fig, title, unit, source)


def bar_ranking(data: pd.DataFrame, *, category: str, value: str, title: str, unit: str | None,
                source: str, highlight: Iterable[str] = (), status: str = "status",
                decimals: int = 1, reference: tuple[str, float] | None = None) -> go.Figure:
    """Horizontal bars sorted by value (largest on top); highlighted categories in blue, flagged values
    hatched, NULL values as a grey marker with the status word; optional reference line (e.g. NRW)."""
    frame = data.sort_values(value, ascending=True, na_position="first")
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
        fig.add_vline(x=reference[1], line={"color": "#000000", "dash": "dash", "width": 2},
                      annotation_text=f"{reference[0]}: {fmt.fmt_value(reference[1], 'ok', decimals, unit)}",
                      annotation_position="top")
    fig.update_xaxes(title_text=unit_title(unit), rangemode="tozero", tickformat=",~f")
    fig.update_yaxes(type="category", automargin=True)
    return style(fig, title, unit, source, height=max(420, 34 * len(frame) + 200))


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
