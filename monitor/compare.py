"""Comparison: the Kreis against OWL, NRW and the Kreise of most similar structure.

The similarity definition is data: ``catalogue/peer_indicators.toml`` (features, transform, weights, k).
"""

import math
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from monitor import charts, db, fmt, indicators
from monitor.db import per_build
from monitor.economy import ratio_series
from monitor.gaps import usable
from monitor.markup import escape
from monitor.queries import meta
from monitor.queries import regions as region_dim

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
    """The similarity and comparison settings; raises ValueError naming the file and the problem."""
    with path.open("rb") as handle:
        try:
            config = tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise ValueError(f"{path.name}: {error}") from None
    similarity = config.get("similarity", {})
    missing = [k for k in ("reference", "land", "k", "method_de", "features") if k not in similarity]
    comparison = config.get("comparison", {})
    missing += [f"comparison.{k}" for k in ("owl", "default_indicators") if k not in comparison]
    if missing:
        raise ValueError(f"{path.name}: Angaben fehlen: {', '.join(missing)}")
    if not isinstance(similarity["k"], int) or similarity["k"] < 1:
        raise ValueError(f"{path.name}: k muss eine ganze Zahl ab 1 sein, nicht {similarity['k']!r}")
    for feature in similarity["features"]:
        if feature.get("id") not in FEATURE_SQL:
            known = sorted(FEATURE_SQL)
            raise ValueError(f"{path.name}: unbekanntes Merkmal {feature.get('id')!r} (bekannt: {known})")
        if not feature.get("weight", 0) > 0 or "label_de" not in feature:
            raise ValueError(f"{path.name}: Merkmal {feature['id']!r} braucht label_de und ein Gewicht > 0")
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
    """Rank regions (1 = best): ``higher_better`` → descending; ``lower_better`` → ascending; neutral →
    descending (rank = position only). Unusable values are not ranked."""
    ascending = direction in LOWER_BETTER
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


@per_build
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
    """The indicator catalogue (empty when the build has no mart yet)."""
    if not meta.table_exists("mart", "indicators"):
        return pd.DataFrame(columns=["id", "title", "short_title", "area", "unit", "decimals", "direction",
                                     "sources"])
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


# --- page parts ---------------------------------------------------------------------------------------

GROUPS = {"beide": "OWL und ähnliche Kreise", "owl": "Ostwestfalen-Lippe",
          "peers": "Kreise ähnlicher Struktur"}
HIGHER_BETTER = {"higher", "higher_better"}
LOWER_BETTER = {"lower", "lower_better"}
FEATURE_UNITS = {"population": (0, ""), "manufacturing_share": (1, "%"), "unemployment_rate": (1, "%")}


def peer_display(table: pd.DataFrame, config: dict) -> pd.DataFrame:
    """Peers (and the reference) with their feature values and distance, German labels, de-DE numbers."""
    shown = table[table["peer"] | (table["distance"] == 0)]
    out = pd.DataFrame({"Kreis": [region_dim.label(a) for a in shown["ags"]],
                        "Distanz": [fmt.fmt_number(d, 2) for d in shown["distance"]]})
    for spec in config["similarity"]["features"]:
        decimals, unit = FEATURE_UNITS.get(spec["id"], (1, ""))
        column = spec.get("column_de", spec["label_de"])
        out[column] = [fmt.fmt_value(v, "ok", decimals, unit or None) for v in shown[spec["id"]]]
    return out


def peer_text(table: pd.DataFrame, config: dict) -> str:
    names = [escape(region_dim.label(a)) for a in table.loc[table["peer"], "ags"]]
    excluded = table.loc[table["distance"].isna(), "ags"]
    labels = {f["id"]: f.get("column_de", f["label_de"]) for f in config["similarity"]["features"]}
    years = ", ".join(f"{labels.get(k, k)} {v}" for k, v in config.get("feature_years", {}).items())
    text = (f"**Kreise ähnlicher Struktur:** {', '.join(names)}. {config['similarity']['method_de']} "
            f"Datenjahre: {years}.")
    if not excluded.empty:
        excluded_names = ", ".join(escape(region_dim.label(a)) for a in excluded)
        text += f" Ohne Wert und daher nicht vergleichbar: {excluded_names}."
    return text


