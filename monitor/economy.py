"""Education and the regional economy: sector structure vs NRW (location quotients), key industries,
training against employment in matching sectors, training rate, replacement pressure, mismatch.

Sectors are the 13 grouped WZ 2008 positions of the employment table 13111-07-05-4 (``WZ_LABELS``); the
page uses the ten that partition all employees (``PARTITION``) plus C inside B-E. Occupation groups
(KldB 2010, 2-digit) are linked to the partition positions by the explicit, weighted table
``catalogue/occupation_sector_mapping.csv`` (weights per occupation group sum to 1; estimates, not an
official key). Employees by age exist only for all sectors together (13111-05-03-4: 50 to under 60,
60 to under 65, 65 and over).
"""

from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from etl import sectors
from etl.sectors import MAPPING_COLUMNS, MAPPING_FILE, PARTITION, PARTS, section_label
from monitor import charts, db, fmt, indicators
from monitor.gaps import (
    combined_status,
    per_build,
    pivot_measures,
    sum_with_status,
    usable,
)
from monitor.queries import regions

KEY_MIN_SHARE = 0.05
#: age groups of 13111-05-03-4 from 50 years
OLDER_GROUPS = ("50-60", "60-65", "65-")
AREA_LABELS = {
    "IH": "Industrie und Handel", "HW": "Handwerk", "OD": "Öffentlicher Dienst", "LW": "Landwirtschaft",
    "FB": "Freie Berufe", "HWI": "Hauswirtschaft", "total": "Insgesamt",
}


def load_mapping(path: Path = MAPPING_FILE) -> pd.DataFrame:
    """The occupation-group ↔ WZ-section table (``etl.sectors.load_mapping``) as a frame."""
    return pd.DataFrame(sectors.load_mapping(path), columns=MAPPING_COLUMNS)


# --- pure computations --------------------------------------------------------------------------------


def location_quotients(employees: pd.DataFrame, region: str, reference: str | None = None) -> pd.DataFrame:
    """Share of each partition position (and C) in the region and the reference, and LQ = share /
    reference share; the aggregates B-F and G-U are left out.

    ``employees``: ags, wz_section (``WZ_LABELS`` keys, total), value, status — one year, age group total.
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

    reference = reference or region[:2]
    local = shares(region)
    local = local[local.index.isin([*PARTITION, *PARTS])]
    ref = shares(reference).add_suffix("_ref")
    out = local.join(ref, how="left")
    out["share_status_ref"] = out["share_status_ref"].fillna("missing")
    out["status"] = combined_status(out, ["share_status", "share_status_ref"])
    out["lq"] = (out["share"] / out["share_ref"]).where(usable(out["status"]) & (out["share_ref"] > 0))
    out = out.rename(columns={"value": "employees"}).reset_index()
    out["label"] = [section_label(s) for s in out["wz_section"]]
    return out[["wz_section", "label", "employees", "share", "share_ref", "lq", "status"]]


def key_industries(lq: pd.DataFrame, min_share: float = KEY_MIN_SHARE) -> pd.DataFrame:
    """Sections with LQ > 1 and at least ``min_share`` of the region's employees, largest share first."""
    chosen = lq[(lq["lq"] > 1) & (lq["share"] >= min_share)]
    return chosen.sort_values("share", ascending=False).reset_index(drop=True)


