"""Comparison: the Kreis against OWL, NRW and the Kreise of most similar structure.

The similarity definition is data: ``catalogue/peer_indicators.toml`` (features, transform, weights, k).
"""

import math
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from monitor import db
from monitor.economy import ratio_series
from monitor.gaps import usable

CONFIG_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "peer_indicators.toml"

#: One query per similarity feature: all Kreise of a Land, columns ags, year, value, status (+ part).
FEATURE_SQL = {
    "population": (
        "SELECT DISTINCT ON (ags, year) ags, year, value, status FROM core.population "
        "WHERE sex = 'total' AND age_from = 0 AND age_to IS NULL AND list_contains(?, ags) ORDER BY ags, year"
    ),
    "manufacturing_share": (
        "SELECT ags, year, value, status, wz_section AS part FROM core.employees "
        "WHERE wz_section IN ('C', 'total') AND place = 'work' AND age_group = 'total' "
        "AND list_contains(?, ags)"
    ),
    "unemployment_rate": (
        "SELECT ags, year, value, status FROM core.unemployment "
        "WHERE \"group\" = 'total' AND measure = 'rate' AND list_contains(?, ags)"
    ),
}


def load_config(path: Path = CONFIG_FILE) -> dict:
    """The similarity and comparison settings; raises naming the file if a feature is unknown."""
    with path.open("rb") as handle:
        config = tomllib.load(handle)
    for feature in config["similarity"]["features"]:
        if feature["id"] not in FEATURE_SQL:
            known = sorted(FEATURE_SQL)
            raise ValueError(f"{path.name}: unbekanntes Merkmal {feature['id']!r} (bekannt: {known})")
    return config


# --- pure computations --------------------------------------------------------------------------------


def share_of_total(frame: pd.DataFrame, part: str) -> pd.DataFrame:
    """Percent share of ``part`` in ``total`` per (ags, year) with the combined status."""
    out = []
    for ags, rows in frame.groupby("ags"):
        numerator = rows.loc[rows["part"] == part, ["year", "value", "status"]]
        denominator = rows.loc[rows["part"] == "total", ["year", "value", "status"]]
        out.append(ratio_series(numerator, denominator).assign(ags=ags))
    if not out:
        return pd.DataFrame(columns=["ags", "year", "value", "status"])
    return pd.concat(out, ignore_index=True)[["ags", "year", "value", "status"]]


def latest_for_reference(features: pd.DataFrame, reference: str) -> pd.DataFrame:
    """Per feature, the rows of the latest year in which the reference has a usable value."""
    ok = features[usable(features["status"])]
    years = ok[ok["ags"] == reference].groupby("feature")["year"].max()
    keep = features["feature"].map(years) == features["year"]
    return features[keep].reset_index(drop=True)


def similarity(features: pd.DataFrame, reference: str, specs: list[dict], k: int) -> pd.DataFrame:
    """Distance of every candidate to the reference on standardised features, nearest first.

    ``features``: ags, feature, value, status (one row per ags and feature). Returns ags, one z column per
    feature, ``distance``, ``peer`` (the k nearest, reference excluded); candidates with an unusable
    feature have NULL distance and come last.
    """
    unique = features.drop_duplicates(["ags", "feature"])
    wide = unique.pivot(index="ags", columns="feature", values="value").astype("float64")
    bad = features.loc[~usable(features["status"]), "ags"].unique()
    wide.loc[wide.index.isin(bad)] = np.nan
    total = pd.Series(0.0, index=wide.index)
    for spec in specs:
        values = wide.get(spec["id"], pd.Series(np.nan, index=wide.index)).astype("float64")
        if spec.get("transform") == "log":
            values = np.log(values.where(values > 0))
        std = values.std(ddof=0)
        z = (values - values.mean()) / std if std and not math.isnan(std) else values * 0.0
        wide[f"z_{spec['id']}"] = z
        if reference not in z.index or pd.isna(z[reference]):
            raise ValueError(f"Referenzregion {reference} hat keinen Wert für {spec['id']}")
        total = total + spec.get("weight", 1.0) * (z - z[reference]) ** 2
    out = wide.reset_index()
    out["distance"] = np.sqrt(total.to_numpy())
    out = out.sort_values("distance", na_position="last").reset_index(drop=True)
    candidates = out[(out["ags"] != reference) & out["distance"].notna()]
    out["peer"] = out["ags"].isin(candidates["ags"].head(k))
    return out


def ranking(latest: pd.DataFrame, direction: str) -> pd.DataFrame:
    """Rank regions (1 = best): ``higher`` is better → descending; ``lower`` → ascending; neutral →
    descending (rank = position only). Unusable values are not ranked."""
    ascending = direction == "lower"
    out = latest.copy()
    ranked = out["value"].where(usable(out["status"]))
    out["rank"] = ranked.rank(ascending=ascending, method="min")
    return out.sort_values(["rank", "ags"], na_position="last").reset_index(drop=True)


def latest_year(values: pd.DataFrame, reference: str) -> int | None:
    """Latest year in which the reference region has a usable value (else the latest year at all)."""
    ok = values[usable(values["status"]) & (values["ags"] == reference)]
    source = ok if not ok.empty else values
    return None if source.empty else int(source["year"].max())


# --- queries ------------------------------------------------------------------------------------------


def land_kreise(land: str) -> list[str]:
    """Kreise and kreisfreie Städte of a Land (level kreis, under one of its Regierungsbezirke or itself)."""
    found = db.query(
        "SELECT ags FROM core.regions WHERE level = 'kreis' AND (parent = ? OR parent IN "
        "(SELECT ags FROM core.regions WHERE parent = ? AND level = 'rb')) ORDER BY ags",
        (land, land),
    )
    return list(found["ags"])


def load_features(kreise: list[str], specs: list[dict]) -> pd.DataFrame:
    """Feature values of all candidates: ags, year, value, status, feature."""
    frames = []
    for spec in specs:
        frame = db.query(FEATURE_SQL[spec["id"]], (kreise,))
        if "part" in frame:
            frame = share_of_total(frame, "C")
        frames.append(frame.assign(feature=spec["id"]))
    return pd.concat(frames, ignore_index=True)


def peers(reference: str | None = None, config: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """Similarity table for the reference Kreis (default from the config) and the config used."""
    config = config or load_config()
    sim = config["similarity"]
    reference = reference or sim["reference"]
    features = latest_for_reference(load_features(land_kreise(sim["land"]), sim["features"]), reference)
    table = similarity(features, reference, sim["features"], sim["k"])
    years = features[features["ags"] == reference].set_index("feature")["year"].to_dict()
    return table, {**config, "feature_years": years}


def load_catalogue() -> pd.DataFrame:
    return db.query(
        "SELECT id, title, short_title, area, unit, decimals, direction, sources "
        "FROM mart.indicators ORDER BY id"
    )


def load_values(indicator_ids: list[str], ags: list[str]) -> pd.DataFrame:
    return db.query(
        "SELECT indicator_id, ags, year, period, value, status FROM mart.indicator_values "
        "WHERE list_contains(?, indicator_id) AND list_contains(?, ags)",
        (indicator_ids, ags),
    )
