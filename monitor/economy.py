"""Education and the regional economy: sector structure vs NRW (location quotients), key industries,
training against employment in matching sectors, training rate, replacement pressure, mismatch.

Occupation groups (KldB 2010, 2-digit) are linked to WZ 2008 sections by the explicit, weighted table
``catalogue/occupation_sector_mapping.csv`` (weights per occupation group sum to 1; estimates, not an
official key).
"""

from pathlib import Path

import pandas as pd

from monitor import db
from monitor.gaps import combined_status, pivot_measures, sum_with_status, usable

MAPPING_FILE = Path(__file__).resolve().parents[1] / "catalogue" / "occupation_sector_mapping.csv"
NRW = "05"
KEY_MIN_SHARE = 0.05

WZ_LABELS = {
    "A": "Land- und Forstwirtschaft", "B": "Bergbau, Steine und Erden", "C": "Verarbeitendes Gewerbe",
    "D": "Energieversorgung", "E": "Wasser, Entsorgung", "F": "Baugewerbe", "G": "Handel, Kfz-Reparatur",
    "H": "Verkehr und Lagerei", "I": "Gastgewerbe", "J": "Information und Kommunikation",
    "K": "Finanzen und Versicherungen", "L": "Grundstücks- und Wohnungswesen",
    "M": "Freiberufl., wiss. und techn. Dienstl.", "N": "Sonst. wirtschaftl. Dienstleistungen",
    "O": "Öffentliche Verwaltung", "P": "Erziehung und Unterricht", "Q": "Gesundheits- und Sozialwesen",
    "R": "Kunst, Unterhaltung, Erholung", "S": "Sonstige Dienstleistungen", "T": "Private Haushalte",
    "U": "Exterritoriale Organisationen",
}
AREA_LABELS = {
    "IH": "Industrie und Handel", "HW": "Handwerk", "OD": "Öffentlicher Dienst", "LW": "Landwirtschaft",
    "FB": "Freie Berufe", "HWI": "Hauswirtschaft", "total": "Insgesamt",
}


def load_mapping(path: Path = MAPPING_FILE) -> pd.DataFrame:
    """The occupation-group ↔ WZ-section table; raises if a group's weights do not sum to 1."""
    mapping = pd.read_csv(path, sep=";", dtype={"kldb2": "str", "wz_section": "str"})
    sums = mapping.groupby("kldb2")["weight"].sum()
    bad = sums[(sums - 1).abs() > 1e-6]
    if not bad.empty:
        raise ValueError(f"{path.name}: Gewichte je Berufsgruppe müssen 1 ergeben: {bad.to_dict()}")
    return mapping


# --- pure computations --------------------------------------------------------------------------------


def location_quotients(employees: pd.DataFrame, region: str, reference: str = NRW) -> pd.DataFrame:
    """Share of each WZ section in the region and the reference, and LQ = share / reference share.

    ``employees``: ags, wz_section (A…U, total), value, status — one year, age group total.
    """
    def shares(ags: str) -> pd.DataFrame:
        part = employees[employees["ags"] == ags].drop_duplicates("wz_section").set_index("wz_section")
        if "total" not in part.index:
            total, total_status = float("nan"), "missing"
        else:
            total, total_status = part.loc["total", "value"], part.loc["total", "status"]
        out = part.drop(index="total", errors="ignore")[["value", "status"]].copy()
        out["total_status"] = total_status
        out["share"] = out["value"] / total
        out["share_status"] = combined_status(out, ["status", "total_status"])
        out.loc[~usable(out["share_status"]), "share"] = float("nan")
        return out[["value", "share", "share_status"]]

    local = shares(region)
    ref = shares(reference).add_suffix("_ref")
    out = local.join(ref, how="left")
    out["share_status_ref"] = out["share_status_ref"].fillna("missing")
    out["status"] = combined_status(out, ["share_status", "share_status_ref"])
    out["lq"] = (out["share"] / out["share_ref"]).where(usable(out["status"]) & (out["share_ref"] > 0))
    out = out.rename(columns={"value": "employees"}).reset_index()
    out["label"] = out["wz_section"].map(WZ_LABELS).fillna(out["wz_section"])
    return out[["wz_section", "label", "employees", "share", "share_ref", "lq", "status"]]


