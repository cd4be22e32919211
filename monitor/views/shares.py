"""Stacked share bars (parts of 100 % per area) that show honestly what is missing: secret parts are
marked with the official symbol, and where the shown parts do not add up to 100 % (secret parts, counts
rounded to multiples of 5) a hatched rest segment fills the bar and the area label names the sum."""

import pandas as pd
import plotly.graph_objects as go

from etl.status import UNUSABLE
from monitor import charts, fmt

REST_LEGEND = "Rest bis 100 % (geheim oder gerundet)"


def area_sums(data: pd.DataFrame, label_col: str) -> pd.Series:
    """Sum of the shown shares per area (area order kept): below 100 % where parts are secret or the
    counts are rounded, possibly above 100 % by rounding."""
    return data.groupby(label_col, sort=False)["share"].sum(min_count=1).fillna(0.0)


def sum_note(total: float) -> str:
    """Axis note of a bar whose parts do not add up to 100 % (empty when they do, to 0.5 points)."""
    return "" if abs(total - 100) < 0.5 else f" · Summe {fmt.fmt_number(total, 0)} %"


def stacked_shares(data: pd.DataFrame, *, category: str, label_col: str, title: str, source: str,
                   highlight: str | None = None) -> go.Figure:
    """Horizontal bars per area (``label_col``) stacked by ``category``; areas with an unknown part are
    marked with the official symbol in their label, the ``highlight`` area with ▶. Where the shown
    parts do not reach 100 % (secret parts, rounding) a hatched rest segment fills the bar and the label
    names the sum."""
    fig = go.Figure()
    unknown = set(data.loc[data["share_status"].isin(UNUSABLE), label_col])
    sums = area_sums(data, label_col)
    order = list(dict.fromkeys(data[label_col]))
    axis = [f"{a} (.)" if a in unknown else a for a in order]
    axis = [f"{label}{sum_note(sums[a])}" for a, label in zip(order, axis, strict=True)]
    # plain text (the chart escapes markup in data labels): the arrow marks the selected area
    axis = [f"▶ {label}" if a == highlight else label for a, label in zip(order, axis, strict=True)]
    rename = dict(zip(order, axis, strict=True))
    for i, (cat, part) in enumerate(data.groupby(category, sort=False)):
        fig.add_trace(go.Bar(
            y=part[label_col].map(rename), x=part["share"], name=str(cat), orientation="h",
            marker={"color": charts.PALETTE[(i + 1) % len(charts.PALETTE)]},
            customdata=[fmt.fmt_number(v, 1) for v in part["share"]],
            hovertemplate="%{y}: %{customdata} %<extra>" + str(cat) + "</extra>",
        ))
    rest = (100 - sums)[lambda r: r >= 0.5]
    if not rest.empty:
        fig.add_trace(go.Bar(  # from the sum of the parts to 100 % (a trace with a base is not stacked)
            y=[rename[a] for a in rest.index], x=fmt.round_half_up(rest, 1),
            base=fmt.round_half_up(sums[rest.index], 1),
            name=REST_LEGEND, orientation="h",
            marker={"color": "#FFFFFF", "line": {"color": charts.MISSING, "width": 1},
                    "pattern": {"shape": "x", "fgcolor": charts.MISSING, "size": 6}},
            customdata=[fmt.fmt_number(v, 1) for v in rest],
            hovertemplate="%{y}: Rest %{customdata} %<extra></extra>",
        ))
    if unknown:
        fig.add_trace(go.Bar(x=[None], y=[None], name=f"(.) {charts.MISSING_LEGEND}",
                             marker={"color": charts.MISSING}))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(axis)), automargin=True)
    fig.update_xaxes(title_text="%", range=[0, max(100.0, float(sums.max()) if not sums.empty else 100.0)])
    fig = charts.style(fig, title, "%", source, height=max(440, 30 * len(order) + 340),
                       left=charts.label_room(axis))
    legend_rows = (len(fig.data) + 1) // 2  # two legend entries per row (names of up to 40 characters)
    fig.update_layout(margin={"t": fig.layout.margin.t + 24 * legend_rows})  # legend below the title
    return fig


def parts_alt(data: pd.DataFrame, label_col: str) -> str:
    """Sentence of the text alternative on how far the bars fall short of (or exceed) 100 %."""
    sums = area_sums(data, label_col)
    off = sums[(sums - 100).abs() >= 0.5]
    if off.empty:
        return "Die Anteile ergeben je Gebiet 100 %. "
    return (f"Bei {len(off)} von {len(sums)} Gebieten ergeben die ausgewiesenen Anteile nicht 100 % "
            f"(zwischen {fmt.fmt_number(off.min(), 0)} % und {fmt.fmt_number(off.max(), 0)} %), weil Teile "
            "geheim gehalten oder die Zahlen gerundet sind; der Rest ist als schraffierter Abschnitt "
            "gezeichnet. ")
