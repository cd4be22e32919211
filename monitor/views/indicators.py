"""Indikatoren: any catalogue indicator as time series, ranking and map, compared with the home region.

The home Kreis, its Land and Regierungsbezirk come from ``monitor.queries.regions.home()``; every figure
is a mart value read through ``monitor.queries.indicators``.
"""

import pandas as pd

from etl.catalogue import Indicator
from etl.vocabulary import AREAS, is_count
from monitor import charts, fmt, maps
from monitor.db import per_build
from monitor.queries import indicators, meta, regions, sources
from monitor.views import context
from monitor.views.common import break_marks, download_meta, value_table


def area_label(entry: Indicator) -> str:
    """Life-phase label of the indicator's area (``C`` → ``Frühe Bildung``)."""
    return AREAS.get(entry.area, entry.area)


def choice_label(entry: Indicator) -> str:
    """``Bereich – Titel`` (the indicator select box)."""
    return f"{area_label(entry)} – {entry.title}"


# --- region choices -------------------------------------------------------------------------------


def overview_regions() -> list[str]:
    """The home Kreis first, its Gemeinden and Jugendämter, then its Land, its RB and the neighbours."""
    home = regions.home()
    keys = [home.kreis, *home.gemeinden, *home.jugendaemter, home.land, home.rb, *home.neighbours]
    return list(dict.fromkeys(k for k in keys if k))


def explorer_regions() -> list[str]:
    """:func:`overview_regions` and every other Kreis of the Land."""
    return list(dict.fromkeys([*overview_regions(), *regions.home().land_kreise]))


def peer_options(region: str) -> list[str]:
    """Regions to compare ``region`` with: the home Kreis and its neighbours, the Kreise of the Land and the
    Gemeinden of the home Kreis."""
    home = regions.home()
    others = [home.kreis, *home.neighbours, *home.land_kreise, *home.gemeinden]
    return [a for a in dict.fromkeys(others) if a != region]


def kreis_of(region: str) -> str | None:
    """The home Kreis for one of its Gemeinden or Jugendämter (their series are compared with it)."""
    home = regions.home()
    return home.kreis if region in (*home.gemeinden, *home.jugendaemter) else None


# --- periods ----------------------------------------------------------------------------------------


def period_kind(entry: Indicator) -> str:
    """Period type of the indicator (``monitor.fmt.period_kind``)."""
    return fmt.period_kind(entry.stichtag)


def year_selector_label(entry: Indicator) -> str:
    """``Kita-Jahr`` / ``Schuljahr`` / ``Berichtsjahr``; ``Jahr (Stichtag 31.12.)`` for Stichtage."""
    kind = period_kind(entry)
    stichtag = entry.stichtag.strip()
    if kind == "stichtag" and len(stichtag) == 6 and stichtag[2] == "." and stichtag[5] == ".":
        return f"Jahr (Stichtag {stichtag})"
    return fmt.selector_label(kind)


def year_options(entry: Indicator, found: list[int]) -> fmt.Options:
    """Years of the indicator (newest first) labelled as in the texts and on the chart axis."""
    return fmt.year_options(period_kind(entry), found)


def _period_of(entry: Indicator, frame: pd.DataFrame, year: int) -> str:
    """``Kita-Jahr 2024/25`` / ``31.12.2024`` of one year of a ranking (the year when periods differ)."""
    periods = frame.loc[frame["year"] == year, "period"].dropna().unique() if "period" in frame else []
    return fmt.period_text(period_kind(entry), year, periods[0] if len(periods) == 1 else None)


def _scope(label: str) -> str:
    """``im Kreis Lippe`` / ``im Hochsauerlandkreis`` / ``in Bielefeld``."""
    return f"im {label}" if "kreis" in label.lower() else f"in {label}"


def ranking_levels() -> dict[str, str]:
    """Ranking level → German label: the Gemeinden of the home Kreis or the Kreise of its Land."""
    home = regions.home()
    return {"gemeinde": f"Gemeinden {_scope(regions.label(home.kreis))}",
            "kreis": f"Kreise und kreisfreie Städte in {regions.label(home.land)}"}


def default_level(entry: Indicator) -> str:
    """Gemeinden where the indicator has Gemeinde values, else Kreise."""
    return "gemeinde" if indicators.has_values(entry.id, "gemeinde") else "kreis"


# --- texts ------------------------------------------------------------------------------------------


def source_text(entry: Indicator) -> str:
    """``Quelle: …`` of the tables in the build, each with its Stand."""
    return sources.source_line(entry.sources)


