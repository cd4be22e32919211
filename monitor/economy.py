"""Leftovers of the former pandas path of "Bildung & Wirtschaft" that other pages still import until their
own restructuring is merged: ``ratio_series`` (monitor/compare.py), ``occupation_labels`` and
``mismatch_view`` (pages/gaps.py, moving to monitor/views/gaps.py). The economy page reads the mart through
``monitor.queries.economy`` and ``monitor.views.economy``.
"""

from pathlib import Path

import pandas as pd

from etl import sectors
from etl.sectors import MAPPING_COLUMNS, MAPPING_FILE
from monitor import charts
from monitor.gaps import combined_status, occupation_name, per_build, usable
from monitor.views.economy import _words, reference_line, source


def load_mapping(path: Path = MAPPING_FILE) -> pd.DataFrame:
    """The occupation-group ↔ WZ-section table (``etl.sectors.load_mapping``) as a frame."""
    return pd.DataFrame(sectors.load_mapping(path), columns=MAPPING_COLUMNS)


def ratio_series(numerator: pd.DataFrame, denominator: pd.DataFrame, factor: float = 100) -> pd.DataFrame:
    """Per year: numerator / denominator × factor with combined status (frames: year, value, status)."""
    out = numerator.merge(denominator, on="year", how="outer", suffixes=("_num", "_den"))
    for side in ("num", "den"):
        out[f"status_{side}"] = out[f"status_{side}"].fillna("missing")
    out["status"] = combined_status(out, ["status_num", "status_den"])
    ok = usable(out["status"]) & (out["value_den"] > 0)
    out["value"] = (out["value_num"] / out["value_den"] * factor).where(ok)
    return out.rename(columns={"value_num": "numerator", "value_den": "denominator"})[
        ["year", "numerator", "denominator", "value", "status"]].sort_values("year").reset_index(drop=True)


def occupation_labels(path: Path = MAPPING_FILE) -> dict[str, str]:
    """KldB 2010 2-digit code → German label (from the mapping table)."""
    mapping = load_mapping(path)
    return dict(zip(mapping["kldb2"], mapping["kldb2_label"], strict=False))


@per_build
def mismatch_view(balance: pd.DataFrame, year: int) -> charts.View:
    """Unplaced applicants per 100 unfilled places by occupation group (> 100: more unplaced)."""
    labels = occupation_labels()
    frame = balance.assign(name=[occupation_name(g, labels) for g in balance["occupation_group"]])
    title = f"Unversorgte je 100 unbesetzte Stellen, 30.09.{year}"
    line = source("market")
    fig = charts.bar_ranking(frame, category="name", value="mismatch", title=title, unit=None,
                             source=line, status="mismatch_status", decimals=0)
    reference_line(fig, 100.0, "100 = ausgeglichen")
    fig.update_xaxes(title_text="Unversorgte je 100 unbesetzte Stellen")
    full = [occupation_name(g, labels, 200) for g in frame["occupation_group"]]
    data = pd.DataFrame({"Berufsgruppe": full, "unversorgte Bewerber": frame["unplaced"],
                         "unbesetzte Stellen": frame["unfilled"],
                         "Unversorgte je 100 unbesetzte Stellen": frame["mismatch"].round(1),
                         "Status": _words(frame["mismatch_status"])})
    alt = (f"Balkendiagramm: {title}. Werte über 100: mehr unversorgte Bewerber als offene Stellen "
           "(Besetzungsproblem auf Bewerberseite), unter 100: Stellen bleiben unbesetzt.")
    return charts.View(fig, data, alt, f"passungsprobleme_{year}", {"Quelle": line})
