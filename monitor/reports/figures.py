"""The charts of a report section: time series of the region against its Land (and Regierungsbezirk and
home Kreis), and a ranking of comparable regions (the Gemeinden or Jugendamtsbezirke of the home Kreis,
else the Kreise of its Regierungsbezirk). Values come from ``monitor.queries.indicators``."""

import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from etl.catalogue import Indicator
from monitor import charts, fmt, narrative
from monitor.queries import indicators, regions, sources
from monitor.views import common

MIN_RANKED = 3
DATE_LABEL = re.compile(r"\d{2}\.\d{2}\.\d{4}")
YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class ChartSpec:
    """A chart of a section: caption, source line and the view (figure, data, text alternative)."""

    kind: str  # series | ranking
    title: str
    source: str
    view: charts.View


def _caption(view: charts.View) -> str:
    return str(view.fig.layout.title.text or "").replace("<br>", " ")


def period_key(label: str) -> tuple:
    """Sort key of a period label on a category axis: ``31.12.2024`` → (2024, 12, 31); ``2023/24`` →
    (2023, 0, 0); labels without a year last."""
    if DATE_LABEL.fullmatch(label):
        day, month, year = (int(p) for p in label.split("."))
        return (year, month, day, label)
    found = YEAR.search(label)
    return (int(found.group()), 0, 0, label) if found else (9999, 0, 0, label)


def chronological(fig: go.Figure) -> go.Figure:
    """Category axis of a time series in time order (a period that only the no-value markers have would
    otherwise be appended at the right end)."""
    labels = {str(x) for trace in fig.data if trace.x is not None for x in trace.x}
    return fig.update_xaxes(categoryorder="array", categoryarray=sorted(labels, key=period_key))


def _in(label: str) -> str:
    """``im Kreis Lippe`` / ``im Regierungsbezirk Detmold`` / ``in Bielefeld``."""
    return f"im {label}" if label.split(" ")[0] in ("Kreis", "Regierungsbezirk") else f"in {label}"


# --- time series ----------------------------------------------------------------------------------------


def series_chart(entry: Indicator, region: str, build: dict[str, str]) -> ChartSpec:
    """The region against its Land and Regierungsbezirk (a Gemeinde or Jugendamt also against the home
    Kreis); counts only for the region itself (sizes of regions differ)."""
    home = regions.home()
    count = narrative.is_count(entry.unit)
    context = [] if count else [home.land, *([home.rb] if home.rb else [])]
    peers = [] if region == home.kreis or count else [home.kreis]
    shown = list(dict.fromkeys([region, *context, *peers]))
    frame = indicators.series(entry.id, shown)
    one_per_year = not frame.duplicated(["ags", "year"]).any()
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]],
                         when=[str(y) if one_per_year else fmt.fmt_period(p)
                               for y, p in zip(frame["year"], frame["period"], strict=True)])
    frame["_order"] = frame["ags"].map(shown.index)
    frame = frame.sort_values(["_order", "year", "period"]).drop(columns="_order")
    title = f"{entry.short_title or entry.title}: {regions.label(region)} im Vergleich"
    source = sources.source_line(entry.sources)
    fig = charts.line_chart(frame, x="when", y="value", series="label", title=title, unit=entry.unit,
                            source=source, highlight=regions.label(region), decimals=entry.decimals,
                            breaks=common.break_marks(entry.id, frame))
    chronological(fig)
    view = charts.View(fig, common.value_table(frame, entry), _series_alt(entry, frame, region),
                       f"{entry.id}_zeitreihe_{region}", common.download_meta(entry, build, region))
    return ChartSpec("series", _caption(view), source, view)


def _series_alt(entry: Indicator, frame: pd.DataFrame, region: str) -> str:
    own = frame[frame["ags"] == region]
    if own.empty:
        return f"Liniendiagramm {entry.title}: für {regions.label(region)} liegen keine Werte vor."
    first, last = own.iloc[0], own.iloc[-1]
    d, u = entry.decimals, entry.unit
    others = sorted(set(frame["label"]) - {regions.label(region)})
    context = f" im Vergleich mit {', '.join(others)}" if others else ""
    return (f"Liniendiagramm {entry.title} für {regions.label(region)}{context} "
            f"von {fmt.fmt_period(first['period'])} ({fmt.fmt_value(first['value'], first['status'], d, u)}) "
            f"bis {fmt.fmt_period(last['period'])} ({fmt.fmt_value(last['value'], last['status'], d, u)}).")


