"""Coverage gaps: Kita and OGS places against demand at planner-set rates; training places vs applicants.

Pure functions over query results (``load_*`` fetch them). A gap is ``demand − places`` (positive = places
missing). An unusable input (secret, missing …) makes the gap unknown with that status — never 0.
"""

import pandas as pd
import plotly.graph_objects as go

from etl.status import UNUSABLE, combine
from monitor import charts, db, fmt, indicators, maps
from monitor.db import per_build
from monitor.markup import escape
from monitor.queries import regions

#: Default demand rates; planning assumptions the user can change (shown with their source).
U3_RATE_DEFAULT = 0.45
KITA_3TO6_RATE_DEFAULT = 0.97
OGS_RATE_DEFAULT = 0.80
#: First school year (start in August) with the legal right to all-day care for first graders.
LEGAL_RIGHT_START = 2026

ASSUMPTIONS_DE = {
    "u3": "Bedarfsquote U3 (Voreinstellung 45 %): Annahme in der Größenordnung der Elternbedarfe für "
    "unter Dreijährige laut DJI-Kinderbetreuungsstudie (KiBS); Rechtsanspruch ab dem 1. Geburtstag "
    "(Kinderförderungsgesetz, KiföG, seit 1.8.2013). Anpassbar.",
    "3to6": "Bedarfsquote 3 bis unter 6 Jahre (Voreinstellung 97 %): Annahme nahe der Vollversorgung; "
    "Rechtsanspruch ab dem 3. Geburtstag (§ 24 SGB VIII). Anpassbar.",
    "ogs": "Bedarfsquote Ganztag (Voreinstellung 80 %): Annahme in der Größenordnung der Elternbedarfe "
    "für Grundschulkinder laut DJI-Kinderbetreuungsstudie (KiBS). Rechtsanspruch auf Ganztagsbetreuung "
    "(Ganztagsförderungsgesetz): ab August 2026 für Klasse 1, jedes Jahr eine Klasse mehr, ab "
    "Schuljahr 2029/30 für Klassen 1 bis 4. Vereinfachung: gleich große Jahrgänge (Grundschulkinder ÷ 4). "
    "Anpassbar.",
}

BANDS = {"u3": (0, 3), "3to6": (3, 6), "primary": (6, 10)}


# --- generic helpers for status-carrying frames -------------------------------------------------------


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


# --- children by age band -----------------------------------------------------------------------------


def children_by_band(population: pd.DataFrame, age_from: int, age_to: int) -> pd.DataFrame:
    """Children aged ``age_from`` to under ``age_to`` per (ags, year).

    ``population``: ags, year, age_from, age_to, value, status (sex total). Uses an exact band row where
    one exists (Kreis tables), else the sum of single-year rows (Gemeinde tables), which must be complete.
    """
    pop = population.dropna(subset=["age_to"])
    exact = pop[(pop["age_from"] == age_from) & (pop["age_to"] == age_to)]
    exact = exact.drop_duplicates(subset=["ags", "year"])[["ags", "year", "value", "status"]]
    inside = (pop["age_from"] >= age_from) & (pop["age_to"] <= age_to)
    singles = pop[(pop["age_to"] - pop["age_from"] == 1) & inside]
    singles = singles.drop_duplicates(subset=["ags", "year", "age_from"])
    summed = sum_with_status(singles, ["ags", "year"])
    complete = singles.groupby(["ags", "year"]).size().rename("n").reset_index()
    summed = summed.merge(complete, on=["ags", "year"])
    summed.loc[summed["n"] < age_to - age_from, ["value", "status"]] = [float("nan"), "missing"]
    summed = summed.drop(columns="n")
    have = set(zip(exact["ags"], exact["year"], strict=True))
    summed = summed[[(a, y) not in have for a, y in zip(summed["ags"], summed["year"], strict=True)]]
    out = pd.concat([exact, summed], ignore_index=True)
    return out.sort_values(["ags", "year"]).reset_index(drop=True)


def aggregate_groups(values: pd.DataFrame, groups: pd.DataFrame) -> pd.DataFrame:
    """Sum member values (ags, value, status) into groups (group_key, member_ags) → ags = group_key.

    A member without a value makes the group sum ``missing``.
    """
    joined = groups.merge(values, left_on="member_ags", right_on="ags", how="left")
    joined["status"] = joined["status"].fillna("missing")
    joined = joined.drop(columns="ags").rename(columns={"group_key": "ags"})
    return sum_with_status(joined[["ags", "value", "status"]], ["ags"])


