"""Leftovers still imported by monitor/economy.py, flows.py, compare.py, pages/economy.py and
pages/transitions.py; they go once those are rewritten.

The coverage gaps and the training balance are computed in the mart (``etl/sql/mart/gaps.sql``), read by
``monitor.queries.gaps`` and shown by ``monitor.views.gaps`` / ``monitor.views.training``.
"""

import pandas as pd

from etl.status import UNUSABLE, combine
from monitor.db import per_build  # noqa: F401  (imported from here by monitor/economy.py)
from monitor.queries import gaps as queries
from monitor.queries import regions
from monitor.views import training
from monitor.views.training import occupation_name  # noqa: F401  (imported from here by monitor/economy.py)


def combined_status(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """Row-wise status of a value derived from the status columns given (docs/DATA_MODEL.md §1)."""
    if frame.empty:
        return pd.Series([], dtype="str", index=frame.index)
    return frame[columns].fillna("missing").apply(lambda row: combine(row.tolist()), axis=1).astype("str")


def usable(status: pd.Series) -> pd.Series:
    return ~status.isin(UNUSABLE)


def pivot_measures(frame: pd.DataFrame, keys: list[str], measures: list[str],
                   measure_col: str = "measure") -> pd.DataFrame:
    """Long rows (keys, measure, value, status) → one row per key with ``<m>`` and ``<m>_status``.

    A measure without a row gets NULL with status ``missing``.
    """
    base = frame[keys].drop_duplicates().reset_index(drop=True)
    for measure in measures:
        part = frame.loc[frame[measure_col] == measure, [*keys, "value", "status"]]
        part = part.drop_duplicates(subset=keys)
        part = part.rename(columns={"value": measure, "status": f"{measure}_status"})
        base = base.merge(part, on=keys, how="left")
        base[f"{measure}_status"] = base[f"{measure}_status"].fillna("missing").astype("str")
        base[measure] = base[measure].astype("float64")
    return base


def sum_with_status(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum ``value`` per key; the sum is NULL if any part is unusable (status combined)."""
    if frame.empty:
        return pd.DataFrame(columns=[*keys, "value", "status"])
    grouped = frame.groupby(keys, sort=True)
    out = grouped["status"].agg(lambda s: combine(s.fillna("missing").tolist())).reset_index()
    out["value"] = grouped["value"].sum(min_count=1).to_numpy()
    out.loc[~usable(out["status"]), "value"] = float("nan")
    return out[[*keys, "value", "status"]]


# --- for pages/economy.py and pages/transitions.py (use monitor.views.training there instead) ----------


def training_region(kreis: str) -> str | None:
    """The Kreis or its Agentur, whichever has a training balance (``monitor.views.training.region``)."""
    return training.region(kreis, regions.home_of(kreis).agentur)


def training_market(kreis: str) -> tuple[pd.DataFrame, str]:
    """Training-market rows of the Kreis (or its Agentur) and the German name of the reporting area."""
    region = training_region(kreis)
    if region is None:
        return pd.DataFrame(columns=["year", "occupation_group", "measure", "value", "status"]), ""
    return queries.training_market(region), regions.label(region)


def years(frame: pd.DataFrame) -> list[int]:
    """Distinct years of a frame, newest first."""
    return sorted({int(y) for y in frame["year"].dropna()}, reverse=True)
