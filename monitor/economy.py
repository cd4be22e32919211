"""Leftover of the former pandas path of "Bildung & Wirtschaft": ``ratio_series`` for monitor/compare.py
until the comparison page reads its peer features from the mart."""

import pandas as pd

from monitor.gaps import combined_status, usable


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