def projection_factors(projection: pd.DataFrame, ref_year: int, target_year: int, fallback_ags: str
                       ) -> tuple[dict[str, float], dict[str, str]]:
    """Growth factor projection[target] / projection[reference] per ags and how it was obtained.

    ``projection``: ags, year, value, status for one age band. The reference is ``ref_year`` or, if the
    projection starts later, its first year. Areas without a usable projection of their own get the
    factor of ``fallback_ags`` (the Kreis), marked ``"aus Kreis skaliert"``.
    """
    proj = projection[usable(projection["status"])]
    factors: dict[str, float] = {}
    methods: dict[str, str] = {}
    for ags, rows in proj.groupby("ags"):
        series = rows.set_index("year")["value"]
        ref = ref_year if ref_year in series.index else min(series.index)
        if target_year in series.index and series[ref] > 0:
            factors[str(ags)] = float(series[target_year] / series[ref])
            methods[str(ags)] = "eigene Vorausberechnung"
    if fallback_ags in factors:
        factors["*"] = factors[fallback_ags]
    return factors, methods


def apply_factors(values: pd.DataFrame, factors: dict[str, float], methods: dict[str, str]) -> pd.DataFrame:
    """Scale ``value`` per ags by its factor (fallback ``*``); no factor → NULL, status ``missing``."""
    out = values.copy()
    fallback = factors.get("*")
    out["factor"] = [factors.get(a, fallback) for a in out["ags"]]
    out["method"] = [methods.get(a, "aus Kreis skaliert" if fallback else "keine Vorausberechnung")
                     for a in out["ags"]]
    out["value"] = out["value"] * out["factor"].astype("float64")
    no_factor = out["factor"].isna() & usable(out["status"])
    out.loc[no_factor, "status"] = "missing"
    return out


# --- gaps ---------------------------------------------------------------------------------------------


def check_rate(rate: float) -> float:
    if not 0 <= rate <= 1:
        raise ValueError(f"Bedarfsquote muss zwischen 0 und 100 % liegen, nicht {rate:.0%}")
    return rate


def place_gap(frame: pd.DataFrame, rate: float) -> pd.DataFrame:
    """Demand and gap per area, largest gap first, unknown gaps last.

    ``frame``: ags, name, children, children_status, places, places_status. Adds ``demand`` (children ×
    rate), ``gap`` (demand − places), ``coverage`` (places per child), ``status``.
    """
    check_rate(rate)
    out = frame.copy()
    children_ok = usable(out["children_status"])
    out["demand"] = (out["children"] * rate).where(children_ok)
    out["status"] = combined_status(out, ["children_status", "places_status"])
    ok = usable(out["status"])
    out["gap"] = (out["demand"] - out["places"]).where(ok)
    out["coverage"] = (out["places"] / out["children"]).where(ok & (out["children"] > 0))
    return sort_gaps(out)


def sort_gaps(frame: pd.DataFrame, column: str = "gap") -> pd.DataFrame:
    """Largest gap first; unknown gaps at the end (by name)."""
    ordered = frame.sort_values([column, "name"], ascending=[False, True], na_position="last")
    return ordered.reset_index(drop=True)


def entitled_grades(school_year_start: int) -> int:
    """Primary grades with a legal right to all-day care in the school year starting in August of the year."""
    return max(0, min(4, school_year_start - LEGAL_RIGHT_START + 1))


def ogs_gap(frame: pd.DataFrame, school_year_start: int, rate: float) -> pd.DataFrame:
    """OGS places against the legal right in a school year.

    ``frame``: ags, name, primary_pupils (+_status), ogs_places (+_status), optional ``factor`` (projected
    growth of the 6-to-under-10 population, default 1). Demand = pupils × factor × entitled grades / 4 ×
    rate.
    """
    check_rate(rate)
    out = frame.rename(columns={"primary_pupils": "children", "primary_pupils_status": "children_status",
                                "ogs_places": "places", "ogs_places_status": "places_status"})
    factor = out.get("factor", 1.0)
    out["children"] = out["children"] * factor
    out = place_gap(out, rate * entitled_grades(school_year_start) / 4)
    out["grades"] = entitled_grades(school_year_start)
    return out