def attribution_text(entry: Indicator) -> str:
    """Licence and attribution of the providers (year: the Stand of the data)."""
    return sources.attribution(entry.sources, (sources.stand(entry.sources) or "")[:4] or None)


def stand(entry: Indicator) -> str | None:
    """Latest Stand (ISO text) of the loaded files of the indicator's tables."""
    return sources.stand(entry.sources)


def _title(entry: Indicator) -> str:
    return entry.short_title or entry.title


def _value(row: pd.Series, entry: Indicator) -> str:
    return fmt.fmt_value(row["value"], row["status"], entry.decimals, entry.unit)


# --- time series ------------------------------------------------------------------------------------


def series_frame(entry: Indicator, region: str, peers: list[str]) -> tuple[pd.DataFrame, list[str]]:
    """Value rows of the region, its comparison regions (the home Land and RB; not for counts, since
    absolute counts of regions of very different size do not compare) and the peers; with ``label`` and
    the x category ``when`` (year, or the period when a year has several)."""
    home = regions.home()
    context = [] if is_count(entry.unit) else [kreis_of(region), home.land, home.rb]
    keys = list(dict.fromkeys(k for k in [region, *context, *peers] if k))
    frame = indicators.series(entry.id, keys)
    one_per_year = not frame.duplicated(["ags", "year"]).any()
    labels = regions.labels()
    frame = frame.assign(label=[labels.get(a, a) for a in frame["ags"]],
                         when=[fmt.year_label(period_kind(entry), y) if one_per_year else fmt.fmt_period(p)
                               for y, p in zip(frame["year"], frame["period"], strict=True)])
    frame["_order"] = frame["ags"].map(keys.index)
    return frame.sort_values(["_order", "year", "period"]).drop(columns="_order"), keys


def series_view(entry: Indicator, region: str, peers: list[str], build: dict[str, str]) -> charts.View:
    """Time series of the region against its Kreis (for a Gemeinde or Jugendamt), its Land, its RB and the
    chosen peers."""
    frame, _ = series_frame(entry, region, peers)
    name = regions.label(region)
    title = f"{_title(entry)}: {name} im Vergleich"
    fig = charts.line_chart(frame, x="when", y="value", series="label", title=title, unit=entry.unit,
                            source=source_text(entry), highlight=name, decimals=entry.decimals,
                            breaks=break_marks(entry.id, frame))
    periods = charts.period_order(frame["when"].astype(str))
    meta = {**download_meta(entry, build, region), "Titel": title,
            "Zeitraum": f"{periods[0]} bis {periods[-1]}" if periods else "–",
            "Verglichen mit": ", ".join(sorted(set(frame["label"]) - {name})) or "–"}
    return charts.View(fig, value_table(frame, entry), series_alt(entry, frame, region),
                       context.filename(_title(entry).lower(), "zeitreihe", region=region), meta)


def series_alt(entry: Indicator, frame: pd.DataFrame, region: str) -> str:
    """Text alternative of the line chart: first and last value of the region, the regions compared."""
    name = regions.label(region)
    own = frame[frame["ags"] == region]
    if own.empty:
        return f"Liniendiagramm {entry.title}: für {name} liegen keine Werte vor."
    first, last = own.iloc[0], own.iloc[-1]
    others = sorted(set(frame["label"]) - {name})
    context = f" im Vergleich mit {', '.join(others)}" if others else ""
    start, end = (fmt.indicator_period(entry.stichtag, r["period"], r["year"]) for r in (first, last))
    return (f"Liniendiagramm {entry.title} für {name}{context} "
            f"von {start} ({_value(first, entry)}) bis {end} ({_value(last, entry)}).")


# --- ranking and map --------------------------------------------------------------------------------


def ranking_frame(entry: Indicator, year: int, level: str) -> pd.DataFrame:
    """One year of the Gemeinden of the home Kreis or of the Kreise of its Land, with ``label``."""
    home = regions.home()
    if level == "gemeinde":
        frame = indicators.ranking(entry.id, year, "gemeinde", home.kreis)
    else:
        frame = indicators.ranking(entry.id, year, "kreis")
        frame = frame[frame["ags"].isin(home.land_kreise)].reset_index(drop=True)
    labels = regions.labels()
    return frame.assign(label=[labels.get(a, a) for a in frame["ags"]])