# --- ranking ----------------------------------------------------------------------------------------------


def ranking_scope(entry: Indicator, region: str) -> tuple[str, str, str]:
    """Regions to rank as (level, scope title, parent): the Jugendamtsbezirke of the home Kreis for a
    Jugendamt, else its Gemeinden, else the Kreise of its Regierungsbezirk (or Land)."""
    home = regions.home()
    kreis = regions.label(home.kreis)
    if region in home.jugendaemter and indicators.has_values(entry.id, "jugendamt"):
        return "jugendamt", f"Jugendamtsbezirke {_in(kreis)}", home.kreis
    if indicators.has_values(entry.id, "gemeinde"):
        return "gemeinde", f"Gemeinden {_in(kreis)}", home.kreis
    return "kreis", f"Kreise {_in(regions.label(home.region))}", home.region


def ranking_chart(entry: Indicator, region: str, year: int, build: dict[str, str]) -> ChartSpec | None:
    """Bar chart of the comparable regions in ``year`` with the reference (the home Kreis for its Gemeinden
    and Jugendamtsbezirke, else the Land) as a dashed line; None when fewer than ``MIN_RANKED`` of them
    have a value (nothing to compare)."""
    home = regions.home()
    level, scope, parent = ranking_scope(entry, region)
    frame = indicators.ranking(entry.id, year, level, parent)
    if frame["value"].notna().sum() < MIN_RANKED:
        return None
    reference = home.land if level == "kreis" else home.kreis
    title = f"{entry.short_title or entry.title} {year}: {scope}"
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]])
    ref = indicators.ranking(entry.id, year, regions.level_of(reference))
    ref = ref[ref["ags"] == reference]
    line = (labels.get(reference, reference), ref["value"].iloc[0]) if not ref.empty else None
    source = sources.source_line(entry.sources)
    fig = charts.bar_ranking(frame, category="label", value="value", title=title, unit=entry.unit,
                             source=source, highlight={labels.get(a, a) for a in (region, home.kreis)},
                             decimals=entry.decimals, reference=line)
    d, u = entry.decimals, entry.unit
    alt = f"Balkendiagramm {title}: " + ", ".join(
        f"{r.label} {fmt.fmt_value(r.value, r.status, d, u)}" for r in frame.itertuples()) + "."
    table = common.value_table(frame.sort_values("value", ascending=False, na_position="last"), entry)
    view = charts.View(fig, table, alt, f"{entry.id}_rangfolge_{level}_{year}",
                       common.download_meta(entry, build))
    return ChartSpec("ranking", _caption(view), source, view)


def section_charts(entries: list[Indicator], rows: pd.DataFrame, region: str, build: dict[str, str]
                   ) -> tuple[ChartSpec, ...]:
    """Up to three charts: a time series, a ranking of comparable regions, another time series. Series
    prefer indicators with several years; rankings need at least ``MIN_RANKED`` regions with values."""
    own = rows[rows["ags"] == region]
    years = own.groupby("indicator_id")["year"].agg(["nunique", "max"])
    picks = [e for e in entries if e.id in years.index]
    if not picks:
        return ()
    series_ok = [e for e in picks if years.loc[e.id, "nunique"] >= 2]
    first = (series_ok or picks)[0]
    specs = [series_chart(first, region, build)]
    used = [first.id]
    for entry in [e for e in picks if e.id != first.id] + [first]:
        spec = ranking_chart(entry, region, int(years.loc[entry.id, "max"]), build)
        if spec is not None:
            specs.append(spec)
            used.append(entry.id)
            break
    rest = [e for e in series_ok if e.id not in used]
    if rest:
        specs.append(series_chart(rest[0], region, build))
    return tuple(specs)