def training_balance(market: pd.DataFrame) -> pd.DataFrame:
    """Training places vs applicants per occupation group (one region and year).

    ``market``: occupation_group, measure, value, status. Returns places, applicants, unfilled, unplaced
    (each with status), ``gap`` = applicants − places (positive = too few places), ``mismatch`` =
    unplaced per 100 unfilled places; largest absolute gap first, the total row excluded.
    """
    wide = pivot_measures(market, ["occupation_group"], ["places", "applicants", "unfilled", "unplaced"])
    wide = wide[wide["occupation_group"] != "total"].copy()
    wide["status"] = combined_status(wide, ["places_status", "applicants_status"])
    wide["gap"] = (wide["applicants"] - wide["places"]).where(usable(wide["status"]))
    wide["mismatch_status"] = combined_status(wide, ["unfilled_status", "unplaced_status"])
    ok = usable(wide["mismatch_status"]) & (wide["unfilled"] > 0)
    wide["mismatch"] = (wide["unplaced"] / wide["unfilled"] * 100).where(ok)
    order = wide["gap"].abs().sort_values(ascending=False, na_position="last").index
    return wide.loc[order].reset_index(drop=True)


# --- queries ------------------------------------------------------------------------------------------


def load_population(ags: list[str], max_age: int = 10) -> pd.DataFrame:
    """Population rows (sex total) below ``max_age`` for these regions, all years."""
    return db.query(
        "SELECT ags, year, age_from, age_to, value, status, table_code FROM core.population "
        "WHERE sex = 'total' AND age_to IS NOT NULL AND age_to <= ? AND list_contains(?, ags)",
        (max_age, ags),
    )


def load_projection(ags: list[str], age_from: int, age_to: int) -> pd.DataFrame:
    """Projected population of one age band (latest base year) for these regions."""
    return db.query(
        "SELECT ags, year, value, status, table_code FROM core.population_projection "
        "WHERE age_from = ? AND age_to = ? AND list_contains(?, ags) "
        "AND base_year = (SELECT max(base_year) FROM core.population_projection)",
        (age_from, age_to, ags),
    )


def load_kita(ags: list[str], age_band: str) -> pd.DataFrame:
    """Kita measures of one age band per region and year."""
    return db.query(
        "SELECT ags, year, measure, value, status, table_code FROM core.kita "
        "WHERE age_band = ? AND list_contains(?, ags)",
        (age_band, ags),
    )


def load_allday(ags: list[str]) -> pd.DataFrame:
    return db.query(
        "SELECT ags, year, measure, value, status, table_code FROM core.allday WHERE list_contains(?, ags)",
        (ags,)
    )


def load_training_market(ags: str) -> pd.DataFrame:
    return db.query(
        "SELECT year, occupation_group, measure, value, status FROM core.training_market WHERE ags = ?",
        (ags,),
    )


def load_areas(kreis: str) -> pd.DataFrame:
    """Gemeinden and Jugendämter of a Kreis with their member Gemeinden (group_key, member_ags)."""
    return db.query(
        "SELECT r.ags, r.name, r.level, g.member_ags FROM core.regions r "
        "LEFT JOIN core.region_groups g ON g.group_key = r.ags "
        "WHERE r.parent = ? AND r.level IN ('gemeinde', 'jugendamt') ORDER BY r.level, r.ags",
        (kreis,),
    )


# --- views for the page -------------------------------------------------------------------------------


