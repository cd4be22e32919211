"""The indicator catalogue of the build (typed ``etl.catalogue.Indicator``) and its values in the mart."""

from dataclasses import fields

import pandas as pd

from etl.catalogue import Indicator
from etl.vocabulary import AREAS
from monitor import db, fmt

VALUE_COLUMNS = ("indicator_id", "ags", "name", "level", "period", "year", "value", "numerator",
                 "denominator", "status", "note", "provenance")
_SELECT = ("SELECT v.indicator_id, v.ags, r.name, r.level, v.period, v.year, v.value, v.numerator, "
           "v.denominator, v.status, v.note, v.provenance FROM mart.indicator_values v "
           "JOIN core.regions r USING (ags) ")
_FIELDS = {f.name for f in fields(Indicator)}


def _entry(row: dict) -> Indicator:
    values = {}
    for name in _FIELDS & set(row):
        value = row[name]
        if name in ("sources", "levels"):
            value = tuple(str(v) for v in (value if value is not None else ()))
        elif not isinstance(value, str | bool | tuple) and fmt.is_missing(value):
            value = None if name in ("rounding_from", "rounding_base") else ""
        elif name in ("decimals", "rounding_from", "rounding_base"):
            value = int(value)
        values[name] = value
    return Indicator(**values)


@db.per_build
def catalogue() -> list[Indicator]:
    """Every indicator of ``mart.indicators``, in life-course order of the areas (catalogue order within)."""
    rows = [_entry(r) for r in db.query("SELECT * FROM mart.indicators").to_dict("records")]
    order = list(AREAS)
    return sorted(rows, key=lambda i: order.index(i.area) if i.area in order else len(order))


def indicator(indicator_id: str) -> Indicator:
    """One catalogue entry; KeyError for an unknown id."""
    for entry in catalogue():
        if entry.id == indicator_id:
            return entry
    raise KeyError(f"Unbekannter Indikator: {indicator_id}")


def known_ids() -> set[str]:
    return {entry.id for entry in catalogue()}


def headline() -> list[Indicator]:
    """Headline indicators (KPI cards of the overview)."""
    return [entry for entry in catalogue() if entry.headline]


def series(indicator_id: str, regions: list[str]) -> pd.DataFrame:
    """All periods of an indicator for the given regions (``VALUE_COLUMNS``), by year, period, region."""
    if not regions:
        return pd.DataFrame(columns=list(VALUE_COLUMNS))
    return db.query(_SELECT + "WHERE v.indicator_id = ? AND list_contains(?, v.ags) "
                    "ORDER BY v.year, v.period, v.ags", (indicator_id, list(regions)))


def ranking(indicator_id: str, year: int, level: str, parent: str | None = None) -> pd.DataFrame:
    """Values of all regions of a level (optionally below ``parent``) in one year; the latest period of
    that year per region."""
    return db.query(
        _SELECT + "WHERE v.indicator_id = ? AND v.year = ? AND r.level = ? AND (? IS NULL OR r.parent = ?) "
        "QUALIFY row_number() OVER (PARTITION BY v.ags ORDER BY v.period DESC) = 1 ORDER BY v.ags",
        (indicator_id, year, level, parent, parent)).reset_index(drop=True)


def latest_values(indicator_ids: list[str], regions: list[str]) -> pd.DataFrame:
    """Every period of the indicators for the regions (batched callers: KPI cards, reports)."""
    return db.query(_SELECT + "WHERE list_contains(?, v.indicator_id) AND list_contains(?, v.ags) "
                    "ORDER BY v.year, v.period", (list(indicator_ids), list(regions)))


def years(indicator_id: str) -> list[int]:
    """Years with at least one value row for the indicator, newest first."""
    frame = db.query("SELECT DISTINCT year FROM mart.indicator_values WHERE indicator_id = ? "
                     "ORDER BY year DESC", (indicator_id,))
    return [int(y) for y in frame["year"]]


def has_values(indicator_id: str, level: str) -> bool:
    frame = db.query("SELECT count(*) AS n FROM mart.indicator_values v JOIN core.regions r USING (ags) "
                     "WHERE v.indicator_id = ? AND r.level = ?", (indicator_id, level))
    return bool(frame["n"].iloc[0])


def series_breaks(indicator_id: str) -> pd.DataFrame:
    """Breaks of an indicator's series (mart.series_breaks): first year on the new basis, label, note."""
    return db.query("SELECT year, label, note FROM mart.series_breaks WHERE indicator_id = ? ORDER BY year",
                    (indicator_id,))


def status_counts() -> pd.DataFrame:
    """Number of indicator values per status (Datenlage)."""
    return db.query("SELECT status, count(*) AS n FROM mart.indicator_values GROUP BY status "
                    "ORDER BY n DESC")
