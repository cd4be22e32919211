"""Narrative facts from the mart: the one builder of ``narrative.Facts`` and the one "latest per period"
helper. Cards, slides, reports and alt texts all read their facts here; the wording rules in
``monitor.narrative`` are pure and never query.
"""

from collections.abc import Callable
from dataclasses import replace

import pandas as pd

from etl.catalogue import Indicator
from monitor import fmt, narrative, paragraphs
from monitor.queries import indicators, regions

TREND_YEARS = 5


def latest_per_year(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per year (the latest period of the year), oldest first."""
    ordered = rows.sort_values(["year", "period"])
    return ordered.drop_duplicates("year", keep="last").reset_index(drop=True)


def rank_scope(level: str, parent: str | None) -> str:
    """``Gemeinden im Kreis Lippe`` / ``Kreisen und kreisfreien Städten in Nordrhein-Westfalen``."""
    if level == "gemeinde":
        return f"Gemeinden im {regions.label(parent)}" if parent else "Gemeinden"
    return f"Kreisen und kreisfreien Städten in {regions.label(parent)}" if parent else "Kreisen"


def build(entry: Indicator, own: pd.DataFrame, ref: pd.DataFrame, region: str, reference: str,
          year: int | None = None) -> narrative.Facts | None:
    """Facts of one indicator from value rows already loaded (``own``: the region, ``ref``: the reference
    region): latest year up to ``year``, previous year, reference value, up to five years of history.
    None when the region has no row."""
    own = latest_per_year(own)
    if year is not None:
        own = own[own["year"] <= year]
    if own.empty:
        return None
    latest = own.iloc[-1]
    year = int(latest["year"])
    prev_rows = own[own["year"] == year - 1]
    prev = None if prev_rows.empty else prev_rows.iloc[0]
    ref_rows = latest_per_year(ref)
    ref_rows = ref_rows[ref_rows["year"] == year] if region != reference else ref_rows.iloc[0:0]
    window = own[own["year"] >= year - TREND_YEARS]
    base = narrative.rounding_base_for(entry.rounding_base, entry.rounding_from, year)
    return narrative.Facts(
        title=entry.short_title or entry.title, region=regions.label(region), unit=entry.unit,
        decimals=entry.decimals, direction=entry.direction, value=latest["value"], status=latest["status"],
        period=fmt.indicator_period(entry.stichtag, latest["period"], year),
        prev_value=None if prev is None else prev["value"],
        prev_status=None if prev is None else prev["status"],
        prev_period=None if prev is None else fmt.indicator_period(entry.stichtag, prev["period"], year - 1),
        ref_value=None if ref_rows.empty else ref_rows["value"].iloc[0],
        ref_status=None if ref_rows.empty else ref_rows["status"].iloc[0], ref_name=regions.label(reference),
        tolerance=_noise(entry, base, [latest, prev]),
        history=tuple(narrative.Point(fmt.indicator_period(entry.stichtag, r.period, r.year), int(r.year),
                                      r.value, r.status)
                      for r in window.itertuples()),
        trend_tolerance=_noise(entry, base, [window.iloc[0], latest]) if base else None,
        provenance=latest.get("provenance"),
    )


def _noise(entry: Indicator, base: float | None, rows: list) -> float:
    rows = [r for r in rows if r is not None]
    return narrative.rounding_tolerance(entry.unit, entry.decimals, base,
                                        tuple(r["denominator"] for r in rows),
                                        tuple(r["numerator"] for r in rows))


def facts_for(entry: Indicator, region: str, year: int | None = None, reference: str | None = None,
              peers: Callable[[str], list[str]] | None = None, rank: bool = True) -> narrative.Facts | None:
    """Facts of one indicator for ``region`` from the current build, with the rank among the Gemeinden of
    its Kreis or the Kreise of its Land and (``peers``: Kreis → peer keys) the median of the peer Kreise.
    The reference defaults to the region's Land."""
    reference = reference or regions.land_of(region)
    rows = indicators.series(entry.id, [region, reference])
    facts = build(entry, rows[rows["ags"] == region], rows[rows["ags"] == reference], region, reference,
                  year)
    if facts is None:
        return None
    year = facts.history[-1].year if facts.history else year
    level = regions.level_of(region)
    if peers is not None and level == "kreis" and year is not None:
        facts = _with_peers(facts, entry, peers(region), year)
    if rank and level in ("gemeinde", "kreis") and year is not None:
        facts = replace(facts, rank=_rank(entry, region, year, level, facts.tolerance))
    return facts


def describe(entry: Indicator, region: str, year: int | None = None) -> str:
    """The paragraph about one indicator in one region (slides, reports, alt text); a German note when the
    region has no value row."""
    facts = facts_for(entry, region, year)
    if facts is None:
        return f"Für {regions.label(region)} liegen zu diesem Indikator keine Werte vor."
    return paragraphs.paragraph(facts)


def _with_peers(facts: narrative.Facts, entry: Indicator, keys: list[str], year: int) -> narrative.Facts:
    """Median of the peer Kreise in ``year``; unchanged when there are no peers."""
    if not keys:
        return facts
    rows = indicators.ranking(entry.id, year, "kreis")
    rows = rows[rows["ags"].isin(keys)]
    ok = rows[[narrative.usable(v, s) for v, s in zip(rows["value"], rows["status"], strict=True)]]
    name = f"Median der {len(keys)} Kreise ähnlicher Struktur"
    if ok.empty:
        return replace(facts, peer_value=None, peer_status="missing", peer_name=name)
    if len(ok) < len(keys):
        name += f" ({len(ok)} mit Wert)"
    return replace(facts, peer_value=float(ok["value"].median()), peer_status="ok", peer_name=name)


def _rank(entry: Indicator, region: str, year: int, level: str,
          rounding: float | None = None) -> narrative.Rank | None:
    """Rank among the Gemeinden of the region's Kreis, or among the Kreise of its Land; differences within
    ``rounding`` (the rounding noise of the region's value) count as near-ties."""
    if level == "gemeinde":
        parent = regions.regions().set_index("ags").loc[region, "parent"]
        frame = indicators.ranking(entry.id, year, "gemeinde", parent)
    else:
        parent = regions.land_of(region)
        frame = indicators.ranking(entry.id, year, "kreis")
        frame = frame[frame["ags"].isin(regions.land_kreise(parent))]
    if region not in set(frame["ags"]):
        return None
    labels = regions.labels()
    values = {labels.get(a, a): (v, s) for a, v, s in zip(frame["ags"], frame["value"], frame["status"],
                                                          strict=True)}
    return paragraphs.rank_of(values, labels.get(region, region), entry.direction, entry.decimals,
                             rank_scope(level, parent), rounding)
