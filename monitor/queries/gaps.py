"""Queries of the Versorgungslücken page: the mart's gap macros and the training balance.

Every figure comes from ``etl/sql/mart/gaps.sql``; the demand rate and the target year are bound
parameters of the table macros ``mart.kita_gap`` and ``mart.ogs_gap``. Rows come ordered by ``position``
(largest gap first, unknown gaps last by name).
"""

from collections.abc import Iterable

import pandas as pd

from monitor import db

KITA_BANDS = ("u3", "3to6")
KITA_LEVELS = ("jugendamt", "gemeinde")


def check_rate(rate: float) -> float:
    """The demand rate as a share 0..1 (a planner's input); German error outside."""
    if not 0 <= rate <= 1:
        raise ValueError(f"Bedarfsquote muss zwischen 0 und 100 % liegen, nicht {rate:.0%}")
    return float(rate)


def kita_gap(kreis: str, band: str, rate: float, level: str = "jugendamt",
             target_year: int | None = None) -> pd.DataFrame:
    """``mart.kita_gap``: one row per Jugendamt or Gemeinde of the Kreis (see gaps.sql)."""
    if band not in KITA_BANDS or level not in KITA_LEVELS:
        raise ValueError(f"Altersgruppe {band!r} oder Ebene {level!r} unbekannt")
    return db.query("SELECT * FROM mart.kita_gap(?, ?, ?, ?, ?) ORDER BY position",
                    (kreis, band, check_rate(rate), level, None if target_year is None else int(target_year)))


def ogs_gap(kreis: str, school_year_start: int, rate: float) -> pd.DataFrame:
    """``mart.ogs_gap``: one row per Gemeinde of the Kreis for the school year starting in August."""
    return db.query("SELECT * FROM mart.ogs_gap(?, ?, ?) ORDER BY position",
                    (kreis, int(school_year_start), check_rate(rate)))


def entitled_grades(school_year_start: int) -> int:
    """Primary grades with a legal right to all-day care in that school year (``mart.entitled_grades``)."""
    found = db.query("SELECT mart.entitled_grades(?) AS grades", (int(school_year_start),))
    return int(found["grades"].iloc[0])


def training_region(candidates: Iterable[str | None]) -> str | None:
    """The first of the keys (the Kreis, then its Agentur) with a training balance in the mart."""
    keys = [str(c) for c in candidates if c]
    if not keys:
        return None
    found = db.query("SELECT ags FROM (SELECT DISTINCT ags FROM mart.training_balance "
                     "WHERE list_contains(?, ags)) ORDER BY list_position(?, ags) LIMIT 1", (keys, keys))
    return None if found.empty else str(found["ags"].iloc[0])


def training_years(region: str) -> list[int]:
    """Berichtsjahre of the training balance of a region, newest first."""
    frame = db.query("SELECT DISTINCT year FROM mart.training_balance WHERE ags = ? ORDER BY year DESC",
                     (region,))
    return [int(y) for y in frame["year"]]


def training_balance(region: str, year: int) -> pd.DataFrame:
    """``mart.training_balance`` of one region and year, largest absolute gap first."""
    return db.query("SELECT * FROM mart.training_balance WHERE ags = ? AND year = ? ORDER BY position",
                    (region, int(year)))


def training_sources(region: str) -> list[str]:
    """Source tables of the training-market rows of a region (for the source line)."""
    frame = db.query("SELECT DISTINCT table_code FROM core.training_market WHERE ags = ? "
                     "AND table_code IS NOT NULL ORDER BY table_code", (region,))
    return list(frame["table_code"])


def training_market(region: str) -> pd.DataFrame:
    """Training-market rows of a region as delivered (year, occupation_group, measure, value, status)."""
    return db.query("SELECT year, occupation_group, measure, value, status FROM core.training_market "
                    "WHERE ags = ? AND occupation_group IS NOT NULL AND measure IS NOT NULL", (region,))