def ranking_reference(entry: Indicator, year: int, level: str) -> tuple[str, float] | None:
    """(label, value) of the dashed reference line: the home Kreis for Gemeinden, the Land for Kreise."""
    home = regions.home()
    ref_ags, ref_level = (home.kreis, "kreis") if level == "gemeinde" else (home.land, "land")
    ref = indicators.ranking(entry.id, year, ref_level)
    ref = ref[ref["ags"] == ref_ags]
    return (regions.label(ref_ags), ref["value"].iloc[0]) if not ref.empty else None


def ranking_view(entry: Indicator, year: int, level: str, region: str, build: dict[str, str]) -> charts.View:
    """Bar chart of one year; the home Kreis and the region highlighted, the reference as a dashed line."""
    frame = ranking_frame(entry, year, level)
    highlight = {regions.label(a) for a in (region, regions.home().kreis)}
    title = f"{_title(entry)} {_period_of(entry, frame, year)}: {ranking_levels()[level]}"
    fig = charts.bar_ranking(frame, category="label", value="value", title=title, unit=entry.unit,
                             source=source_text(entry), highlight=highlight, decimals=entry.decimals,
                             reference=ranking_reference(entry, year, level))
    table = value_table(charts.display_order(frame, "value"), entry)
    return charts.View(fig, table, ranking_alt(entry, frame, year, level),
                       _ranking_file(entry, "rangfolge", level, year),
                       _ranking_meta(entry, build, title, year, level))


def _ranking_meta(entry: Indicator, build: dict[str, str], title: str, year: int, level: str) -> dict:
    return {**download_meta(entry, build), "Titel": title, "Region": ranking_levels()[level],
            "Zeitraum": str(year)}


def _ranking_file(entry: Indicator, kind: str, level: str, year: int) -> str:
    """``betreuungsquote_u3_rangfolge_gemeinden_2024_Lippe`` / ``…_kreise_2024_Nordrhein_Westfalen``."""
    home = regions.home()
    scope, region = ("gemeinden", home.kreis) if level == "gemeinde" else ("kreise", home.land)
    return context.filename(_title(entry).lower(), kind, scope, year, region=region)


def ranking_alt(entry: Indicator, frame: pd.DataFrame, year: int, level: str) -> str:
    """Text alternative of the ranking: number of regions, highest and lowest value, regions without."""
    valid = frame.dropna(subset=["value"]).sort_values("value")
    missing = len(frame) - len(valid)
    if valid.empty:
        return f"Balkendiagramm {entry.title} {_period_of(entry, frame, year)}: keine Werte vorhanden."
    low, high = valid.iloc[0], valid.iloc[-1]
    text = (f"Balkendiagramm {entry.title} {_period_of(entry, frame, year)} für {len(frame)} "
            f"{ranking_levels()[level]}: höchster Wert "
            f"{high['label']} ({_value(high, entry)}), niedrigster Wert {low['label']} "
            f"({_value(low, entry)}).")
    if missing:
        noun = "Region" if missing == 1 else "Regionen"
        text += f" {missing} {noun} ohne Wert (geheim, unsicher oder fehlend)."
    return text


def map_view(entry: Indicator, year: int, level: str, region: str, build: dict[str, str]) -> charts.View:
    """Map (real boundaries or schematic tiles) of the same values as the ranking."""
    frame = ranking_frame(entry, year, level)
    highlight = region if region in set(frame["ags"]) else regions.home().kreis
    title = f"{_title(entry)} {_period_of(entry, frame, year)}"
    fig = maps.indicator_map(frame, level=level, title=title, unit=entry.unit,
                             source=source_text(entry), decimals=entry.decimals, highlight=highlight)
    alt = ranking_alt(entry, frame, year, level).replace("Balkendiagramm", "Karte")
    return charts.View(fig, value_table(frame, entry), alt, _ranking_file(entry, "karte", level, year),
                       _ranking_meta(entry, build, title, year, level))


# --- cached for the page (per build; one shared view per choice, never changed by the page) --------------


@per_build
def shown_series(entry_id: str, region: str, peers: tuple[str, ...]) -> charts.View:
    """:func:`series_view` of the current build, cached."""
    return series_view(indicators.indicator(entry_id), region, list(peers), meta.build_info())


@per_build
def shown_ranking(entry_id: str, year: int, level: str, region: str) -> charts.View:
    """:func:`ranking_view` of the current build, cached."""
    return ranking_view(indicators.indicator(entry_id), year, level, region, meta.build_info())


@per_build
def shown_map(entry_id: str, year: int, level: str, region: str) -> charts.View:
    """:func:`map_view` of the current build, cached."""
    return map_view(indicators.indicator(entry_id), year, level, region, meta.build_info())