def training_by_sector(market: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """BA places and applicants per occupation group, distributed to the partition positions by the
    mapping weights.

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


def sector_training(lq: pd.DataFrame, training: pd.DataFrame) -> pd.DataFrame:
    """Per partition position: employees, BA training places and applicants (mapped) and places per 100
    employees. Employees by age are not broken down by sector in the official tables."""
    out = lq.loc[lq["wz_section"].isin(PARTITION), ["wz_section", "label", "employees", "share", "lq",
                                                     "status"]]
    out = out.rename(columns={"status": "employees_status"}).merge(training, on="wz_section", how="left")
    for col in ("places_status", "applicants_status"):
        out[col] = out[col].fillna("missing")
    out["status"] = combined_status(out, ["employees_status", "places_status"])
    ok = usable(out["status"]) & (out["employees"] > 0)
    out["places_per_100"] = (out["places"] / out["employees"] * 100).where(ok)
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
    """Employees at the place of work by WZ position (one age group), all years."""
    return db.query(
        "SELECT ags, year, wz_section, value, status FROM core.employees "
        "WHERE place = 'work' AND age_group = ? AND list_contains(?, ags) AND wz_section IS NOT NULL",
        (age_group, ags),
    )


def load_older_employees(ags: str) -> pd.DataFrame:
    """Employees aged 50 and over (all sectors) per year: the sum of ``OLDER_GROUPS``, unknown if one
    group is unusable or missing."""
    rows = db.query(
        "SELECT year, age_group, value, status FROM core.employees WHERE place = 'work' AND ags = ? "
        "AND wz_section = 'total' AND list_contains(?, age_group)", (ags, list(OLDER_GROUPS)))
    summed = sum_with_status(rows, ["year"])
    complete = rows.groupby("year")["age_group"].nunique().reindex(summed["year"]).to_numpy()
    summed.loc[complete < len(OLDER_GROUPS), ["value", "status"]] = [float("nan"), "missing"]
    return summed


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


# --- page parts ---------------------------------------------------------------------------------------

#: source tables per chart (the source line names those with a file in the build, with their Stand)
SOURCES = {
    "employees": ["13111-07-05-4"],
    "sectors": ["13111-07-05-4", "LOCAL-AUSBILDUNGSMARKT"],
    "rates": ["LOCAL-AUSZUBILDENDE", "13111-07-05-4", "13111-05-03-4"],
    "apprentices": ["LOCAL-AUSZUBILDENDE"],
    "market": ["LOCAL-AUSBILDUNGSMARKT"],
}
MAPPING_NOTE = ("Zuordnung Berufsgruppen (KldB 2010, 2-Steller) ↔ Wirtschaftsbereiche (zusammengefasste "
                "Abschnitte der WZ 2008 wie in der Beschäftigtenstatistik): eigene Schätzgewichte je "
                "Berufsgruppe (Summe 1), kein amtlicher Schlüssel; Datei "
                "catalogue/occupation_sector_mapping.csv mit Begründung je Zeile.")


def source(chart: str) -> str:
    """Source line of a chart of this page (``SOURCES``)."""
    return indicators.source_line({"sources": SOURCES[chart]})


@per_build
def structure(region: str, year: int) -> pd.DataFrame:
    """Location quotients of the region vs NRW in one year."""
    employees = load_employees([region, region[:2]])
    return location_quotients(employees[employees["year"] == year], region)


@per_build
def employee_years(region: str) -> list[int]:
    return sorted(load_employees([region])["year"].unique().tolist(), reverse=True)


def _words(status: pd.Series) -> pd.Series:
    return status.map(charts.status_word)


@per_build
def lq_view(lq: pd.DataFrame, region: str, year: int) -> charts.View:
    """Bar chart of location quotients with the NRW reference at 1; key industries highlighted."""
    keys = key_industries(lq)
    title = f"Standortquotienten, {regions.label(region)} gegenüber NRW, {year}"
    line = source("employees")
    fig = charts.bar_ranking(lq, category="label", value="lq", title=title, unit=None,
                             source=line, highlight=keys["label"], decimals=2)
    reference_line(fig, 1.0, "NRW = 1")
    fig.update_xaxes(title_text="Standortquotient (NRW = 1)")
    data = pd.DataFrame({"Abschnitte": lq["wz_section"], "Wirtschaftsbereich": lq["label"],
                         "Beschäftigte": lq["employees"], "Anteil Region (%)": (lq["share"] * 100).round(1),
                         "Anteil NRW (%)": (lq["share_ref"] * 100).round(1),
                         "Standortquotient": lq["lq"].round(2),
                         "Status": _words(lq["status"])})
    alt = (f"Balkendiagramm: {title}. Werte über 1 bedeuten einen höheren Beschäftigtenanteil als in NRW. "
           + key_industries_text(lq))
    return charts.View(fig, data, alt, f"standortquotienten_{region}_{year}", {"Quelle": line})


def reference_line(fig: go.Figure, x: float, label: str) -> None:
    """Dashed vertical reference line with a label (for ratios without a unit suffix)."""
    fig.add_vline(x=x, line={"color": "#000000", "dash": "dash", "width": 2}, annotation_text=label,
                  annotation_position="top")


def key_industries_text(lq: pd.DataFrame) -> str:
    keys = key_industries(lq)
    if keys.empty:
        return "Kein Wirtschaftsbereich erfüllt die Kriterien einer Schlüsselbranche."
    items = [f"{r.label} ({fmt.fmt_number(r.share * 100, 1)} % der Beschäftigten, Standortquotient "
             f"{fmt.fmt_number(r.lq, 2)})" for r in keys.itertuples()]
    return "Schlüsselbranchen: " + "; ".join(items) + "."


@per_build
def sector_view(table: pd.DataFrame, region: str, year: int) -> charts.View:
    """BA training places per 100 employees by sector (the training effort of each sector)."""
    title = f"Ausbildungsstellen je 100 Beschäftigte nach Wirtschaftsbereich, {year}"
    line = source("sectors")
    fig = charts.bar_ranking(table, category="label", value="places_per_100", title=title,
                             unit=None, source=line, status="status", decimals=1)
    fig.update_xaxes(title_text="Ausbildungsstellen je 100 Beschäftigte")
    data = pd.DataFrame({
        "Wirtschaftsbereich": table["label"], "Beschäftigte": table["employees"],
        "Ausbildungsstellen (zugeordnet)": table["places"].round(1),
        "Bewerber (zugeordnet)": table["applicants"].round(1),
        "Stellen je 100 Beschäftigte": table["places_per_100"].round(1),
        "Status": _words(table["status"]),
    })
    low = table.dropna(subset=["places_per_100"]).sort_values("places_per_100")
    alt = f"Balkendiagramm: {title}. "
    if not low.empty:
        alt += (f"Am wenigsten Ausbildungsstellen je Beschäftigtem: {low['label'].iloc[0]} "
                f"({fmt.fmt_number(low['places_per_100'].iloc[0], 1)}).")
    return charts.View(fig, data, alt, f"ausbildung_je_bereich_{region}_{year}", {"Quelle": line})


@per_build
def sector_table(region: str, year: int, training_ags: str | None, training_year: int | None) -> pd.DataFrame:
    """Partition positions with employees and mapped BA places/applicants (``training_ags``: Kreis or
    Agentur)."""
    lq = structure(region, year)
    if training_ags is None:
        training = pd.DataFrame(columns=["wz_section", "places", "places_status", "applicants",
                                         "applicants_status"])
    else:
        market = load_market(training_ags)
        training = training_by_sector(market[market["year"] == training_year], load_mapping())
    return sector_training(lq, training)


@per_build
def rate_series(region: str) -> pd.DataFrame:
    """Training rate (apprentices per 100 employees) and apprentices per 100 employees aged 50+ by year."""
    apprentices = load_apprentices(region)
    total = apprentices[(apprentices["area"] == "total") & (apprentices["measure"] == "apprentices")]
    employees = load_employees([region])
    employees = employees[employees["wz_section"] == "total"][["year", "value", "status"]]
    older = load_older_employees(region)
    parts = []
    for label, denominator in (("Auszubildende je 100 Beschäftigte (Ausbildungsquote)", employees),
                               ("Auszubildende je 100 Beschäftigte ab 50 Jahren", older)):
        parts.append(ratio_series(total[["year", "value", "status"]], denominator).assign(Kennzahl=label))
    return pd.concat(parts, ignore_index=True)


@per_build
def rate_view(series: pd.DataFrame, region: str) -> charts.View:
    title = f"Auszubildende je 100 Beschäftigte, {regions.label(region)}"
    frame = series.assign(Jahr=series["year"].astype(str))
    line = source("rates")
    fig = charts.line_chart(frame, x="Jahr", y="value", series="Kennzahl", title=title,
                            unit="je 100 Beschäftigte", source=line)
    data = pd.DataFrame({"Jahr": frame["Jahr"], "Kennzahl": frame["Kennzahl"],
                         "Wert": frame["value"].round(2),
                         "Auszubildende": frame["numerator"], "Beschäftigte": frame["denominator"],
                         "Status": _words(frame["status"])})
    last = frame.dropna(subset=["value"]).sort_values("year").groupby("Kennzahl").tail(1)
    alt = f"Liniendiagramm: {title}. " + " ".join(
        f"{r.Kennzahl} {r.Jahr}: {fmt.fmt_number(r.value, 1)}." for r in last.itertuples())
    return charts.View(fig, data, alt, f"ausbildungsquote_{region}", {"Quelle": line})


@per_build
def apprentices_view(region: str) -> charts.View | None:
    """Apprentices by Ausbildungsbereich in the latest year."""
    data = load_apprentices(region)
    data = data[(data["measure"] == "apprentices") & (data["area"] != "total")]
    if data.empty:
        return None
    year = int(data["year"].max())
    part = data[data["year"] == year].assign(Bereich=lambda f: f["area"].map(AREA_LABELS).fillna(f["area"]))
    title = f"Auszubildende nach Ausbildungsbereich, {regions.label(region)}, 31.12.{year}"
    line = source("apprentices")
    fig = charts.bar_ranking(part, category="Bereich", value="value", title=title, unit="Anzahl",
                             source=line, decimals=0)
    fig.update_xaxes(title_text="Auszubildende")
    shown = pd.DataFrame({"Bereich": part["Bereich"], "Auszubildende": part["value"],
                          "Status": _words(part["status"])})
    top = part.sort_values("value", ascending=False).iloc[0]
    alt = f"Balkendiagramm: {title}. Größter Bereich: {top['Bereich']} ({fmt.fmt_number(top['value'], 0)})."
    return charts.View(fig, shown, alt, f"auszubildende_{region}_{year}", {"Quelle": line})


def mapping_display() -> pd.DataFrame:
    mapping = load_mapping()
    return pd.DataFrame({"Berufsgruppe": mapping["kldb2"] + " " + mapping["kldb2_label"],
                         "Wirtschaftsbereich": [section_label(s) for s in mapping["wz_section"]],
                         "Gewicht": mapping["weight"], "Begründung": mapping["note"]})