def _areas(kreis: str, level: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Areas of the level (ags, name) and the Jugendamt groups (group_key, member_ags)."""
    areas = load_areas(kreis)
    chosen = areas[areas["level"] == level][["ags", "name"]].drop_duplicates().reset_index(drop=True)
    groups = areas[(areas["level"] == "jugendamt") & areas["member_ags"].notna()]
    return chosen, groups.rename(columns={"ags": "group_key"})[["group_key", "member_ags"]]


def table_codes(frame: pd.DataFrame) -> list[str]:
    """Distinct source tables of the rows, in order of appearance."""
    return list(dict.fromkeys(frame["table_code"].dropna())) if "table_code" in frame else []


def _children(kreis: str, band: str, year: int, level: str, target_year: int | None
              ) -> tuple[pd.DataFrame, dict]:
    """Children of the band per area (value, status) at 31.12. of ``year`` or projected to target_year;
    info: pop_year, methods and the source tables read (``sources``)."""
    age_from, age_to = BANDS[band]
    gemeinden, groups = _areas(kreis, "gemeinde")
    population = load_population([*gemeinden["ags"], kreis], age_to)
    kids = children_by_band(population, age_from, age_to)
    years = sorted(kids.loc[kids["year"] <= year, "year"].unique())
    if not years:
        empty = pd.DataFrame(columns=["ags", "value", "status"])
        return empty, {"pop_year": None, "methods": {}, "sources": []}
    pop_year = int(years[-1])
    kids = kids[(kids["year"] == pop_year) & (kids["ags"] != kreis)][["ags", "value", "status"]]
    read = population[(population["year"] == pop_year) & population["ags"].isin(gemeinden["ags"])
                      & (population["age_from"] >= age_from) & (population["age_to"] <= age_to)]
    info: dict = {"pop_year": pop_year, "methods": {}, "sources": table_codes(read)}
    if target_year is not None:
        projection = load_projection([*gemeinden["ags"], kreis], age_from, age_to)
        factors, methods = projection_factors(projection, pop_year, target_year, kreis)
        kids = apply_factors(kids, factors, methods)
        info["methods"] = dict(zip(kids["ags"], kids["method"], strict=True))
        info["sources"] += table_codes(projection)
    if level == "jugendamt":
        kids = aggregate_groups(kids[["ags", "value", "status"]], groups)
    return kids[["ags", "value", "status"]], info


@per_build
def kita_table(kreis: str, band: str, rate: float, level: str = "jugendamt",
               target_year: int | None = None) -> tuple[pd.DataFrame, dict]:
    """Kita gap per Jugendamt or Gemeinde: latest Kita year, or children projected to ``target_year``.

    Returns the table (see ``place_gap``) and info: kita_year, pop_year, target_year, methods, sources.
    """
    areas, _ = _areas(kreis, level)
    kita = load_kita(list(areas["ags"]), band)
    places = kita[kita["measure"] == "places"]
    if places.empty:
        return place_gap(_empty_frame(areas), rate), {"kita_year": None, "pop_year": None, "sources": []}
    kita_year = int(places["year"].max())
    kids, info = _children(kreis, band, kita_year - 1, level, target_year)
    frame = areas.merge(
        kids.rename(columns={"value": "children", "status": "children_status"}), on="ags", how="left")
    wide = pivot_measures(kita[kita["year"] == kita_year], ["ags"], ["places", "places_planned"])
    frame = frame.merge(wide, on="ags", how="left")
    for col in ("children_status", "places_status", "places_planned_status"):
        frame[col] = frame[col].fillna("missing")
    info.update(kita_year=kita_year, target_year=target_year,
                sources=[*table_codes(kita[kita["year"] == kita_year]), *info["sources"]])
    return place_gap(frame, rate), info


def _empty_frame(areas: pd.DataFrame) -> pd.DataFrame:
    frame = areas.copy()
    frame["children"] = frame["places"] = float("nan")
    frame["children_status"] = frame["places_status"] = "missing"
    return frame


@per_build
def ogs_table(kreis: str, school_year_start: int, rate: float) -> tuple[pd.DataFrame, dict]:
    """OGS gap per Gemeinde for the school year starting in ``school_year_start`` (latest data, projected)."""
    areas, _ = _areas(kreis, "gemeinde")
    allday = load_allday(list(areas["ags"]))
    data_year = int(allday["year"].max()) if not allday.empty else school_year_start
    wide = pivot_measures(allday[allday["year"] == data_year], ["ags"], ["ogs_places", "primary_pupils"])
    frame = areas.merge(wide, on="ags", how="left")
    for col in ("ogs_places_status", "primary_pupils_status"):
        frame[col] = frame[col].fillna("missing")
    info = {"data_year": data_year, "methods": {},
            "sources": table_codes(allday[allday["year"] == data_year])}
    if school_year_start > data_year:
        projection = load_projection([*areas["ags"], kreis], *BANDS["primary"])
        info["sources"] += table_codes(projection)
        factors, methods = projection_factors(projection, data_year, school_year_start, kreis)
        scaled = apply_factors(pd.DataFrame({"ags": frame["ags"], "value": 1.0, "status": "ok"}),
                               factors, methods)
        frame["factor"] = scaled["value"].to_numpy()
        info["methods"] = dict(zip(scaled["ags"], scaled["method"], strict=True))
    return ogs_gap(frame, school_year_start, rate), info


def training_region(kreis: str) -> str | None:
    """Key under which the training market of the Kreis is reported: the Kreis or its Agentur."""
    found = db.query(
        "SELECT ags FROM (SELECT ? AS ags, 0 AS pref UNION ALL SELECT group_key, 1 FROM core.region_groups "
        "WHERE member_ags = ? AND group_key LIKE 'AA%') k "
        "WHERE EXISTS (SELECT 1 FROM core.training_market t WHERE t.ags = k.ags) ORDER BY pref LIMIT 1",
        (kreis, kreis),
    )
    return None if found.empty else str(found["ags"].iloc[0])


# --- page parts ---------------------------------------------------------------------------------------

#: source table of the training market (BA figures copied into the template)
TRAINING_SOURCES = ["LOCAL-AUSBILDUNGSMARKT"]
BAND_LABELS = {"u3": "unter 3 Jahre (U3)", "3to6": "3 bis unter 6 Jahre"}
LEVEL_LABELS = {"jugendamt": "Jugendamt", "gemeinde": "Gemeinde"}


def gap_source(info: dict) -> str:
    """Source line of a Kita or OGS gap: the tables the computation read (``info["sources"]``) that have
    a file in the build, with their Stand."""
    return indicators.source_line({"sources": info.get("sources", [])})


def school_year_label(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def kita_year_label(year: int) -> str:
    """Kita-Jahr of the Stichtag 1 March ``year`` (``2025`` → ``2024/25``)."""
    return school_year_label(year - 1)


def target_options(first: int = 2026, last: int = 2040) -> dict[str, str]:
    """Scenario years for the projection; ``heute`` = latest data."""
    return {"heute": "heutiger Stand (letzte Daten)", **{str(y): str(y) for y in range(first, last + 1)}}


def _status_words(status: pd.Series) -> pd.Series:
    return status.map(charts.status_word)


def gap_data(table: pd.DataFrame, area_label: str, need_label: str = "Kinder") -> pd.DataFrame:
    """The numbers behind a gap chart, with German column names (NULL stays empty, status in words)."""
    return pd.DataFrame({
        area_label: table["name"], need_label: table["children"].round(0),
        "Bedarf (Plätze)": table["demand"].round(1), "Plätze": table["places"],
        "Lücke (Plätze)": table["gap"].round(1),
        "Versorgungsquote (%)": (table["coverage"] * 100).round(1), "Status": _status_words(table["status"]),
    })


def _formatted(values: pd.Series, statuses: pd.Series, decimals: int = 0,
               unit: str | None = None) -> list[str]:
    return [fmt.fmt_value(v, s, decimals, unit) for v, s in zip(values, statuses, strict=True)]


def gap_display(table: pd.DataFrame, area_label: str, need_label: str = "Kinder") -> pd.DataFrame:
    """Ranked table as shown on screen: de-DE numbers, official symbols for unknown values."""
    return pd.DataFrame({
        "Rang": [str(i + 1) if pd.notna(g) else "–" for i, g in enumerate(table["gap"])],
        area_label: table["name"],
        need_label: _formatted(table["children"], table["children_status"]),
        "Bedarf": _formatted(table["demand"], table["children_status"]),
        "Plätze": _formatted(table["places"], table["places_status"]),
        "Lücke": _formatted(table["gap"], table["status"]),
        "Versorgungsquote": _formatted(table["coverage"] * 100, table["status"], 1, "%"),
    })


def gap_summary(table: pd.DataFrame, what: str, rate: float) -> str:
    """One German sentence block for the largest gap, the sum of missing places and unknown areas."""
    known = table[table["gap"].notna()]
    unknown = len(table) - len(known)
    rate_text = fmt.fmt_number(rate * 100, 0)
    if known.empty:
        return (f"Für keine Region ist die Lücke bei {escape(what)} berechenbar (Eingangswerte fehlen oder "
                "geheim).")
    top = known.iloc[0]
    missing = known.loc[known["gap"] > 0, "gap"]
    if top["gap"] > 0:
        places = fmt.fmt_number(top["gap"], 0)
        text = (f"Größte Lücke: **{escape(top['name'])}** – es fehlen rechnerisch **{places}** Plätze "
                f"({escape(what)}, Bedarfsquote {rate_text} %). ")
    else:
        text = f"In keiner Region fehlen rechnerisch Plätze ({escape(what)}, Bedarfsquote {rate_text} %). "
    text += (f"Zusammen fehlen {fmt.fmt_number(missing.sum(), 0)} Plätze in {len(missing)} von "
             f"{len(table)} Gebieten.")
    if unknown:
        text += f" Für {unknown} Gebiet(e) ist die Lücke unbekannt (Eingangswert geheim oder fehlend)."
    return text


@per_build
def gap_view(table: pd.DataFrame, *, title: str, source: str, filename: str, area_label: str,
             need_label: str = "Kinder") -> charts.View:
    """Ranked bar chart of the gaps (positive = places missing) with its data and text alternative."""
    fig = charts.bar_ranking(table, category="name", value="gap", title=title, unit="Anzahl", source=source,
                             status="status", decimals=0)
    fig.update_xaxes(title_text="fehlende Plätze (negativ: Überhang)")
    room_for_labels(fig, table["gap"])
    known = table[table["gap"].notna()]
    alt = f"Balkendiagramm: {title}. "
    if not known.empty:
        top = known.iloc[0]
        alt += f"Größte Lücke {top['name']} mit {fmt.fmt_number(top['gap'], 0)} Plätzen. "
    alt += f"{len(table) - len(known)} Gebiete ohne berechenbaren Wert."
    return charts.View(fig, gap_data(table, area_label, need_label), alt, filename, {"Quelle": source})


def room_for_labels(fig: go.Figure, values: pd.Series) -> None:
    """Widen the value axis so that labels outside negative and positive bars stay readable."""
    known = values.dropna()
    if known.empty:
        return
    low, high = min(known.min(), 0.0), max(known.max(), 0.0)
    span = (high - low) or 1.0
    fig.update_xaxes(range=[low - 0.25 * span if low < 0 else 0, high + 0.2 * span])


@per_build
def gap_map(table: pd.DataFrame, *, title: str, source: str, filename: str) -> charts.View:
    """Gemeinde tile map (or real boundaries) of the gap, with its data."""
    data = table[["ags", "name", "gap", "status"]].rename(columns={"gap": "value"})
    fig = maps.indicator_map(data, level="gemeinde", title=title, unit="Plätze", source=source, decimals=0)
    known = table[table["gap"].notna()]
    alt = (f"Karte der Gemeinden: {title}. Dunklere Felder: kleinere Werte. "
           f"{len(table) - len(known)} Gemeinden ohne berechenbaren Wert (grau).")
    shown = pd.DataFrame({"Gemeinde": table["name"], "Lücke (Plätze)": table["gap"].round(1),
                          "Status": _status_words(table["status"])})
    return charts.View(fig, shown, alt, filename, {"Quelle": source})


def kita_notes(info: dict) -> str:
    """Caption with the data years and how projected children were obtained."""
    parts = []
    if info.get("kita_year"):
        parts.append(f"Plätze: Kita-Jahr {kita_year_label(info['kita_year'])} (Stichtag 1. März "
                     f"{info['kita_year']}), Ort der Einrichtung.")
    if info.get("pop_year"):
        parts.append(f"Kinder: Bevölkerung am 31.12.{info['pop_year']} (Wohnort).")
    if info.get("target_year"):
        scaled = ", ".join(sorted(set(info.get("methods", {}).values())))
        parts.append(f"Vorausberechnung {info['target_year']}: {scaled}; die Plätze bleiben auf dem heutigen "
                     "Stand. Gemeindeergebnisse sind Modellrechnungen mit größerer Unsicherheit.")
    return " ".join(parts)


def ogs_notes(info: dict, school_year_start: int) -> str:
    parts = []
    if info.get("data_year"):
        label = school_year_label(info["data_year"])
        parts.append(f"Plätze und Grundschulkinder: Schuljahr {label}, Schulort.")
    if info.get("methods"):
        scaled = ", ".join(sorted(set(info["methods"].values())))
        parts.append(f"Grundschulkinder für {school_year_label(school_year_start)} mit der Vorausberechnung "
                     f"der 6- bis unter 10-Jährigen fortgeschrieben ({scaled}); Plätze auf heutigem Stand.")
    return " ".join(parts)


@per_build
def training_market(kreis: str) -> tuple[pd.DataFrame, str]:
    """Training-market rows for the Kreis (or its Agentur) and the German name of the reporting area."""
    region = training_region(kreis)
    if region is None:
        return pd.DataFrame(columns=["year", "occupation_group", "measure", "value", "status"]), ""
    market = load_training_market(region)
    market = market[market["occupation_group"].notna() & market["measure"].notna()]
    return market, regions.label(region)


def training_summary(balance: pd.DataFrame, region: str) -> str:
    """Largest shortage and surplus of training places by occupation group."""
    known = balance[balance["gap"].notna()]
    if known.empty:
        return "Keine Berufsgruppe mit vollständigen Zahlen."
    short = known.sort_values("gap", ascending=False).iloc[0]
    spare = known.sort_values("gap").iloc[0]
    text = f"Berichtsgebiet: {escape(region)}. "
    if short["gap"] > 0:
        text += ("Mehr Bewerber als Stellen vor allem in Berufsgruppe "
                 f"**{escape(short['occupation_group'])}** "
                 f"({fmt.fmt_number(short['gap'], 0)} mehr Bewerber als Stellen). ")
    if spare["gap"] < 0:
        text += ("Mehr Stellen als Bewerber vor allem in Berufsgruppe "
                 f"**{escape(spare['occupation_group'])}** "
                 f"({fmt.fmt_number(-spare['gap'], 0)} Stellen mehr). ")
    return text + "Bewerber und Stellen sind bei der Bundesagentur für Arbeit gemeldete Fälle."


def occupation_name(code: str, labels: dict[str, str], width: int = 34) -> str:
    """``62 Verkaufsberufe``; long labels shortened with an ellipsis for chart axes."""
    label = labels.get(code, "")
    if len(label) > width:
        label = label[: width - 1].rstrip(" ,-") + "…"
    return f"{code} {label}".strip()


@per_build
def training_view(balance: pd.DataFrame, labels: dict[str, str], year: int) -> charts.View:
    """Applicants minus places per occupation group (positive = too few places)."""
    frame = balance.assign(name=[occupation_name(g, labels) for g in balance["occupation_group"]])
    title = f"Bewerber minus Stellen je Berufsgruppe, {school_year_label(year - 1)}"
    source = indicators.source_line({"sources": TRAINING_SOURCES})
    fig = charts.bar_ranking(frame, category="name", value="gap", title=title, unit="Anzahl",
                             source=source, status="status", decimals=0)
    fig.update_xaxes(title_text="Bewerber minus Stellen (Personen)")
    room_for_labels(fig, frame["gap"])
    data = pd.DataFrame({
        "Berufsgruppe (KldB 2010)": [occupation_name(g, labels, 200) for g in frame["occupation_group"]],
        "Bewerber": frame["applicants"],
        "Stellen": frame["places"], "Bewerber minus Stellen": frame["gap"],
        "unversorgte Bewerber": frame["unplaced"], "unbesetzte Stellen": frame["unfilled"],
        "Unversorgte je 100 unbesetzte Stellen": frame["mismatch"].round(1),
        "Status": _status_words(frame["status"]),
    })
    known = frame[frame["gap"].notna()]
    alt = f"Balkendiagramm: {title}. "
    if not known.empty:
        top = known.iloc[0]
        alt += f"Größte Abweichung: {top['name']} mit {fmt.fmt_number(top['gap'], 0)}."
    return charts.View(fig, data, alt, f"ausbildungsmarkt_{year}", {"Quelle": source})


def kita_scope(band: str, info: dict, short: bool = False) -> str:
    """``unter 3 Jahre (U3), Kita-Jahr 2024/25`` or ``…, Kinder vorausberechnet für 2030``."""
    if info.get("target_year"):
        when = f"{'Prognose' if short else 'Kinder vorausberechnet für'} {info['target_year']}"
    elif info.get("kita_year"):
        when = f"Kita-Jahr {kita_year_label(info['kita_year'])}"
    else:
        when = "ohne Daten"
    label = {"u3": "U3", "3to6": "3–6 Jahre"}[band] if short else BAND_LABELS[band]
    return f"{label}, {when}"


def ogs_scope(school_year_start: int) -> str:
    grades = entitled_grades(school_year_start)
    return f"Schuljahr {school_year_label(school_year_start)}, Rechtsanspruch für {grades} von 4 Klassen"


def years(frame: pd.DataFrame) -> list[int]:
    """Distinct years of a frame, newest first."""
    return sorted({int(y) for y in frame["year"].dropna()}, reverse=True)


@per_build
def market_balance(market: pd.DataFrame, year: int) -> pd.DataFrame:
    """``training_balance`` for one Berichtsjahr."""
    return training_balance(market[market["year"] == year])