def comparison_regions(group: str, reference: str, peer_ags: list[str], config: dict) -> list[str]:
    owl = list(config["comparison"]["owl"])
    chosen = {"owl": owl, "peers": peer_ags, "beide": owl + [p for p in peer_ags if p not in owl]}[group]
    return [reference, *chosen]


def indicator_options(catalogue: pd.DataFrame) -> dict[str, str]:
    return dict(zip(catalogue["id"], catalogue["title"], strict=True))


def default_indicators(catalogue: pd.DataFrame, config: dict) -> list[str]:
    wanted = [i for i in config["comparison"]["default_indicators"] if i in set(catalogue["id"])]
    return wanted or list(catalogue["id"].head(4))


@per_build
def indicator_panel(indicator: pd.Series, values: pd.DataFrame, regions: list[str], reference: str,
                    land: str) -> tuple[charts.View, dict]:
    """One small multiple: the regions' latest values of one indicator, NRW as a reference line."""
    part = values[values["indicator_id"] == indicator["id"]]
    year = latest_year(part[part["ags"].isin(regions)], reference)
    latest = part[part["year"] == year]
    shown = latest[latest["ags"].isin(regions)].drop_duplicates("ags").copy()
    missing = [a for a in regions if a not in set(shown["ags"])]
    if missing:
        shown = pd.concat([shown, pd.DataFrame({"ags": missing, "value": float("nan"), "status": "missing"})])
    shown["Region"] = [region_dim.label(a) for a in shown["ags"]]
    ranked = ranking(shown, indicator["direction"])
    land_row = latest[latest["ags"] == land]
    land_value = land_row["value"].iloc[0] if not land_row.empty else float("nan")
    decimals = int(indicator["decimals"]) if pd.notna(indicator["decimals"]) else 1
    title = f"{indicator['short_title'] or indicator['title']}, {year}"
    source = indicators.source_line({"sources": indicator["sources"]})
    fig = charts.bar_ranking(ranked, category="Region", value="value", title=title, unit=indicator["unit"],
                             source=source, highlight=[region_dim.label(reference)], decimals=decimals,
                             reference=(region_dim.label(land), land_value))
    data = pd.DataFrame({"Rang": ranked["rank"].astype("Int64"), "Region": ranked["Region"],
                         "Wert": ranked["value"],
                         "Status": ranked["status"].map(charts.status_word), "Jahr": year})
    summary = rank_summary(ranked, reference, indicator, land_value, decimals)
    alt = f"Balkendiagramm: {title}. {summary['text']}"
    return charts.View(fig, data, alt, f"vergleich_{indicator['id']}", {"Quelle": source}), summary


def rank_summary(ranked: pd.DataFrame, reference: str, indicator: pd.Series, land_value: float,
                 decimals: int) -> dict:
    """Row of the ranking table for the reference region."""
    row = ranked[ranked["ags"] == reference].iloc[0]
    count = int(ranked["rank"].notna().sum())
    rank = f"{int(row['rank'])} von {count}" if pd.notna(row["rank"]) else "–"
    value = fmt.fmt_value(row["value"], row["status"], decimals, indicator["unit"])
    if indicator["direction"] in LOWER_BETTER:
        order = "niedriger ist günstiger"
    elif indicator["direction"] in HIGHER_BETTER:
        order = "höher ist günstiger"
    else:
        order = "ohne Wertung, Rang nach Größe"
    text = f"{region_dim.label(reference)}: {value}, Rang {rank} ({order})."
    return {"Indikator": indicator["title"], "Wert": value, "Rang": rank, "Lesart": order,
            "NRW": fmt.fmt_value(land_value, "ok", decimals, indicator["unit"]), "text": text}


def summary_table(summaries: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(summaries)
    return frame.rename(columns={"NRW": "Nordrhein-Westfalen"})[
        ["Indikator", "Wert", "Rang", "Lesart", "Nordrhein-Westfalen"]]


def peer_keys(table: pd.DataFrame) -> list[str]:
    """AGS of the chosen peers, nearest first."""
    return list(table.loc[table["peer"], "ags"])


def chosen_indicators(catalogue: pd.DataFrame, chosen: list[str]) -> list[dict]:
    """Catalogue rows (as dicts) of the chosen indicator ids, in the order chosen."""
    rows = {r["id"]: r for r in catalogue.to_dict("records")}
    return [rows[i] for i in chosen if i in rows]