def key_industries(lq: pd.DataFrame, min_share: float = KEY_MIN_SHARE) -> pd.DataFrame:
    """Sections with LQ > 1 and at least ``min_share`` of the region's employees, largest share first."""
    chosen = lq[(lq["lq"] > 1) & (lq["share"] >= min_share)]
    return chosen.sort_values("share", ascending=False).reset_index(drop=True)


def training_by_sector(market: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """BA places and applicants per occupation group, distributed to WZ sections by the mapping weights.

    ``market``: occupation_group, measure, value, status (one region and year). A section sum is unknown
    if any contributing group is unusable. Groups missing in the mapping are reported as section ``?``.
    """
    wide = pivot_measures(market[market["occupation_group"] != "total"], ["occupation_group"],
                          ["places", "applicants"])
    joined = wide.merge(mapping[["kldb2", "wz_section", "weight"]], left_on="occupation_group",
                        right_on="kldb2", how="left")
    joined["wz_section"] = joined["wz_section"].fillna("?")
    joined["weight"] = joined["weight"].fillna(1.0)
    parts = []
    for measure in ("places", "applicants"):
        part = pd.DataFrame({"wz_section": joined["wz_section"], "value": joined[measure] * joined["weight"],
                             "status": joined[f"{measure}_status"]})
        summed = sum_with_status(part, ["wz_section"]).rename(
            columns={"value": measure, "status": f"{measure}_status"})
        parts.append(summed.set_index("wz_section"))
    return parts[0].join(parts[1]).reset_index()


def sector_replacement(lq: pd.DataFrame, older: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """Per WZ section: employees, employees aged 55+, BA training places (mapped) and places per 100
    employees aged 55+ (``older``: wz_section, value, status).
    """
    old = older.rename(columns={"value": "employees_55plus", "status": "older_status"})
    out = lq[["wz_section", "label", "employees", "share", "lq"]].merge(old, on="wz_section", how="left")
    out = out.merge(training, on="wz_section", how="left")
    for col in ("older_status", "places_status", "applicants_status"):
        out[col] = out[col].fillna("missing")
    out["older_share"] = (out["employees_55plus"] / out["employees"]).where(usable(out["older_status"]))
    out["status"] = combined_status(out, ["older_status", "places_status"])
    ok = usable(out["status"]) & (out["employees_55plus"] > 0)
    out["places_per_100_older"] = (out["places"] / out["employees_55plus"] * 100).where(ok)
    return out.sort_values("employees", ascending=False, na_position="last").reset_index(drop=True)


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


# --- queries ------------------------------------------------------------------------------------------


def load_employees(ags: list[str], age_group: str = "total") -> pd.DataFrame:
    """Employees at the place of work by WZ section (one age group), all years."""
    return db.query(
        "SELECT ags, year, wz_section, value, status FROM core.employees "
        "WHERE place = 'work' AND age_group = ? AND list_contains(?, ags) AND wz_section IS NOT NULL",
        (age_group, ags),
    )


def load_apprentices(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT year, area, measure, value, status FROM core.apprentices WHERE ags = ? AND area IS NOT NULL",
        (ags,),
    )


def load_market(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT year, occupation_group, measure, value, status FROM core.training_market "
        "WHERE ags = ? AND occupation_group IS NOT NULL AND measure IS NOT NULL",
        (ags,),
    )


def occupation_labels(path: Path = MAPPING_FILE) -> dict[str, str]:
    """KldB 2010 2-digit code → German label (from the mapping table)."""
    mapping = load_mapping(path)
    return dict(zip(mapping["kldb2"], mapping["kldb2_label"], strict=False))
